"""Content Markdown -> safe output, one configuration shared by the site and the PDFs.

Content is semi-trusted: raw HTML in it is shown as text, never run; link targets are
limited to our own `page:`/`skill:`/`activity:` references, `#anchors`, and web/mail
addresses; and the HTML we make is sanitised with nh3 as a second layer.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import markdown as md
import nh3
from markupsafe import Markup

from ..content.loader import REF

# (kind, id, anchor) -> URL for the output being written, e.g. "skills.md#listening".
Resolver = Callable[[str, str, str], str]

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
LINK_TARGET = re.compile(r"(\]\(\s*<?)([^)\s>]*)")
REFERENCE_DEFINITION = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*<?)(\S+?)(>?(?:\s.*)?)$", re.MULTILINE)
EXTENSIONS = ["tables", "sane_lists", "attr_list", "def_list", "pymdownx.tilde"]

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "code",
    "pre",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "del",
    "s",
    "dl",
    "dt",
    "dd",
    "span",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align"},
    "td": {"align"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "ol": {"start"},
}


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


def sanitise_html(html: str) -> str:
    """Allow-list sanitising of HTML that came from content."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=SAFE_SCHEMES,
        link_rel="noopener noreferrer",
    )


_local = threading.local()


def _convert(text: str) -> str:
    """Markdown -> HTML with one converter per thread: making one costs more than most conversions."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = md.Markdown(extensions=EXTENSIONS, output_format="html")
    return str(converter.reset().convert(text))


def to_html(text: str, resolve: Resolver, *, inline: bool = False) -> Markup:
    """Content Markdown -> sanitised HTML, safe to put into a template unescaped."""
    html = _convert(neutralise(text, resolve))
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(sanitise_html(html))


def plain_text(text: str) -> str:
    """Content Markdown -> text without markup, for tooltips, alt text and readability checks."""
    html = _convert(neutralise(text, lambda kind, ident, anchor: "#"))
    return re.sub(r"\s+", " ", nh3.clean(html, tags=set())).strip()
