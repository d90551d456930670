"""Which way text runs in every output: the language's direction (content/text_direction.py,
from CLDR), and the pieces inside a page that run the other way.

The website's theme, every PDF's <html dir> and the EPUB's page progression all ask here, so
an Urdu guide cannot come out right-to-left on screen and left-to-right on paper.

Text inside a page may run the other way (a number, an English word left untranslated):
`isolated` wraps such a piece in <bdi dir=...>, whose direction is decided here from its first
strong letter, because WeasyPrint does not resolve dir="auto" itself.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

from ..content.text_direction import Direction, text_direction

__all__ = ["Direction", "auto_directions", "first_strong", "isolated", "text_direction"]

RTL_CLASSES = {"R", "AL"}  # Unicode bidirectional classes of right-to-left letters


def first_strong(text: str) -> Direction | None:
    """The direction of text's first letter that has one (the rule of dir="auto"), or None."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in RTL_CLASSES:
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def isolated(text: str, around: Direction, lang: str | None = None) -> Markup:
    """text (escaped), in a <bdi> with its own direction when its first letter runs against its
    surroundings ('40 minutes' in Urdu, an Urdu name in English): it then keeps its order.
    Numbers alone need nothing: they read left to right inside either direction. lang, when
    given, is the language such a piece is in (the interface's English in an Urdu guide)."""
    own = first_strong(text)
    if own is None or own == around:
        return escape(text)
    if lang:
        return Markup('<bdi dir="{}" lang="{}">{}</bdi>').format(own, lang, text)
    return Markup('<bdi dir="{}">{}</bdi>').format(own, text)


# Blocks whose direction their own words decide: opening tags with no attributes (ours and the
# sanitised Markdown's), and what follows, up to the first letter that has a direction.
BLOCK = re.compile(r"<(p|li|h[1-6]|dt|dd|th|td|caption|figcaption|blockquote)>")
TAG = re.compile(r"<[^>]*>")
LOOK_AHEAD = 2000  # characters: a block's first letter is nearly always in its first few words


def auto_directions(html: str, around: Direction) -> str:
    """What dir="auto" does in a browser, done here because WeasyPrint does not: a paragraph, list
    item, heading or cell whose first letter runs against the page gets that direction (English
    written in an Urdu guide reads, and lines up, left to right). A block that begins with an
    isolated piece (<bdi>: the interface's words) keeps the page's side."""

    def mark(match: re.Match[str]) -> str:
        rest = html[match.end() : match.end() + LOOK_AHEAD]
        if rest.startswith("<bdi"):
            return match.group(0)
        own = first_strong(TAG.sub("", rest.split(f"</{match.group(1)}>", 1)[0]))
        return match.group(0) if own in (None, around) else f'<{match.group(1)} dir="{own}">'

    return BLOCK.sub(mark, html)
