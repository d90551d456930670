"""benchmarks/baseline.py compares like with like: "same work" drops the print variants only
when the earlier code did not make them, and then "as shipped" is a run of its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def baseline(benchmark_script: Callable[[str], ModuleType], monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(REPO / "benchmarks"))  # its sibling scripts import one another
    return benchmark_script("baseline")


def earlier_code(folder: Path, variants: bool) -> Path:
    (folder / "generator" / "pdf").mkdir(parents=True)
    if variants:
        (folder / "generator" / "pdf" / "variants.py").write_text("")
    return folder


def test_earlier_code_without_variants_gets_a_same_work_run_and_an_as_shipped_run(
    baseline: ModuleType, tmp_path: Path
) -> None:
    assert baseline.versions_for(earlier_code(tmp_path, variants=False)) == ("earlier", "same work", "as shipped")


def test_earlier_code_with_variants_is_compared_with_this_code_as_shipped(baseline: ModuleType, tmp_path: Path) -> None:
    assert baseline.versions_for(earlier_code(tmp_path, variants=True)) == ("earlier", "same work")
    row = baseline._row("g", "full build", [10.0, 10.4, None], "{:.1f} s")
    assert row == ["| g | full build | 10.0 s | 10.4 s | 1.04× | no worse | 10.4 s |"]
    assert "**worse**" in baseline._row("g", "full build", [10.0, 11.0, None], "{:.1f} s")[0]
