"""Letters no font of the guide can draw: found before anything is built, with file:line:col.

WeasyPrint only sees the guide's own fonts (render/fonts.py), so a letter none of them has
would come out as an empty box, or not at all, in every PDF. Better to say so while the
editor can still add a font under `fonts:` in site_config.yml.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ..errors import ProblemCollector

# Characters that are never drawn as a glyph of their own: controls, format characters
# (zero-width joiners, directional marks) and variation selectors.
SILENT_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def drawn(char: str) -> bool:
    """True for a character that needs a glyph in some font."""
    return not (char in "\t\n" or unicodedata.category(char) in SILENT_CATEGORIES or VARIATION.match(char))


def missing_glyphs(collector: ProblemCollector, letters: frozenset[int], *, yaml: bool) -> None:
    """A problem for the first place of each character in the file that no font has."""
    lines: Sequence[str] = collector.lines
    if all(ord(c) in letters for c in set("".join(lines)) if drawn(c)):
        return  # the usual case, decided in one pass over the text
    counts: dict[str, list[int]] = {}  # char -> [line, column, how many times]
    field = "text"
    for number, line in enumerate(lines, start=1):
        if yaml and (key := TOP_KEY.match(line)):
            field = key.group(1)
        if yaml and line.lstrip().startswith("#"):
            continue  # a comment is never printed
        for column, char in enumerate(line, start=1):
            if ord(char) in letters or not drawn(char):
                continue
            place = counts.setdefault(char, [number, column, 0, field])  # type: ignore[list-item]
            place[2] += 1
    for char, (number, column, times, where) in counts.items():
        collector.add(number, column, str(where), _message(char, int(times)))


def _message(char: str, times: int) -> str:
    name = unicodedata.name(char, "no name")
    more = f" (and {times - 1} more time{'s' if times > 2 else ''} in this file)" if times > 1 else ""
    return (
        f"'{char}' (U+{ord(char):04X} {name}){more} is in none of the guide's fonts, so the PDFs would print "
        "an empty box or nothing: add a font that has it under fonts: in site_config.yml, e.g. "
        "fonts: [assets/fonts/NotoSans-Regular.ttf], with the file in content/assets/fonts/"
    )
