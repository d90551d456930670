"""A page's structure for people who listen to it (checks/structure.py): each warning at its line."""

from __future__ import annotations

from generator.checks.prose import Prose
from generator.checks.structure import structure_warnings

PATH = "content/pages/a.md"


def blocks(*lines: str) -> list[Prose]:
    """A page whose body is lines, from line 5: each line a block, as page_body gives them (a
    table's rule line is no block of its own)."""
    file = ("---", "title: A", "---", "", *lines)
    return [Prose(PATH, "body", text, ((0, 5 + i, 1),), file) for i, text in enumerate(lines) if "---" not in text]


def test_a_heading_that_skips_a_level_is_named_with_the_level_to_use() -> None:
    (problem,) = structure_warnings(blocks("## Fine", "#### Too deep", "### Fine again"))
    assert (problem.line, problem.column, problem.source_line) == (6, 1, "#### Too deep")
    assert "jumps from level 2 to level 4" in problem.message and "start it with ### instead of ####" in problem.message


def test_empty_items_links_and_headings_of_a_table_are_named() -> None:
    found = structure_warnings(blocks("-", "Read [](page:agreement) first.", "| | |", "|---|---|", "| a | b |"))
    assert [(p.line, p.column) for p in found] == [(5, 1), (6, 6), (7, 1)]
    assert found[0].message.startswith("this list item is empty")
    assert found[1].message.startswith("the link to 'page:agreement' has no words")
    assert found[2].message.startswith("this table has no column headings")


def test_a_well_made_page_says_nothing() -> None:
    page = blocks(
        "## Aim", "- An item", "Read [our agreement](page:agreement).", "| Who | What |\n|---|---|\n| a | b |"
    )
    assert structure_warnings(page) == []
