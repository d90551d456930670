"""A setting written with its old name (`editions:`, now `variants:`) still works, and
`guidegen check` says at its line what it is called now; both names at once is a problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.checks import check_guide
from generator.checks.renamed import renamed_settings
from generator.content.loader import Sources, load_guide
from generator.errors import ContentError

MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "guide"))


def with_settings(guide: Path, extra: str) -> Path:
    config = guide / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return guide


def test_the_old_name_is_read_as_variants_and_check_warns_at_its_line(guide: Path) -> None:
    loaded, warnings = check_guide(with_settings(guide, "editions: [epub]\n"), remember=False)
    assert loaded.config.variants == ("epub",)
    heads = [w.render().splitlines()[0] for w in warnings]
    assert "site_config.yml:7:1: editions: is now called variants: (rename the key)" in heads


def test_the_new_name_has_no_warning(guide: Path) -> None:
    sources: Sources = {}
    loaded = load_guide(with_settings(guide, "variants: [epub]\n"), field_sources=sources)
    assert loaded.config.variants == ("epub",)
    assert renamed_settings(sources) == []


def test_both_names_at_once_is_a_problem_at_the_old_one(guide: Path) -> None:
    with pytest.raises(ContentError) as raised:
        load_guide(with_settings(guide, "variants: [epub]\neditions: [large-print]\n"))
    (problem,) = raised.value.problems
    assert (problem.path, problem.line, problem.field) == ("site_config.yml", 8, "editions")
    assert "keep only variants:" in problem.message


def test_a_mistake_under_the_old_name_is_reported_at_its_line(guide: Path) -> None:
    with pytest.raises(ContentError) as raised:
        load_guide(with_settings(guide, "editions:\n  - epub\n  - big-print\n"))
    (problem,) = raised.value.problems
    assert (problem.path, problem.line) == ("site_config.yml", 9)
    assert "big-print" in problem.message
