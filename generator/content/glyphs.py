"""Letters no font of the guide can draw: found before anything is built, with file:line:col,
in the source's files and in every translation's (content/translations.py asks too).

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
MAX_LINES = 30  # per file: past that, one line says there are more


def drawn(char: str) -> bool:
    """True for a character that needs a glyph in some font."""
    return not (char in "\t\n" or unicodedata.category(char) in SILENT_CATEGORIES or VARIATION.match(char))


def missing_glyphs(collector: ProblemCollector, letters: frozenset[int], *, yaml: bool) -> None:
    """One problem for each line with characters no font has, at the first of them."""
    lines: Sequence[str] = collector.lines
    # The usual case, decided in one pass over the text: drawn() (a Unicode lookup) only for the
    # few letters no font has, not for every letter of every file on every load.
    if not any(drawn(c) for c in set("".join(lines)) if ord(c) not in letters):
        return
    field, reported = "text", 0
    for number, line in enumerate(lines, start=1):
        if yaml and (key := TOP_KEY.match(line)):
            field = key.group(1)
        if yaml and line.lstrip().startswith("#"):
            continue  # a comment is never printed
        missing = [(column, c) for column, c in enumerate(line, start=1) if ord(c) not in letters and drawn(c)]
        if not missing:
            continue
        reported += 1
        if reported > MAX_LINES:
            collector.add(number, missing[0][0], field, "more lines below have letters none of the fonts has")
            return
        collector.add(number, missing[0][0], field, _message([c for _, c in missing]))


# A free font for each script (Google's Noto, SIL Open Font License; Debian's fonts-noto-core has
# most of them), by the first word of its letters' Unicode names. For Urdu too, Noto Naskh Arabic:
# Noto Nastaliq Urdu's text cannot be copied or read aloud from the PDFs (README, Translations).
SCRIPT_FONTS = {
    "ARABIC": "NotoNaskhArabic-Regular.ttf",
    "BENGALI": "NotoSansBengali-Regular.ttf",
    "GURMUKHI": "NotoSansGurmukhi-Regular.ttf",
    "DEVANAGARI": "NotoSansDevanagari-Regular.ttf",
    "GUJARATI": "NotoSansGujarati-Regular.ttf",
    "TAMIL": "NotoSansTamil-Regular.ttf",
    "HEBREW": "NotoSansHebrew-Regular.ttf",
    "THAI": "NotoSansThai-Regular.ttf",
    "ETHIOPIC": "NotoSansEthiopic-Regular.ttf",
    "GREEK": "NotoSans-Regular.ttf",
    "CYRILLIC": "NotoSans-Regular.ttf",
    "LATIN": "NotoSans-Regular.ttf",
    "CJK": "NotoSansSC-Regular.otf",
    "HIRAGANA": "NotoSansJP-Regular.otf",
    "KATAKANA": "NotoSansJP-Regular.otf",
    "HANGUL": "NotoSansKR-Regular.otf",
}
ANY_SCRIPT = "NotoSans-Regular.ttf"


def suggested_fonts(chars: list[str]) -> list[str]:
    """The fonts of SCRIPT_FONTS for these letters' scripts, in the order the letters come."""
    scripts = (unicodedata.name(c, "").split(" ")[0] for c in chars)
    return list(dict.fromkeys(SCRIPT_FONTS.get(script, ANY_SCRIPT) for script in scripts))


def _message(chars: list[str]) -> str:
    distinct = list(dict.fromkeys(chars))
    named = [f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'no name')})" for c in distinct[:3]]
    more = f" and {len(distinct) - 3} more" if len(distinct) > 3 else ""
    verb = "is" if len(distinct) == 1 else "are"
    fonts = ", ".join(f"assets/fonts/{name}" for name in suggested_fonts(distinct)[:2])
    return (
        f"{', '.join(named)}{more} {verb} in none of the guide's fonts, so the PDFs would print empty boxes "
        "or nothing: add a font that has these letters under fonts: in site_config.yml, e.g. "
        f"fonts: [{fonts}], with the file in content/assets/fonts/"
    )
