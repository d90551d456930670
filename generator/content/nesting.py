"""How deeply a Markdown text nests lists and quotes, measured line by line without parsing.

Python-Markdown (and WeasyPrint after it) recurse once per level: `- ` a thousand times on one
line, or `>` five hundred times, ends in a RecursionError deep inside a build. No guide needs
more than a few levels, so check refuses anything deeper than MAX_DEPTH with the file and line.
"""

from __future__ import annotations

import re

MAX_DEPTH = 20
TAB = 4  # Python-Markdown's tab length: one more level of list per four columns of indent
MARKER = re.compile(r"[ \t]{0,3}(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?")


def depth(line: str) -> int:
    """Levels of lists and quotes a line opens: its indent, then each marker in a row."""
    expanded = line.expandtabs(TAB)
    indent = len(expanded) - len(expanded.lstrip(" "))
    levels, position = indent // TAB, indent
    while (match := MARKER.match(expanded, position)) is not None and match.end() > position:
        levels += 1
        position = match.end()
    return levels


def too_deep(text: str) -> tuple[int, int] | None:
    """(line index from 0, levels) of the first line nested deeper than MAX_DEPTH, or None."""
    for index, line in enumerate(text.split("\n")):
        levels = depth(line)
        if levels > MAX_DEPTH:
            return index, levels
    return None


def message(levels: int) -> str:
    return (
        f"lists or quotes are nested {levels} levels deep here; guidegen allows at most {MAX_DEPTH}. "
        "Put fewer '-', '>' or numbers in front of the line (or less indent)"
    )
