"""Results -> Markdown: the machine, the timing tables and the goals, each marked met or not."""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from measure import Sample
from preview_edits import KINDS
from scenarios import (
    CHECK,
    EDIT,
    FULL,
    JOBS1,
    JOBS2,
    MKDOCS_TO_PDF,
    NOOP,
    PREVIEW,
    RAW_MKDOCS,
    RAW_WEASYPRINT,
    SITE_PDF,
    RawRender,
    Subject,
    preview_kind,
)

MIB = 1024 * 1024
NAMES = {FULL: "full", NOOP: "no-op"}
# Output lines that start each phase of a build (generator/progress.py's steps).
# Phases in the order they start: after the PDFs' HTML, the cache keys and both MkDocs projects
# are made, the two MkDocs builds and the PDF workers run side by side; then the PDFs go into
# both sites, and the offline one is zipped.
PHASES = (
    ("HTML, cache keys, MkDocs projects", "PDFs:"),
    ("MkDocs ×2 and the PDF workers, side by side", "Side by side:"),
    ("PDFs into the sites, zip, swap", "Offline bundle: zipping"),
)
FIRST_PHASE = "start-up and loading"
LINEAR_TOLERANCE = 1.25  # marginal cost per activity may grow by this much and still count as linear


@dataclass(frozen=True)
class Goal:
    name: str
    guide: str
    measured: str
    target: str
    met: bool | None  # None: not measured in this run


def seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def cell(subject: Subject, name: str, repeat: int) -> str:
    """Median seconds, marked when fewer runs than asked for were made."""
    value = subject.median(name)
    if value is None:
        return "not run"
    runs = subject.count(name)
    return seconds(value) + (f" ({runs} run{'s' if runs > 1 else ''})" if runs < repeat else "")


def raw_weasyprint_seconds(subject: Subject) -> float | None:
    """The engine baseline: importing WeasyPrint once plus rendering every job (HTML made beforehand)."""
    if not subject.raw:
        return None
    return statistics.median(r.import_seconds + r.render_seconds for r in subject.raw)


def raw_engines(subject: Subject, mkdocs_runs: int = 1) -> float | None:
    mkdocs, weasy = subject.median(RAW_MKDOCS), raw_weasyprint_seconds(subject)
    return None if mkdocs is None or weasy is None else mkdocs * mkdocs_runs + weasy


def cpu_ratio(subject: Subject) -> float | None:
    """CPU seconds of `--only site,pdf` ÷ those of the two raw processes (whole processes)."""
    raw = [subject.median(name, lambda x: x.cpu) for name in (RAW_MKDOCS, RAW_WEASYPRINT)]
    if raw[0] is None or raw[1] is None:
        return None
    return ratio(subject.median(SITE_PDF, lambda x: x.cpu), raw[0] + raw[1])


def ratio(top: float | None, bottom: float | None) -> float | None:
    return None if top is None or not bottom else top / bottom


def times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}×"


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f} %"


def mib(value: float | None) -> str:
    return "n/a" if not value else f"{value / MIB:.0f} MiB"


def memory(subject: Subject) -> str:
    return f"{mib(peak(subject, lambda x: x.largest))} / {mib(peak(subject, lambda x: x.total))}"


def phases(sample: Sample) -> dict[str, float]:
    """Seconds spent in each phase of one build, from when its progress lines appeared."""
    starts = [(FIRST_PHASE, 0.0)]
    for name, prefix in PHASES:
        at = sample.phase_start(prefix)
        if at is not None:
            starts.append((name, at))
    ends = [at for _, at in starts[1:]] + [sample.seconds]
    return {name: end - start for (name, start), end in zip(starts, ends, strict=True)}


def median_phase(subject: Subject, phase: str, build: str = FULL) -> float | None:
    found = [phases(s)[phase] for s in subject.samples.get(build, []) if phase in phases(s)]
    return statistics.median(found) if found else None


def peak(subject: Subject, what: Callable[[Sample], int]) -> int:
    return max((what(s) for s in subject.samples.get(FULL, [])), default=0)


