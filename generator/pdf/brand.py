"""The guide's brand colours in every PDF: headings, rules and the rings' tints.

With or without a logo, the PDFs carry the organisation's colours. Text keeps at least
4.5:1 contrast on white (a light brand colour is darkened for text), and the three rings
stay apart in lightness, so a greyscale printout still shows three different rings.
"""

from __future__ import annotations

from itertools import pairwise

from ..common.colour import BLACK, TEXT_CONTRAST, WHITE, contrast, darken_until, luminance, mix, parse_hex, to_hex
from ..render.diagram import RING_FILLS

# How much white goes into each ring's tint, centre first: darkest in the middle, as the greys.
RING_WHITE = (0.70, 1.0, 0.86)
MIN_STEP = 0.06  # least luminance between two rings' tints for a greyscale copy to tell them apart


def ring_fills(primary: str) -> tuple[str, str, str]:
    """Tints of the primary colour for the rings, or the greys when the tints would look alike
    in greyscale or make the black labels hard to read."""
    base = parse_hex(primary)
    tints = [mix(base, WHITE, share) for share in RING_WHITE]
    levels = sorted(luminance(t) for t in tints)
    apart = all(b - a >= MIN_STEP for a, b in pairwise(levels))
    readable = all(contrast(BLACK, t) >= 7.0 for t in tints)
    if not (apart and readable):
        return RING_FILLS
    centre, middle, outer = (to_hex(t) for t in tints)
    return centre, middle, outer


def brand_css(primary: str, accent: str) -> str:
    """A stylesheet after ours: headings and rules in the brand's colours, text never below 4.5:1."""
    heading = to_hex(darken_until(parse_hex(primary), WHITE, TEXT_CONTRAST))
    rule = to_hex(parse_hex(primary))
    link = to_hex(darken_until(parse_hex(accent), WHITE, TEXT_CONTRAST))
    return (
        f"h1, h2, h3, h4 {{ color: {heading}; }}\n"
        f"h1 {{ border-bottom: 0.6mm solid {rule}; padding-bottom: 1.5mm; }}\n"
        f".licence {{ border-top-color: {rule}; }}\n"
        f".instructions {{ border-left-color: {rule}; }}\n"
        f"a {{ color: {link}; }}\n"
    )
