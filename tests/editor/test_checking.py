"""Would the guide still pass with these changes? (editor/checking.py), tried on a copy before a save."""

from __future__ import annotations

from pathlib import Path

from helpers.small_guides import small_guide

from generator.editor.checking import Checker

CIRCLES = "content/activities/circles.yml"


def test_a_change_is_checked_in_context_and_the_guide_is_left_alone(tmp_path: Path) -> None:
    root = small_guide(tmp_path / "guide")
    before = (root / CIRCLES).read_bytes()
    checker = Checker(root)
    assert checker.problems({}) == []
    clash = before.replace(b"id: circles", b"id: questions")  # an id the other activity has
    found = checker.problems({CIRCLES: clash})
    assert found and all(p.path.startswith("content/") for p in found)
    assert any("questions" in p.message for p in found)
    assert (root / CIRCLES).read_bytes() == before  # checked on a copy: hard links are never written through
    deleted = checker.problems({"content/pages/first-page.md": None})
    assert any("first-page" in p.message for p in deleted)  # the home page links to it


def test_the_guide_as_it_is_on_disk_or_none_while_it_has_a_problem(tmp_path: Path) -> None:
    root = small_guide(tmp_path / "guide")
    checker = Checker(root)
    guide = checker.guide()
    assert guide is not None and [a.id for a in guide.activities] == ["circles", "questions"]
    (root / CIRCLES).write_text("id: circles\n", encoding="utf-8")
    assert checker.guide() is None