def peak_table(subjects: Sequence[Subject]) -> list[str]:
    """Who held the memory when a full build's summed PSS peaked, and what the build was doing."""
    rows = []
    for s in subjects:
        sample = max(s.samples.get(FULL, []), key=lambda x: x.total, default=None)
        if sample is None or not sample.at_peak:
            continue
        before = [line for at, line in sample.lines if at <= sample.peak_seconds and line.strip()]
        doing = before[-1].strip().replace("|", "/") if before else "starting"
        held = ", ".join(f"{name or '?'} {size / MIB:.0f}" for name, size in sample.at_peak)
        rows.append([s.name, mib(sample.total), f"{sample.peak_seconds:.0f} s: {doing}", held])
    return table(["guide", "peak (all, PSS)", "when, and the build's last line before it", "each process (MiB)"], rows)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def builds_table(subjects: Sequence[Subject], repeat: int) -> list[str]:
    header = [
        "guide",
        "pages / activities / PDFs",
        "full build",
        "no-op rebuild",
        "one activity edited",
        "`--only site,pdf`",
        "raw MkDocs",
        "raw WeasyPrint",
        "peak memory: largest process / all",
    ]
    rows = []
    for s in subjects:
        rows.append(
            [
                s.name,
                f"{s.pages} / {s.activities} / {s.pdfs}",
                cell(s, FULL, repeat),
                cell(s, NOOP, repeat),
                cell(s, EDIT, repeat),
                cell(s, SITE_PDF, repeat),
                cell(s, RAW_MKDOCS, repeat),
                seconds(raw_weasyprint_seconds(s)),
                memory(s),
            ]
        )
    return table(header, rows)


def ratios_table(subjects: Sequence[Subject]) -> list[str]:
    header = [
        "guide",
        "`site,pdf` ÷ raw engines",
        "the same in CPU time",
        "full ÷ raw engines (MkDocs twice)",
        "no-op ÷ full",
        "one edit ÷ full",
        "full build CPU",
    ]
    rows = []
    for s in subjects:
        full = s.median(FULL)
        rows.append(
            [
                s.name,
                times(ratio(s.median(SITE_PDF), raw_engines(s))),
                times(cpu_ratio(s)),
                times(ratio(full, raw_engines(s, 2))),
                percent(ratio(s.median(NOOP), full)),
                percent(ratio(s.median(EDIT), full)),
                seconds(s.median(FULL, lambda x: x.cpu)),
            ]
        )
    return table(header, rows)


def phases_table(subjects: Sequence[Subject]) -> list[str]:
    """Full builds and no-op rebuilds, split where their progress lines say a phase starts."""
    names = [FIRST_PHASE] + [name for name, _ in PHASES]
    header = ["guide", "build", *names, "PDF workers: CPU seconds per activity"]
    rows = []
    for s in subjects:
        for build in (FULL, NOOP):
            if not s.samples.get(build):
                continue
            cells = [seconds(median_phase(s, n, build)) for n in names]
            cpu = s.median(build, lambda x: x.worker_cpu) if build == FULL else None
            rows.append([s.name, NAMES[build], *cells, seconds(cpu and cpu / s.activities)])
    return table(header, rows)


def raw_table(subjects: Sequence[Subject]) -> list[str]:
    header = [
        "guide",
        "import WeasyPrint",
        "load the guide",
        "make HTML (ours)",
        "render all",
        "each booklet part",
        "join the booklet (ours)",
        "each handout",
        "each poster",
        "render: seconds per activity",
    ]
    rows = []
    for s in subjects:
        if not s.raw:
            continue

        def med(what: Callable[[RawRender], float], s: Subject = s) -> float:
            return statistics.median(what(r) for r in s.raw)

        render = med(lambda r: r.render_seconds)
        rows.append(
            [
                s.name,
                seconds(med(lambda r: r.import_seconds)),
                seconds(med(lambda r: r.load_seconds)),
                seconds(med(lambda r: r.html_seconds)),
                seconds(render),
                seconds(kind_mean(s, "booklet-part")),
                seconds(med(lambda r: r.join_seconds)),
                seconds(kind_mean(s, "handout")),
                seconds(kind_mean(s, "poster")),
                seconds(render / s.activities),
            ]
        )
    return table(header, rows)


