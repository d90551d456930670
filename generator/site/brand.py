"""Brand colours -> CSS custom properties for mkdocs-material, with text contrast guaranteed.

The site's colours are the brand's, each used for text (or behind text) darkened until it reads
(common/colour.py does the measuring), so any brand colours give a readable site.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..common.colour import BLACK, STRONG_CONTRAST, TEXT_CONTRAST, WHITE, darken_until, mix, parse_hex, text_on, to_hex
from ..content.model import Brand


@dataclass(frozen=True)
class Palette:
    """The colours the site uses, all as hex codes."""

    primary: str  # header background
    on_primary: str  # header text
    primary_text: str  # headings on white
    primary_dark: str
    link: str  # links and buttons on white
    on_link: str
    footer: str  # footer background; its text is white


def palette(brand: Brand) -> Palette:
    primary, accent = parse_hex(brand.primary), parse_hex(brand.accent)
    link = darken_until(accent, WHITE, TEXT_CONTRAST)
    return Palette(
        primary=to_hex(primary),
        on_primary=to_hex(text_on(primary)),
        primary_text=to_hex(darken_until(primary, WHITE, TEXT_CONTRAST)),
        primary_dark=to_hex(mix(primary, BLACK, 0.2)),
        link=to_hex(link),
        on_link=to_hex(text_on(link)),
        footer=to_hex(darken_until(primary, WHITE, STRONG_CONTRAST)),
    )
