"""A page's structure as people who listen to it meet it: headings, lists, links and tables.

A screen reader lets its user jump from heading to heading and announces a list's items, a
link's words and a table's column headings. The PDFs repair what they can (pdf/tagging.py: a
skipped heading level becomes the next one down, an image without words becomes decoration);
these warnings tell the editor where the page itself is unclear, so the fix is in the words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..errors import Problem
from .prose import Prose, mask_code

HEADING = re.compile(r"^ {0,3}(#{1,6})(?:\s|$)")
EMPTY_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s*$", re.MULTILINE)
EMPTY_LINK = re.compile(r"(?<![!\\])\[\s*\]\(\s*<?([^)\s>]*)")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def structure_warnings(blocks: Sequence[Prose]) -> list[Problem]:
    """Warnings for one page's Markdown body, given as its blocks in order."""
    problems = _heading_jumps(blocks)
    for prose in blocks:
        text = mask_code(prose.raw)
        problems += [prose.problem(m.start(), EMPTY_ITEM_MESSAGE) for m in EMPTY_ITEM.finditer(text)]
        problems += [prose.problem(m.start(), _empty_link(m.group(1))) for m in EMPTY_LINK.finditer(text)]
        problems += _headless_table(prose)
    return problems


EMPTY_ITEM_MESSAGE = (
    "this list item is empty: a screen reader announces it as an item with nothing in it; "
    "write its words after the dash or number, or delete the line"
)


def _empty_link(target: str) -> str:
    return (
        f"the link to '{target[:60]}' has no words: a screen reader can only read out its address; "
        "write what it leads to between the square brackets, e.g. [Our group agreement](page:agreement)"
    )


def _heading_jumps(blocks: Sequence[Prose]) -> list[Problem]:
    """Headings go down one level at a time; the page's title is the first level."""
    problems, last = [], 1
    for prose in blocks:
        match = HEADING.match(prose.raw)
        if match is None:
            continue
        level = len(match.group(1))
        if level > last + 1:
            wanted = "#" * (last + 1)
            problems.append(
                prose.problem(
                    0,
                    f"this heading jumps from level {last} to level {level}: people who move through the page "
                    f"by its headings miss a level; start it with {wanted} instead of {match.group(1)}",
                )
            )
            level = last + 1  # the PDFs read it as that level, and so do the next warnings
        last = level
    return problems


def _headless_table(prose: Prose) -> list[Problem]:
    """A table whose heading row is blank: nothing to announce above each column."""
    if not prose.raw.lstrip().startswith("|"):
        return []
    line, _ = prose.where(0)
    following = prose.lines[line] if line < len(prose.lines) else ""
    cells = [c.strip() for c in prose.raw.strip().strip("|").split("|")]
    if not TABLE_RULE.match(following) or any(cells):
        return []
    message = (
        "this table has no column headings: a screen reader reads each cell without saying what it is; "
        "write a short heading in each cell of the first row"
    )
    return [prose.problem(0, message)]
