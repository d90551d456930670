"""The measurements, each in a fresh process so imports count: builds and raw-engine baselines.

A repetition ("round") runs every planned measurement once (full, no-op, edit, baselines);
rounds are repeated rather than each measurement, so a change in the machine's background
load spreads over every measurement instead of biasing one.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from measure import Sample, busy_threads, process_cpu, run
from preview_edits import KINDS, TRANSLATION, EditKind, guide_for
from preview_edits import Guide as EditedGuide
from synthetic import add_translation, edit_activity

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
CACHE_HOME = Path(tempfile.mkdtemp(prefix="guidegen-benchmark-cache-"))  # `check` remembers warnings here
FULL, NOOP, EDIT, SITE_PDF = "full", "noop", "edit", "site_pdf"
JOBS1, JOBS2, RAW_MKDOCS, RAW_WEASYPRINT = "jobs1", "jobs2", "raw_mkdocs", "raw_weasyprint"
CHECK, PREVIEW, MKDOCS_TO_PDF = "check", "preview", "mkdocs_to_pdf"
ORDER = (FULL, NOOP, EDIT, CHECK, PREVIEW, RAW_MKDOCS, RAW_WEASYPRINT, SITE_PDF, JOBS1, JOBS2, MKDOCS_TO_PDF)
IDLE_SAMPLES = 20  # a preview is done when none of its threads works in this many samples, 25 ms apart
PREVIEW_EDITS = 3  # saves timed in each preview run (their median is one sample)
PREVIEW_WAIT = 120.0  # seconds: a preview that shows no change by then has failed


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
    env.update(SOURCE_DATE_EPOCH="1735689600", NO_MKDOCS_2_WARNING="1", XDG_CACHE_HOME=str(CACHE_HOME))
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
    if not (subject.root / "build" / ".guidegen-manifest.json").is_file():
        # Nothing built yet (`--only edit`): an edit would be timed as a full build. Build first, untimed.
        _build(subject, env, clean=False)
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


def _check(subject: Subject, env: dict[str, str], rep: int) -> Sample:
    """`guidegen check` after one activity was edited, as an editor runs it between saves.

    A check is made beforehand, untimed, in every round: the timed one is the next, with what
    that check remembered. (Made only in the first round, a later round's check also read
    again every file the preview's edits had added, renamed or deleted meanwhile: 1.26 s
    against 0.34-0.42 s at 100 activities in the latest.md of 7 December.)
    """
    command = [sys.executable, "-m", "generator", "check", "--guide", str(subject.root)]
    run(command, env=env)
    edit_activity(subject.root, subject.edit_id, f"check{rep}")
    return run(command, env=env)


@dataclass(frozen=True)
class Wait:
    """One preview edit: save to visible, and the preview process's CPU time meanwhile and until
    every page it left stale is rebuilt (unlike wall time, hardly changed by other programs)."""

    seconds: float
    cpu: float
    settled_cpu: float
    load: float  # the 1-minute load average when the change showed


def _preview(subject: Subject, env: dict[str, str], rep: int) -> Sample:
    """Save -> the open page shows the change, in a running `guidegen serve` (website only).

    Every kind of edit (preview_edits.py) is saved PREVIEW_EDITS times, each kind in turn; the
    open page is fetched every 20 ms until it shows the change. One sample of a kind is the
    median of its saves; the text edit's is this step's own, the others are kept under
    `preview: <kind>`.
    """
    waits: dict[str, list[Wait]] = {kind.name: [] for kind in KINDS}
    own = [kind for kind in KINDS if not kind.translated]
    _time_edits(subject.root, subject.edit_id, own, env, rep, waits)
    translated = [kind for kind in KINDS if kind.translated]
    _time_edits(_translated_copy(subject), subject.edit_id, translated, env, rep, waits)
    for kind in KINDS[1:]:
        subject.samples.setdefault(preview_kind(kind.name), []).append(_median_wait(waits[kind.name]))
    return _median_wait(waits[KINDS[0].name])


def _median_wait(waits: list[Wait]) -> Sample:
    """One sample: the medians of the saves' wall times, CPU times and load averages."""

    def median(what: Callable[[Wait], float]) -> float:
        return statistics.median(what(wait) for wait in waits)

    return Sample(
        median(lambda w: w.seconds),
        median(lambda w: w.cpu),
        0,
        0,
        load=median(lambda w: w.load),
        settled_cpu=median(lambda w: w.settled_cpu),
    )


def _time_edits(
    root: Path, edit_id: str, kinds: list[EditKind], env: dict[str, str], rep: int, waits: dict[str, list[Wait]]
) -> None:
    """Each kind saved PREVIEW_EDITS times in one running preview of the guide at root."""
    command = [sys.executable, "-m", "generator", "serve", "--guide", str(root), "--port", "0", "--no-pdfs"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        address = _preview_address(process)
        guide = guide_for(root, edit_id)
        _settle(address, process.pid)
        for k in range(PREVIEW_EDITS):
            for kind in kinds:  # a marker of its own (ending in k: see preview_edits.py)
                number = KINDS.index(kind)
                wait = _save_and_wait(kind, guide, address, f"preview{rep}kind{number}x{k}", process.pid)
                waits[kind.name].append(wait)
                print(
                    f"  preview: {kind.name}: {wait.seconds:.2f} s (load {wait.load:.1f}; CPU {wait.cpu:.2f} s "
                    f"to visible, {wait.settled_cpu:.2f} s in all)",
                    file=sys.stderr,
                    flush=True,
                )
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)


