"""Example text nobody replaced (checks/examples.py): a warning at the example's line."""

from __future__ import annotations

from pathlib import Path

from helpers.edits import replace_line
from helpers.small_guides import line_of, loaded, small_guide

from generator.checks.examples import example_text
from generator.content.examples import examples

CIRCLES = "content/activities/circles.yml"
PAGE = "content/pages/first-page.md"


def test_an_example_aim_and_page_line_left_in_place_are_named_at_their_lines(tmp_path: Path) -> None:
    root = small_guide(tmp_path / "guide")
    replace_line(root / CIRCLES, r"^aim:.*$", f"aim: {examples().activity['aim']}")
    replace_line(root / PAGE, r"\Z", f"\n- {examples().page_body[1]}\n")
    guide, sources = loaded(root)
    found = [(p.path, p.line, p.field) for p in example_text(guide, sources)]
    assert found == [
        (CIRCLES, line_of(root, CIRCLES, "aim:"), "aim"),
        (PAGE, line_of(root, PAGE, examples().page_body[1]), "text"),
    ]
    assert all("is still the example text from `guidegen new`" in p.message for p in example_text(guide, sources))


def test_the_guides_own_words_say_nothing(tmp_path: Path) -> None:
    assert example_text(*loaded(small_guide(tmp_path / "guide"))) == []
