"""The measurements, each in a fresh process so imports count: builds and raw-engine baselines.

A repetition ("round") runs every planned measurement once (full, no-op, edit, baselines);
rounds are repeated rather than each measurement, so a change in the machine's background
load spreads over every measurement instead of biasing one.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from measure import Sample, run
from synthetic import edit_activity

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
FULL, NOOP, EDIT, SITE_PDF = "full", "noop", "edit", "site_pdf"
JOBS1, JOBS2, RAW_MKDOCS, RAW_WEASYPRINT = "jobs1", "jobs2", "raw_mkdocs", "raw_weasyprint"
ORDER = (FULL, NOOP, EDIT, RAW_MKDOCS, RAW_WEASYPRINT, SITE_PDF, JOBS1, JOBS2)


@dataclass(frozen=True)
class RawRender:
    """What raw_weasyprint.py reports for one run (seconds)."""

    import_seconds: float
    load_seconds: float
    html_seconds: float
    render_seconds: float
    join_seconds: float  # the booklet's cover, contents and join: ours, not the engine's
    by_kind: dict[str, list[float]]  # job kind -> render seconds of each job

    def kind_seconds(self, kind: str | None) -> float:
        """Render seconds of every job of one kind (None: of every job)."""
        return sum(sum(found) for k, found in self.by_kind.items() if kind in (None, k))


@dataclass
class Subject:
    """One guide to measure, how often to run each measurement, and what came out."""

    name: str
    root: Path
    activities: int
    pages: int
    pdfs: int
    edit_id: str
    reps: dict[str, int]
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    raw: list[RawRender] = field(default_factory=list)
    round_seconds: list[float] = field(default_factory=list)  # how long each repetition took
    translated: bool = False  # the default guide with a whole translation: not a synthetic size

    def median(self, name: str, what: Callable[[Sample], float] = lambda s: s.seconds) -> float | None:
        found = self.samples.get(name)
        return statistics.median(what(s) for s in found) if found else None

    def count(self, name: str) -> int:
        return len(self.samples.get(name, []))


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(SOURCE_DATE_EPOCH="1735689600", NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONDEVMODE", None)
    return env


def measure_round(subject: Subject, rep: int, progress: Callable[[str], None]) -> None:
    """Run repetition `rep` of every measurement planned for subject at least rep + 1 times."""
    env = environment()
    for name in ORDER:
        if subject.reps.get(name, 0) > rep:
            progress(f"{subject.name}: {name} (run {rep + 1})")
            sample = STEPS[name](subject, env, rep)
            subject.samples.setdefault(name, []).append(sample)


def schedule(subjects: list[Subject], repeat: int, deadline: float) -> None:
    """One round of every guide, largest first; then more rounds, smallest first, while each fits.

    A further round of a guide runs only if, judged by its first round, it ends before the
    deadline (a time.perf_counter() value).
    """
    for subject in sorted(subjects, key=lambda s: -s.activities):
        _round(subject, 0)
    for rep in range(1, repeat):
        for subject in subjects:
            if time.perf_counter() + subject.round_seconds[0] < deadline:
                _round(subject, rep)


def _round(subject: Subject, rep: int) -> None:
    began = time.perf_counter()
    measure_round(subject, rep, lambda text: print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr))
    subject.round_seconds.append(time.perf_counter() - began)


def _build(subject: Subject, env: dict[str, str], *extra: str, clean: bool, memory: bool = False) -> Sample:
    if clean:
        shutil.rmtree(subject.root / "build", ignore_errors=True)
    command = [sys.executable, "-m", "generator", "build", "--guide", str(subject.root), *extra]
    return run(command, env=env, sample_memory=memory)


def _full(subject: Subject, env: dict[str, str], rep: int) -> Sample:
    return _build(subject, env, clean=True, memory=True)


def _noop(subject: Subject, env: dict[str, str], rep: int) -> Sample:
    return _build(subject, env, clean=False)


def _edit(subject: Subject, env: dict[str, str], rep: int) -> Sample:
    edit_activity(subject.root, subject.edit_id, str(rep + 1))  # a different edit each time
    return _build(subject, env, clean=False)


def _site_pdf(subject: Subject, env: dict[str, str], rep: int) -> Sample:
    return _build(subject, env, "--only", "site,pdf", clean=True)


def _jobs(count: int) -> Callable[[Subject, dict[str, str], int], Sample]:
    def step(subject: Subject, env: dict[str, str], rep: int) -> Sample:
        return _build(subject, env, "--only", "pdf", "--jobs", str(count), clean=True)

    return step


def _raw_mkdocs(subject: Subject, env: dict[str, str], rep: int) -> Sample:
    """Plain `mkdocs build` of the project the last build left in build/mkdocs/."""
    config = subject.root / "build" / "mkdocs" / "mkdocs.yml"
    if not config.is_file():
        _build(subject, env, "--only", "site", clean=False)
    with tempfile.TemporaryDirectory(prefix="raw-mkdocs-") as site:
        return run([str(BIN / "mkdocs"), "build", "-q", "-f", str(config), "-d", site], env=env)


def _raw_weasyprint(subject: Subject, env: dict[str, str], rep: int) -> Sample:
    sample = run([sys.executable, str(HERE / "raw_weasyprint.py"), str(subject.root)], env=env)
    subject.raw.append(RawRender(**json.loads(sample.lines[-1][1])))
    return sample


STEPS: dict[str, Callable[[Subject, dict[str, str], int], Sample]] = {
    FULL: _full,
    NOOP: _noop,
    EDIT: _edit,
    SITE_PDF: _site_pdf,
    JOBS1: _jobs(1),
    JOBS2: _jobs(2),
    RAW_MKDOCS: _raw_mkdocs,
    RAW_WEASYPRINT: _raw_weasyprint,
}