def variants_table(subjects: Sequence[Subject]) -> list[str]:
    """The other variants (issue 18), from the raw run: what each adds to a build's work."""
    header = [
        "guide",
        "each large-print handout",
        "each large-print booklet part",
        "join the large-print booklet",
        "each A5 booklet part",
        "join and impose the A5 booklet",
        "EPUB (ours, no WeasyPrint)",
    ]
    kinds = (
        "handout:large-print",
        "booklet-part:large-print",
        "booklet:large-print",
        "booklet-part:a5-booklet",
        "booklet:a5-booklet",
        "epub",
    )
    rows = [[s.name, *(seconds(kind_mean(s, k)) for k in kinds)] for s in subjects if s.raw]
    return table(header, rows)


def kind_mean(subject: Subject, kind: str) -> float | None:
    """Median over runs of the mean render time of one job of this kind."""
    means = []
    for result in subject.raw:
        found = result.by_kind.get(kind)
        if found:
            means.append(statistics.fmean(found))
    return statistics.median(means) if means else None


def jobs_table(subjects: Sequence[Subject], repeat: int) -> list[str]:
    rows = [
        [
            s.name,
            cell(s, JOBS1, repeat),
            cell(s, JOBS2, repeat),
            times(ratio(s.median(JOBS1), s.median(JOBS2))),
            times(best_speedup(s)),
        ]
        for s in subjects
        if s.samples.get(JOBS1) and s.samples.get(JOBS2)
    ]
    header = ["guide", "`--only pdf --jobs 1`", "`--only pdf --jobs 2`", "speed-up", "best possible (raw renders)"]
    return table(header, rows)


def best_speedup(subject: Subject) -> float | None:
    """Two workers share the renders (no faster than the longest one), then one joins the booklet."""
    total = kind_total(subject, None)
    if not total:
        return None
    longest = statistics.median(max(max(found) for found in r.by_kind.values()) for r in subject.raw)
    join = statistics.median(r.join_seconds for r in subject.raw)
    return (total + join) / (max(longest, total / 2) + join)


def kind_total(subject: Subject, kind: str | None) -> float | None:
    """Median over raw runs of the render seconds of all jobs of one kind (None: every job)."""
    sums = [r.kind_seconds(kind) for r in subject.raw]
    return statistics.median(sums) if sums else None


def goals(subjects: Sequence[Subject]) -> list[Goal]:
    default = subjects[0]
    synthetic = sorted((s for s in subjects[1:] if not s.translated), key=lambda s: s.activities)
    found = [_engines_goal(default)]
    for s in subjects:
        speedup = ratio(s.median(JOBS1), s.median(JOBS2))
        if speedup is not None:
            found.append(Goal("`--jobs 2` faster than `--jobs 1`", s.name, times(speedup), "≥ 1.5×", speedup >= 1.5))
    for s in subjects:
        found.append(_share_goal("no-op rebuild ÷ full build", s, NOOP, 0.03))
    for s in subjects:
        found.append(_share_goal("one activity edited ÷ full build", s, EDIT, 0.30))
    return [*found, _linear_goal(synthetic), _memory_goal(synthetic)]


def _engines_goal(s: Subject) -> Goal:
    value = ratio(s.median(SITE_PDF), raw_engines(s))
    met = None if value is None else value <= 1.15
    return Goal("`--only site,pdf` ÷ (raw MkDocs + raw WeasyPrint)", s.name, times(value), "≤ 1.15×", met)


def _share_goal(name: str, s: Subject, which: str, limit: float) -> Goal:
    value = ratio(s.median(which), s.median(FULL))
    return Goal(name, s.name, percent(value), f"≤ {limit * 100:.0f} %", None if value is None else value <= limit)


