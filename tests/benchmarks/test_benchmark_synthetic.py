"""The benchmark's synthetic guides load and have the promised shape (no builds: fast)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from generator.content.loader import load_guide
from generator.content.model import HANDOUT_KINDS, Guide


@pytest.fixture(scope="module")
def synthetic(benchmark_script: Callable[[str], ModuleType]) -> ModuleType:
    return benchmark_script("synthetic")


@pytest.fixture(scope="module")
def size_20(synthetic: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Guide:
    return load_guide(synthetic.make_guide(tmp_path_factory.mktemp("size-20"), 20))


def test_size_20_has_the_right_counts(size_20: Guide, default_guide: Guide) -> None:
    guide = size_20
    assert len(guide.activities) == 20
    assert len(guide.pages) == max(len(default_guide.pages), 20 // 2)
    assert [s.id for s in guide.skills] == [s.id for s in default_guide.skills]
    assert len(guide.skills) == 12


def test_generated_activities_cycle_through_the_handout_kinds(size_20: Guide, default_guide: Guide) -> None:
    made = [a for a in size_20.activities if a.id.startswith("practice-session-")]
    assert len(made) == 20 - len(default_guide.activities)
    assert [a.handout.kind for a in made if a.handout] == [HANDOUT_KINDS[i % 4] for i in range(len(made))]
    assert made[0].next == made[1].id and made[-1].next is None
    assert len({a.title for a in made}) == len(made)


def test_pages_grow_with_the_activities(synthetic: ModuleType, default_guide: Guide, tmp_path: Path) -> None:
    guide = load_guide(synthetic.make_guide(tmp_path / "guide", 28))
    assert len(guide.pages) == 14
    assert len([p for p in guide.pages if p.id.startswith("more-reading-")]) == 14 - len(default_guide.pages)


def test_an_edit_changes_one_activity_and_the_guide_still_loads(synthetic: ModuleType, tmp_path: Path) -> None:
    root = synthetic.make_guide(tmp_path / "guide", 14)
    before = load_guide(root)
    synthetic.edit_activity(root, "practice-session-0002", "1")
    synthetic.edit_activity(root, "practice-session-0002", "2")
    after = load_guide(root)
    changed = [a.id for a, b in zip(before.activities, after.activities, strict=True) if a != b]
    assert changed == ["practice-session-0002"]
    assert after.activity("practice-session-0002").aim.endswith("[edit 2]")
    assert "[edit 1]" not in after.activity("practice-session-0002").aim


def test_too_small_a_size_is_refused(synthetic: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least"):
        synthetic.make_guide(tmp_path / "guide", 1)


def test_the_translated_guide_is_wholly_translated(synthetic: ModuleType, tmp_path: Path) -> None:
    from generator.content.translations import load_translation, statuses

    root = synthetic.add_translation(synthetic.make_guide(tmp_path / "cy", 12))
    guide = load_guide(root)
    assert [t.language for t in guide.config.translations] == ["cy"]
    found = statuses(guide, load_translation(guide, "cy"))
    assert found and all(s.state == "translated" and not s.missing_fields for s in found)
