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