def _translated_copy(subject: Subject) -> Path:
    """The subject's guide with a whole Welsh translation, made once beside it (so the other
    measurements keep timing the guide without one); a translated subject is its own."""
    if subject.translated:
        return subject.root
    copy = subject.root.parent / f"{subject.root.name}-{TRANSLATION}-preview"
    if not copy.is_dir():
        shutil.copytree(subject.root, copy, ignore=shutil.ignore_patterns("build"))
        add_translation(copy, TRANSLATION)
    return copy


def preview_kind(name: str) -> str:
    """The samples' key of one kind of preview edit."""
    return f"{PREVIEW}: {name}"


def _preview_address(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("Preview: "):
            threading.Thread(target=process.stdout.read, daemon=True).start()  # keep the pipe drained
            return line.split(" ", 1)[1].strip()
    raise RuntimeError("guidegen serve stopped before it showed the preview")


def _save_and_wait(kind: EditKind, guide: EditedGuide, address: str, marker: str, pid: int) -> Wait:
    """Save, wait until the open page shows it, then until the preview has finished the edit (so
    the pages rebuilt after the open one are not counted in the next edit)."""
    page = address + kind.page(guide)
    started, cpu = time.perf_counter(), process_cpu(pid)
    kind.save(guide, marker)
    while time.perf_counter() - started < PREVIEW_WAIT:
        try:
            with urllib.request.urlopen(page, timeout=10) as answer:
                if kind.shown(guide, answer.read().decode(), marker):
                    seconds, visible, load = time.perf_counter() - started, process_cpu(pid) - cpu, os.getloadavg()[0]
                    _settle(address, pid)
                    return Wait(seconds, visible, process_cpu(pid) - cpu, load)
        except OSError:
            pass  # the preview shows an error page (HTTP 500) or is busy: ask again
        time.sleep(0.02)
    raise RuntimeError(f"the preview did not show the {kind.name} edit at {page} within {PREVIEW_WAIT:.0f} s")


def _settle(address: str, pid: int) -> None:
    """Wait until the previous edit's work is done, so it is not counted in the next edit.

    A missing page is answered with the 404 page, which lists the menu: the preview holds that
    request until its last pages are rebuilt. Then the version must stay the same for a second,
    and no thread of the preview may be working (or waiting for a core) for half a second: the
    version alone changes only as each batch of stale pages ends, and on a loaded machine a
    batch outlasts the second, so the rest of the edit's work fell on the next edit's figures.
    """
    with contextlib.suppress(OSError):  # the 404 itself
        urllib.request.urlopen(address + "__no-such-page__/", timeout=PREVIEW_WAIT).close()
    origin = address.split("/", 3)
    version_url = f"{origin[0]}//{origin[2]}/__guidegen__/version"
    last, since = "", time.perf_counter()
    while time.perf_counter() - since < 1.0:
        with urllib.request.urlopen(version_url, timeout=10) as answer:
            now = answer.read().decode()
        if now != last:
            last, since = now, time.perf_counter()
        time.sleep(0.05)
    quiet, started = 0, time.perf_counter()
    while quiet < IDLE_SAMPLES and time.perf_counter() - started < PREVIEW_WAIT:
        quiet = 0 if busy_threads(pid) else quiet + 1
        time.sleep(0.025)


def _mkdocs_to_pdf(subject: Subject, env: dict[str, str], rep: int) -> Sample:
    """The anchor users would otherwise pick: MkDocs with the mkdocs-to-pdf plugin (site + one PDF)
    of the same generated project, in a fresh process."""
    project = subject.root / "build" / "mkdocs"
    if not (project / "mkdocs.yml").is_file():
        _build(subject, env, "--only", "site", clean=False)
    with tempfile.TemporaryDirectory(prefix="mkdocs-to-pdf-") as folder:
        copy = Path(folder) / "project"
        shutil.copytree(project, copy)
        config = yaml.safe_load((copy / "mkdocs.yml").read_text(encoding="utf-8"))
        config["plugins"] = [*config.get("plugins", []), {"to-pdf": {"output_path": "pdf/whole-guide.pdf"}}]
        config["strict"] = False  # the plugin's own notices must not stop the build
        (copy / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
        sample = run(
            [str(BIN / "mkdocs"), "build", "-q", "-f", str(copy / "mkdocs.yml"), "-d", str(copy / "site")], env=env
        )
        if not (copy / "site" / "pdf" / "whole-guide.pdf").is_file():
            raise RuntimeError("mkdocs-to-pdf made no PDF")
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
    CHECK: _check,
    PREVIEW: _preview,
    MKDOCS_TO_PDF: _mkdocs_to_pdf,
}
