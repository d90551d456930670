"""guidegen benchmark: build times, rebuilds, parallel PDFs, raw-engine baselines and memory.

    .venv/bin/python benchmarks/run.py [--sizes 20,100,500] [--repeat 3] [--quick] [--output FILE] [--budget MIN]

Measures the default guide and synthetic guides of each size (see synthetic.py) in fresh
processes, prints medians as Markdown with the issue's goals marked met or not met, and
optionally writes the same text to FILE. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from codebase import changed_since, code_under_test
from measure import CommandFailed
from report import (
    LINEAR_TOLERANCE,
    builds_table,
    editing_goals,
    editing_table,
    goals,
    goals_table,
    jobs_table,
    peak_table,
    phases_table,
    preview_table,
    ratios_table,
    raw_table,
    rebuild_goals,
    scale_table,
    variants_table,
)
from scenarios import (
    CHECK,
    EDIT,
    FULL,
    JOBS1,
    JOBS2,
    MKDOCS_TO_PDF,
    NOOP,
    ORDER,
    PREVIEW,
    RAW_MKDOCS,
    RAW_WEASYPRINT,
    SITE_PDF,
    Subject,
    environment,
    schedule,
)
from synthetic import REPO, add_translation, make_guide

sys.path.insert(0, str(REPO))  # this folder's generator, as the builds (run from here) import it
from generator.content.loader import load_guide
from generator.pdf.job_list import pdf_jobs

# The raw WeasyPrint baseline renders every PDF on one core: from MEDIUM activities on it is
# left out, and from LARGE on so is raw MkDocs: the default run takes more than half an hour
# since the print variants tripled the PDF jobs. The edit runs at every size: it is what an
# editor of a large guide waits for.
MEDIUM, LARGE, HUGE = 200, 300, 1000
NAMES = {
    FULL: "full build",
    NOOP: "no-op rebuild",
    EDIT: "one activity edited",
    SITE_PDF: "`--only site,pdf`",
    JOBS1: "`--jobs 1`",
    JOBS2: "`--jobs 2`",
    RAW_MKDOCS: "raw MkDocs",
    RAW_WEASYPRINT: "raw WeasyPrint",
    CHECK: "`check`",
    PREVIEW: "preview",
    MKDOCS_TO_PDF: "mkdocs-to-pdf",
}


ACCOUNTING = [
    "- Every build and baseline runs in a fresh process, so start-up and imports count. "
    "Builds use the default `--jobs` (one worker per core); the raw baselines are sequential.",
    "- Raw MkDocs: `mkdocs build` of the project the build leaves in build/mkdocs/. Raw WeasyPrint: "
    "importing WeasyPrint once, then generator.pdf.job_render.render_job for every handout, poster and booklet part "
    "in one process, with the HTML made beforehand (its time is shown apart as ours): the engine with our "
    "options and thin wrapper. Joining the booklet's parts (and laying out its contents) is ours, timed apart.",
    "- The offline bundle runs MkDocs a second time and zips the result, so the 1.15× goal compares "
    "`--only site,pdf` with raw MkDocs + raw WeasyPrint; the full build is shown against raw MkDocs "
    "counted twice + raw WeasyPrint, for information.",
    "- Peak memory: largest single process (rusage) and the highest sum over the build's processes at "
    "one moment of each one's proportional set size (PSS: pages shared by forked processes counted once "
    "in all), sampled every 0.1 s.",
    "- The build shares two cores between its PDF workers and two MkDocs builds (the website and the "
    "offline site): for a full build MkDocs runs in one child, one site after the other; for an edit, "
    "when the PDFs are few, in two children side by side. The edit's fixed costs (both MkDocs builds, "
    "importing WeasyPrint) are most of a small guide's full build, so the 30 % goal can only hold for "
    "larger guides.",
    "- Builds run with the default per-PDF time limit: the booklet is laid out in parts of one "
    "page or activity each, and only its join grows with the guide (its limit grows with it).",
    f"- PDF cost is linear when the PDF workers' marginal CPU seconds per activity between the two largest "
    f"sizes is at most {LINEAR_TOLERANCE}× that between the two smallest (CPU time, unlike wall time, "
    "hardly changes when other programs compete for the cores).",
]


def plan(activities: int | None, repeat: int) -> dict[str, int]:
    """How many times to run each measurement for a guide (None: the default guide)."""
    if activities is None:
        return {**dict.fromkeys(ORDER, repeat), MKDOCS_TO_PDF: 0}
    if activities >= HUGE:  # scale, and the one-edit rebuild (issue 32): a full build takes minutes
        return {FULL: 1, NOOP: 1, EDIT: 1}
    reps = dict.fromkeys((FULL, NOOP, EDIT, CHECK, PREVIEW, RAW_MKDOCS, RAW_WEASYPRINT), repeat)
    if 50 <= activities < LARGE:  # two workers against one where the fixed costs matter less
        reps.update({JOBS1: 1, JOBS2: 1})
    if activities == 100 and _have("mkdocs-to-pdf"):  # the peer users would otherwise pick, once
        reps.update({MKDOCS_TO_PDF: 1})
    if activities >= MEDIUM:
        reps.update({RAW_WEASYPRINT: 0})
    if activities >= LARGE:
        reps.update({RAW_MKDOCS: 0, CHECK: 1})
    return reps


def _have(package: str) -> bool:
    return _version(package) != "not installed"


def subject(name: str, root: Path, activities: int | None, repeat: int) -> Subject:
    guide = load_guide(root)
    kinds = [a.id for a in guide.activities if a.handout and a.handout.kind == "questions"]
    return Subject(
        name=name,
        root=root,
        activities=len(guide.activities),
        pages=len(guide.pages),
        pdfs=len(pdf_jobs(guide)),
        edit_id=kinds[0] if kinds else guide.activities[0].id,
        reps=plan(activities, repeat),
    )


def subjects(folder: Path, sizes: list[int], repeat: int, only: list[str]) -> list[Subject]:
    default = folder / "default"
    default.mkdir()
    shutil.copy2(REPO / "site_config.yml", default / "site_config.yml")
    shutil.copytree(REPO / "content", default / "content")
    found = [subject("default guide", default, None, repeat)]
    for size in sizes:
        root = make_guide(folder / f"synthetic-{size}", size)
        found.append(subject(f"synthetic {size}", root, size, repeat))
    # The default guide again, wholly translated into Welsh: a second site and set of PDFs.
    welsh = add_translation(make_guide(folder / "default-cy", found[0].activities))
    translated = subject("default guide + Welsh translation", welsh, None, repeat)
    translated.reps, translated.translated = dict.fromkeys((FULL, NOOP, EDIT), repeat), True
    for each in (*found, translated):  # --only: the others are planned zero times
        each.reps = {name: count for name, count in each.reps.items() if name in only}
    return [*found, translated]


def reductions(found: list[Subject], repeat: int) -> list[str]:
    """Say which measurements ran fewer times than asked, or not at all."""
    notes = []
    for s in found:
        fewer = [f"{NAMES[n]} ×{s.count(n)}" for n in ORDER if 0 < s.count(n) < repeat]
        skipped = [NAMES[n] for n in (EDIT, RAW_MKDOCS, RAW_WEASYPRINT) if not s.count(n)]
        parts = [", ".join(fewer)] if fewer else []
        parts += [f"not run: {', '.join(skipped)}"] if skipped else []
        if parts:
            notes.append(f"  - {s.name}: {'; '.join(parts)}.")
    if notes:
        notes.insert(
            0,
            f"- Fewer runs than the {repeat} asked for, to finish within the time budget (large "
            "guides leave out their costliest measurements; further runs stop near the budget):",
        )
    return notes


def machine() -> list[str]:
    cpu = _cpuinfo("model name") or platform.processor() or "unknown CPU"
    ram = _meminfo_gib()
    versions = ", ".join(f"{name} {_version(name)}" for name in ("weasyprint", "mkdocs", "mkdocs-material"))
    return [
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {cpu}, {os.cpu_count()} cores, {ram} RAM, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {versions}",
    ]


def _cpuinfo(key: str) -> str | None:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return None
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(key)), None)


def _meminfo_gib() -> str:
    try:
        line = next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal:"))
    except (OSError, StopIteration):
        return "unknown"
    return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark guidegen builds against the raw engines.")
    parser.add_argument("--sizes", default="20,100,500", help="activities in each synthetic guide (default 20,100,500)")
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="runs of each measurement (median)")
    parser.add_argument("--quick", action="store_true", help="smoke test: sizes 10,100 and one run each")
    parser.add_argument(
        "--only", help=f"run only these measurements, separated by commas ({', '.join(ORDER)}); default: all"
    )
    parser.add_argument("--output", type=Path, help="also write the Markdown report to this file")
    parser.add_argument(
        "--budget",
        type=float,
        default=9.5,
        metavar="MINUTES",
        help="skip further repetitions that would end after this (default 9.5)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat = "20,100", 1
    try:
        args.sizes = sorted({int(part) for part in args.sizes.split(",") if part.strip()})
    except ValueError:
        parser.error("--sizes takes whole numbers separated by commas, e.g. 10,100,500")
    if args.repeat < 1 or any(size < 1 for size in args.sizes):
        parser.error("--repeat and every size must be at least 1")
    args.only = [name.strip() for name in args.only.split(",")] if args.only else list(ORDER)
    if unknown := [name for name in args.only if name not in ORDER]:
        parser.error(f"--only: no measurement called {', '.join(unknown)}; choose from {', '.join(ORDER)}")
    return args


def render(found: list[Subject], repeat: int, header: list[str], notes: list[str]) -> str:
    sections = [
        ("Builds: median wall time of a fresh process", builds_table(found, repeat)),
        ("Against the raw engines, and rebuilds against full builds", ratios_table(found)),
        ("Where builds spend their time (from their progress lines)", phases_table(found)),
        ("Raw WeasyPrint in one warm process, job by job", raw_table(found)),
        ("The other variants in the same process: large print, the A5 booklet, the EPUB", variants_table(found)),
        ("PDF worker processes (clean `--only pdf` builds)", jobs_table(found, repeat)),
        ("Editing: `check` and the live preview (issue 20)", editing_table(found, repeat)),
        ("The live preview by kind of edit: save to visible in the open page (issue 32)", preview_table(found, repeat)),
        ("Scale: full builds per activity (issue 20)", scale_table(found)),
        ("Peak memory: who held it, and when", peak_table(found)),
        ("Goals (issue 7)", goals_table(goals(found))),
        ("Goals (issue 20)", goals_table(editing_goals(found))),
        ("Goals (issue 32)", goals_table(rebuild_goals(found))),
    ]
    lines = ["# guidegen benchmark", "", *header, ""]
    for title, rows in sections:
        lines += [f"## {title}", "", *rows, ""]
    return "\n".join([*lines, "## Notes", "", *notes, ""])


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    started, load_before = time.perf_counter(), _load()
    code = code_under_test(environment())
    with tempfile.TemporaryDirectory(prefix="guidegen-benchmark-") as folder:
        try:
            found = subjects(Path(folder), args.sizes, args.repeat, args.only)
        except ValueError as error:
            print(f"benchmark: {error}", file=sys.stderr)
            return 2
        failed = None
        try:
            schedule(found, args.repeat, started + args.budget * 60)
        except CommandFailed as error:  # report what was measured: a large run takes an hour and more
            failed = str(error)
            print(f"benchmark: a measurement failed; the report holds what ran before it:\n{failed}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    drift = changed_since(code)
    header = [
        *machine(),
        f"- Code: {code.describe()}",
        f"- Runs of each measurement: {args.repeat} (medians); whole benchmark took "
        f"{elapsed / 60:.1f} min; load average before {load_before}, after {_load()}",
    ]
    stopped = [f"- **The run stopped early**: {failed.splitlines()[0]}"] if failed else []
    if drift:
        stopped.insert(0, f"- **These figures are not valid**: {drift}.")
        print(f"benchmark: {drift}", file=sys.stderr)
    text = render(found, args.repeat, header, [*stopped, *reductions(found, args.repeat), *ACCOUNTING])
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 1 if failed or drift else 0


if __name__ == "__main__":
    sys.exit(main())
