"""The benchmark report's preview table: a row for each kind of edit at each guide, the load
average beside the wall time, and the preview's CPU time (issue 32 point 3). No builds: fast."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture
def report(benchmark_script: Callable[[str], ModuleType], monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # its scripts import each other by name
    return benchmark_script("report")


def test_each_kind_of_preview_edit_has_a_row_at_each_size(report: ModuleType) -> None:
    scenarios, measure, kinds = report.Subject, report.Sample, report.KINDS
    guides = []
    for size, load in ((100, 3.5), (500, 4.5)):
        guide = scenarios(f"synthetic {size}", Path("."), size, size // 2, 0, "x", {})
        for number, kind in enumerate(kinds):
            key = report.PREVIEW if number == 0 else report.preview_kind(kind.name)
            guide.samples[key] = [measure(0.5 + number, 0.25, 0, 0, load=load, settled_cpu=0.75)]
        guides.append(guide)

    lines = report.preview_table(guides, 1)

    rows = [line.split(" | ") for line in lines[2:]]
    assert [(row[0].lstrip("| "), row[1]) for row in rows] == [
        (kind.name, f"synthetic {size}") for kind in kinds for size in (100, 500)
    ]
    assert rows[0][2:] == ["0.50 s", "3.5", "0.25 s", "0.75 s |"]  # the wall time, its load, the CPU times
    assert rows[-1][3] == "4.5"


def test_the_peak_names_each_process_and_the_line_the_build_had_printed(report: ModuleType) -> None:
    mib = report.MIB
    guide = report.Subject("synthetic 2000", Path("."), 2000, 1000, 0, "x", {})
    lines = ((1.0, "Loading"), (50.0, "Booklet: joining | 3,000 parts"), (90.0, "Offline bundle: zipping"))
    held = (("guidegen-pdf", 300 * mib), ("python", 100 * mib))
    smaller = report.Sample(100.0, 1.0, 0, 200 * mib, lines=lines, at_peak=(("python", 200 * mib),), peak_seconds=95.0)
    larger = report.Sample(100.0, 1.0, 0, 400 * mib, lines=lines, at_peak=held, peak_seconds=60.0)
    guide.samples[report.FULL] = [smaller, larger]

    rows = report.peak_table([guide])

    assert rows[2] == (
        "| synthetic 2000 | 400 MiB | 60 s: Booklet: joining / 3,000 parts | guidegen-pdf 300, python 100 |"
    )
    assert len(rows) == 3  # one row per guide: its largest peak
