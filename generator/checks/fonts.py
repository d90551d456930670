"""Declared fonts whose text cannot be read back from the PDFs: a warning, since they draw well.

WeasyPrint writes a PDF's text map (what copying, search and screen readers get) one glyph at a
time. A Nastaliq font draws Urdu with many glyphs per letter, stacked and joined, and most of its
words cannot be read back: on tests/languages/' Urdu handout, poppler's pdftotext got 13 of its 44
Urdu words with Noto Nastaliq Urdu, and every one with Noto Naskh Arabic (those tests check it).
A render-and-extract round trip per font would cost a PDF engine start on every check, so the
fonts known to do this are named here, and the README says the same.
"""

from __future__ import annotations

from ..content.loader import Sources
from ..content.model import Guide
from ..content.reader import position
from ..errors import Problem
from ..render.fonts import fallback_families

# A word in a font's family name -> the font to choose instead (a file of Debian's fonts-noto-core).
UNREADABLE = {"nastaliq": "NotoNaskhArabic-Regular.ttf", "nastaleeq": "NotoNaskhArabic-Regular.ttf"}


def unreadable_fonts(guide: Guide, sources: Sources) -> list[Problem]:
    source = sources.get(("config", ""))
    families = fallback_families(guide.content_dir, guide.config.fonts)
    problems = []
    for index, family in enumerate(families):
        instead = next((font for word, font in UNREADABLE.items() if word in family.lower()), None)
        if instead is None:
            continue
        message = (
            f"'{family}' draws beautifully, but most of its words cannot be copied, searched or read aloud "
            f"from the PDFs; choose assets/fonts/{instead} instead (README, Translations)"
        )
        line, column, lines = 1, 1, tuple[str, ...]()
        if source is not None and source.node is not None:
            line, column = position(source.node, (*source.prefix, "fonts", index))
            lines = source.lines
        snippet = lines[line - 1] if 0 < line <= len(lines) else ""
        path = source.path if source is not None else "site_config.yml"
        problems.append(Problem(path, line, column, f"fonts[{index + 1}]", message, snippet))
    return problems