def _linear_goal(synthetic: Sequence[Subject]) -> Goal:
    """Linear when the marginal PDF cost per activity between the two largest sizes is at most
    LINEAR_TOLERANCE times that between the two smallest (fixed costs cancel out). Cost is the
    PDF workers' CPU time, which other programs on the machine hardly change."""
    points = [(s.activities, s.median(FULL, lambda x: x.worker_cpu) or None) for s in synthetic]
    known = [(n, t) for n, t in points if t is not None]
    per = ", ".join(f"{n}: {t / n:.2f} s" for n, t in known) + " CPU"
    target = f"marginal cost grows ≤ {LINEAR_TOLERANCE:.2f}×"
    if len(known) < 3:
        return Goal("PDF cost linear in activities", "synthetic", f"per activity {per}; needs 3 sizes", target, None)
    slopes = [(t2 - t1) / (n2 - n1) for (n1, t1), (n2, t2) in itertools.pairwise(known)]
    measured = f"per activity {per}; marginal {' → '.join(f'{m:.2f} s' for m in slopes)}"
    if slopes[0] <= 0:  # sizes too close together for the noise
        return Goal("PDF cost linear in activities", "synthetic", measured, target, None)
    growth = slopes[-1] / slopes[0]
    measured += f" ({growth:.2f}×)"
    return Goal("PDF cost linear in activities", "synthetic", measured, target, growth <= LINEAR_TOLERANCE)


def _memory_goal(synthetic: Sequence[Subject]) -> Goal:
    at_500 = [s for s in synthetic if s.activities == 500 and s.samples.get(FULL)]
    if not at_500:
        return Goal("peak memory of a full build", "synthetic", "not measured", "≤ 300 MiB at 500", None)
    s = at_500[0]
    total = peak(s, lambda x: x.total)
    met = total <= 300 * MIB if s.activities >= 500 else None  # a smaller guide proves nothing here
    measured = f"{mib(total)} (all processes, PSS), {mib(peak(s, lambda x: x.largest))} (largest)"
    return Goal("peak memory of a full build", s.name, measured, "≤ 300 MiB at 500 activities", met)


def goals_table(found: Sequence[Goal]) -> list[str]:
    verdict = {True: "met", False: "**not met**", None: "not judged"}
    rows = [[g.name, g.guide, g.measured, g.target, verdict[g.met]] for g in found]
    return table(["goal", "guide", "measured", "target", "result"], rows)


# ---------------------------------------------------------------- issue 20: editing and scale


def by_size(subjects: Sequence[Subject], activities: int) -> Subject | None:
    """The synthetic guide of this many activities (subjects[0] is the default guide)."""
    return next((s for s in subjects[1:] if s.activities == activities and not s.translated), None)


def editing_table(subjects: Sequence[Subject], repeat: int) -> list[str]:
    header = [
        "guide",
        "`check` after one edit (warm)",
        "its CPU",
        "preview: save to changed page",
        "`mkdocs-to-pdf` (site + one PDF)",
    ]
    rows = [
        [
            s.name,
            cell(s, CHECK, repeat),
            seconds(s.median(CHECK, lambda x: x.cpu)),
            cell(s, PREVIEW, repeat),
            cell(s, MKDOCS_TO_PDF, repeat),
        ]
        for s in subjects
        if s.samples.get(CHECK) or s.samples.get(PREVIEW) or s.samples.get(MKDOCS_TO_PDF)
    ]
    return table(header, rows)


def preview_table(subjects: Sequence[Subject], repeat: int) -> list[str]:
    """One row per kind of edit and guide (the text edit is PREVIEW itself): save to visible with
    the load average beside it, and the preview process's CPU time, to visible and in all."""
    rows = []
    for kind in KINDS:
        key = PREVIEW if kind is KINDS[0] else preview_kind(kind.name)
        for s in subjects:
            if s.samples.get(key):
                rows.append(
                    [
                        kind.name,
                        s.name,
                        cell(s, key, repeat),
                        f"{s.median(key, lambda x: x.load):.1f}",
                        seconds(s.median(key, lambda x: x.cpu)),
                        seconds(s.median(key, lambda x: x.settled_cpu)),
                    ]
                )
    header = ["edit", "guide", "save to visible", "load average", "its CPU", "CPU until every page is rebuilt"]
    return table(header, rows)


