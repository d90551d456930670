"""Colours and their WCAG 2 contrast: what the site, the PDFs and `guidegen check` share.

Editors choose colours for looks; readers need contrast. Every colour used for text (or
behind text) is measured against WCAG 2 contrast and darkened until it passes, so any
brand colours give readable pages. Only validated hex codes reach this module, and only
the hex codes computed from them reach any CSS.
"""

from __future__ import annotations

WHITE = (255, 255, 255)
BLACK = (0, 0, 0)
Rgb = tuple[int, int, int]
TEXT_CONTRAST = 4.5  # WCAG 2 AA for body text
STRONG_CONTRAST = 7.0  # AAA, used for the footer's small print


def parse_hex(colour: str) -> Rgb:
    """'#1d4e89' or '#fff' -> (r, g, b)."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def to_hex(rgb: Rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def luminance(rgb: Rgb) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Rgb, b: Rgb) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(rgb: Rgb, other: Rgb, share: float) -> Rgb:
    """rgb moved `share` of the way towards other."""
    r, g, b = (round(v + (o - v) * share) for v, o in zip(rgb, other, strict=True))
    return r, g, b


def darken_until(rgb: Rgb, against: Rgb, ratio: float) -> Rgb:
    """The lightest shade of rgb (mixing in black) with at least `ratio` contrast against `against`."""
    for step in range(101):
        shade = mix(rgb, BLACK, step / 100)
        if contrast(shade, against) >= ratio:
            return shade
    return BLACK


def text_on(background: Rgb) -> Rgb:
    """White or black text, whichever reads better on background."""
    return WHITE if contrast(WHITE, background) >= contrast(BLACK, background) else BLACK
