"""The one sanitiser, as a Python-Markdown extension: every engine that converts our Markdown runs it.

Listed last under `markdown_extensions` in the generated mkdocs.yml (MkDocs and Zensical both load
it by its import path) and in the converter that makes the PDFs' HTML, it cleans the HTML of each
conversion against one nh3 allow-list, after every other extension has had its turn (a
postprocessor with the lowest priority). An MkDocs hook would not do: Zensical ignores `hooks:`
without a word, so the pages would go out unsanitised.

After cleaning it appends MARKER, an HTML comment. Content cannot forge it: raw HTML in content is
escaped before conversion, and nh3 removes every comment before the marker is added. The build
checks that every built page carries the marker (`missing_marker`), so a sanitiser that did not
run stops the build instead of publishing the page.

The allow-list covers exactly what content Markdown and our page templates make: headings with
ids, lists, tables, admonitions, definition lists, cards, and the inline SVG of the three-circle
diagram. Anything else (scripts, event handlers, styles, `javascript:` links) is removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import nh3
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from ..errors import SiteBuildError

MARKER = "<!-- guidegen:sanitised -->"
NAME = "generator.common.sanitiser"  # how mkdocs.yml and Python-Markdown name this extension
PRIORITY = -1000  # postprocessors run highest first: this one after all of them

TEXT_TAGS = {
    *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "b", "i"),
    *("a", "code", "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "img", "del", "s"),
    *("dl", "dt", "dd", "span", "sup", "sub", "div", "figure", "figcaption", "abbr", "bdi"),
}
SVG_TAGS = {"svg", "title", "desc", "g", "circle", "line", "text", "tspan", "rect", "path"}  # tspan: a label's lines
SVG_ATTRIBUTES = {
    *("xmlns", "viewBox", "width", "height", "role", "aria-labelledby", "font-family", "font-size"),
    *("font-weight", "text-anchor", "fill", "stroke", "stroke-width", "stroke-dasharray"),
    *("cx", "cy", "r", "x", "y", "dy", "x1", "y1", "x2", "y2", "d"),
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
ATTRIBUTES: dict[str, set[str]] = {
    # Classes only style (our CSS and the theme's need them: admonitions, cards); lang and dir mark a
    # part of a translation that is not yet translated, or text running the other way.
    "*": {"class", "lang", "dir"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
    "abbr": {"title"},
    "title": {"id"},
    "desc": {"id"},
    **{tag: {"id"} for tag in HEADINGS},
    **{tag: SVG_ATTRIBUTES for tag in SVG_TAGS - {"title", "desc"}},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


# Made once: nh3.clean() converts the allow-lists on every call, about three quarters of its time.
_CLEANER = nh3.Cleaner(
    tags=TEXT_TAGS | SVG_TAGS,
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
)


def sanitise(html: str) -> str:
    """Allow-list sanitising of HTML made from content (comments go too)."""
    return _CLEANER.clean(html)


class _Sanitise(Postprocessor):
    def run(self, text: str) -> str:
        return sanitise(text) + MARKER


class SanitiseExtension(Extension):
    """Registers the sanitiser as the last postprocessor of the converter."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.postprocessors.register(_Sanitise(md), "guidegen_sanitise", PRIORITY)


def makeExtension(**kwargs: Any) -> SanitiseExtension:
    return SanitiseExtension(**kwargs)


def _content_marked(html: str) -> bool:
    """The marker inside the page's <article>, where the theme puts the page's content.

    Only there: Python-Markdown also runs postprocessors over each heading for the table of
    contents (Zensical prints those, marker and all, in the sidebar before the article).
    """
    start = html.find("<article")
    return start != -1 and html.find(MARKER, start) != -1


def missing_marker(pages: Iterable[Path], root: Path) -> list[str]:
    """Built pages (relative to root) whose content does not carry the sanitiser's marker."""
    return [
        page.relative_to(root).as_posix() for page in pages if not _content_marked(page.read_text(encoding="utf-8"))
    ]


def check_sanitised(
    site_dir: Path, engine: str, since: float | None = None, written: Iterable[Path] | None = None
) -> None:
    """Refuse a built site whose pages did not all go through guidegen's sanitiser.

    Every page but the theme's own 404.html is made from Markdown, so each must carry the
    marker that the sanitiser extension adds (above). since (the preview's
    dirty builds): only pages written from that time on, the others were checked before;
    written (a rebuild's, whose plugin knows them): only those pages, with no walk of the site.
    """
    if written is not None:
        pages = sorted(page for page in written if page.name != "404.html")
        if not pages:
            return
    else:
        pages = [page for page in sorted(site_dir.rglob("*.html")) if page.name != "404.html"]
    if since is not None and written is None:
        pages = [page for page in pages if page.stat().st_mtime >= since - 1]
        if not pages:
            return
    missing = missing_marker(pages, site_dir)
    if missing or not pages:
        listed = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise SiteBuildError(
            f"{engine} built pages that guidegen's sanitiser did not clean ({listed or 'no pages at all'}), "
            f"so they may carry script from content. Check that '{NAME}' is importable and last "
            "under markdown_extensions in mkdocs.yml; the build was stopped and nothing was published."
        )