def scale_table(subjects: Sequence[Subject]) -> list[str]:
    """Full builds per activity, against the 100-activity guide of the same run."""
    base = by_size(subjects, 100)
    header = [
        "guide",
        "full build",
        "per activity",
        "÷ at 100",
        "CPU per activity",
        "÷ at 100",
        "no-op",
        "peak memory (all, PSS)",
    ]
    rows = []
    for s in subjects[1:]:
        if not s.samples.get(FULL) or s.translated:
            continue
        wall, cpu = per_activity(s), per_activity(s, cpu=True)
        rows.append(
            [
                s.name,
                seconds(s.median(FULL)),
                seconds(wall),
                times(ratio(wall, per_activity(base) if base else None)),
                seconds(cpu),
                times(ratio(cpu, per_activity(base, cpu=True) if base else None)),
                seconds(s.median(NOOP)),
                mib(peak(s, lambda x: x.total)),
            ]
        )
    return table(header, rows)


def per_activity(s: Subject, cpu: bool = False) -> float | None:
    value = s.median(FULL, lambda x: x.cpu) if cpu else s.median(FULL)
    return None if value is None else value / s.activities


def editing_goals(subjects: Sequence[Subject]) -> list[Goal]:
    default = subjects[0]
    found: list[Goal] = []
    for s, limit in ((default, 0.8), (by_size(subjects, 100), 1.0), (by_size(subjects, 500), 2.0)):
        if s is not None:
            found.append(_limit_goal("preview: save to visible change", s, PREVIEW, limit))
    for size, limit in ((100, 1.0), (500, 2.0)):
        sized = by_size(subjects, size)
        if sized is not None:
            kinds = KINDS[1:]
            found += [_limit_goal(f"preview: {k.name}", sized, preview_kind(k.name), limit) for k in kinds]
    for s, limit in ((default, 0.3), (by_size(subjects, 100), 0.6)):
        if s is not None:
            found.append(_limit_goal("`check` (warm, after one edit)", s, CHECK, limit))
    return [*found, *_scale_goals(subjects)]


def rebuild_goals(subjects: Sequence[Subject]) -> list[Goal]:
    """Issue 32: the rebuild after one activity's text is edited costs what the change costs;
    its median at every size, and the two targets."""
    targets = {100: 5.0, 500: 10.0}
    found: list[Goal] = []
    for s in subjects:
        limit = targets.get(s.activities) if not s.translated and s is not subjects[0] else None
        if limit is not None:
            found.append(_limit_goal("rebuild after one activity's text edited", s, EDIT, limit))
        elif s.samples.get(EDIT):
            value = s.median(EDIT)
            found.append(Goal("rebuild after one activity's text edited", s.name, seconds(value), "measured", None))
    return found


def _limit_goal(name: str, s: Subject, which: str, limit: float) -> Goal:
    value = s.median(which)
    return Goal(name, s.name, seconds(value), f"≤ {limit:g} s", None if value is None else value <= limit)


def _scale_goals(subjects: Sequence[Subject]) -> list[Goal]:
    big, base = by_size(subjects, 2000), by_size(subjects, 100)
    if big is None or not big.samples.get(FULL):
        return [Goal("linear to 2,000 activities", "synthetic 2000", "not measured", "≤ 1.3× per activity", None)]
    growth = ratio(per_activity(big), per_activity(base) if base else None)
    growth_cpu = ratio(per_activity(big, cpu=True), per_activity(base, cpu=True) if base else None)
    total = peak(big, lambda x: x.total)
    noop = big.median(NOOP)
    return [
        Goal(
            "full build per activity, 2,000 ÷ 100",
            big.name,
            f"{times(growth)} wall, {times(growth_cpu)} CPU",
            "≤ 1.3×",
            None if growth is None else growth <= 1.3,
        ),
        Goal("peak memory of a full build", big.name, mib(total), "≤ 400 MiB", total <= 400 * MIB if total else None),
        Goal("no-op rebuild", big.name, seconds(noop), "< 1 s", None if noop is None else noop < 1.0),
    ]
