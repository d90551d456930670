"""SOURCE_DATE_EPOCH is read in one place (content/source_date.py), with one default date for
every output that must carry a date (issue 30: it was read in 8 modules, with two defaults)."""

from __future__ import annotations

import ast
import zipfile
from pathlib import Path

import pytest

from generator.content.source_date import (
    DEFAULT_EPOCH,
    VARIABLE,
    epoch_or_default,
    iso_date,
    source_date_text,
    source_epoch,
)
from generator.content.source_date import iso_source_date as source_date
from generator.epub.package import DEFAULT_MODIFIED
from generator.offline.bundle import write_zip

PACKAGE = Path(__file__).resolve().parents[2] / "generator"


@pytest.mark.parametrize(
    ("environ", "text", "epoch", "dated"),
    [
        ({}, "", None, DEFAULT_EPOCH),
        ({VARIABLE: "  "}, "", None, DEFAULT_EPOCH),
        ({VARIABLE: " 1700000000\n"}, "1700000000", 1700000000, 1700000000),
    ],
)
def test_the_variable_is_read_the_same_way_by_every_output(
    environ: dict[str, str], text: str, epoch: int | None, dated: int
) -> None:
    assert source_date_text(environ) == text
    assert source_epoch(environ) == epoch
    assert epoch_or_default(environ) == dated
    assert source_date(environ) == (None if epoch is None else iso_date(epoch))  # PDFs: no date when unset


def test_the_default_date_is_the_first_of_january_2025_everywhere() -> None:
    assert iso_date(DEFAULT_EPOCH) == "2025-01-01T00:00:00Z"
    assert iso_date(DEFAULT_EPOCH) == DEFAULT_MODIFIED


def test_the_offline_zip_carries_the_default_date_when_none_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(VARIABLE, raising=False)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>hello</p>", encoding="utf-8")
    write_zip(site, tmp_path / "guide.zip", folder="guide")
    with zipfile.ZipFile(tmp_path / "guide.zip") as bundle:
        dates = {info.date_time for info in bundle.infolist()}
    assert dates == {(2025, 1, 1, 0, 0, 0)}


def test_no_other_module_names_the_variable() -> None:
    """Naming it (as a string) is how a module would read it; messages and docstrings may mention it."""
    naming = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value == VARIABLE and id(node) not in docstrings:
                naming.append(path.relative_to(PACKAGE).as_posix())
    assert naming == ["content/source_date.py"]
