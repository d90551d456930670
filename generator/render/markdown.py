"""Content Markdown -> safe output, one configuration shared by the site and the PDFs.

Content is semi-trusted: raw HTML in it is shown as text, never run; link targets are
limited to our own `page:`/`skill:`/`activity:` references, `#anchors`, and web/mail
addresses; and the HTML is sanitised with nh3 as a second layer, by the sanitiser extension
(`common/sanitiser.py`) that runs last in every conversion, MkDocs', Zensical's and ours.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import markdown as md
import nh3
from markupsafe import Markup

from ..common.sanitiser import MARKER
from ..common.sanitiser import NAME as SANITISER
from ..content.loader import REF

# (kind, id, anchor) -> URL for the output being written, e.g. "skills.md#listening".
Resolver = Callable[[str, str, str], str]

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
LINK_TARGET = re.compile(r"(\]\(\s*<?)([^)\s>]*)")
REFERENCE_DEFINITION = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*<?)(\S+?)(>?(?:\s.*)?)$", re.MULTILINE)
# The one Markdown configuration for content, the site's and the PDFs' alike: what content may
# contain is decided here (and by the sanitiser's allow-list), not by each output.
CONTENT_EXTENSIONS: list[str] = [
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "sane_lists",
    "pymdownx.tilde",
]
# The website adds heading ids (and its table of contents) for its navigation; the sanitiser comes last.
SITE_EXTENSIONS: list[Any] = [{"toc": {"permalink": False, "toc_depth": 3}}, *CONTENT_EXTENSIONS, SANITISER]
PDF_EXTENSIONS: list[str] = [*CONTENT_EXTENSIONS, SANITISER]


class SanitiserDidNotRun(RuntimeError):
    """A conversion came back without the sanitiser's marker: a bug, never shown as safe HTML."""


def _safe_target(target: str, resolve: Resolver) -> str:
    ref = REF.match(target)
    if ref:
        return resolve(ref.group(1), ref.group(2), (ref.group(3) or "")[1:])
    if target.startswith("#") or target.startswith("assets/"):
        return target
    scheme = target.split(":", 1)[0].lower() if ":" in target else ""
    return target if scheme in SAFE_SCHEMES else "#"


def neutralise(text: str, resolve: Resolver) -> str:
    """Markdown -> Markdown with raw HTML escaped and every link target made safe.

    The result can go to any Markdown engine (ours or MkDocs') without letting HTML
    or script through, because no '<' survives as markup.
    """
    text = text.replace("<", "&lt;")
    text = LINK_TARGET.sub(lambda m: m.group(1) + _safe_target(m.group(2), resolve), text)
    return REFERENCE_DEFINITION.sub(lambda m: m.group(1) + _safe_target(m.group(2), resolve) + m.group(3), text)


_local = threading.local()


@lru_cache(maxsize=65536)  # bounded: the live preview runs for hours, adding each edited text
def _convert(text: str) -> str:
    """Markdown -> HTML with one converter per thread: making one costs more than most conversions.

    Kept per text (the output depends on nothing else: links were resolved before): the booklet,
    its large-print and A5 variants and the handouts convert the same texts, so a large guide
    converted each one three or four times. The cache holds about as much as the content itself."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = md.Markdown(extensions=PDF_EXTENSIONS, output_format="html")
    html = str(converter.reset().convert(text))
    if not html.endswith(MARKER):
        raise SanitiserDidNotRun("the Markdown converter returned HTML that the sanitiser did not clean")
    return html.removesuffix(MARKER)


def to_html(text: str, resolve: Resolver, *, inline: bool = False) -> Markup:
    """Content Markdown -> sanitised HTML, safe to put into a template unescaped."""
    html = _convert(neutralise(text, resolve))
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def plain_text(text: str) -> str:
    """Content Markdown -> text without markup, for tooltips, alt text and readability checks."""
    html = _convert(neutralise(text, lambda kind, ident, anchor: "#"))
    return re.sub(r"\s+", " ", nh3.clean(html, tags=set())).strip()
