"""MkDocs hook copied into every generated project: sanitise each page's HTML with nh3.

The second layer of defence. The first is markdown.neutralise, which escapes raw HTML in
content before MkDocs sees it. But MkDocs' Markdown extensions can still make markup from
plain text (attr_list turns `{: onclick=... }` into an attribute), so every page's HTML is
cleaned against an allow-list that covers exactly what our templates and extensions make:
headings with ids, lists, tables, admonitions, cards, definition lists and the inline SVG
diagram. Anything else (scripts, event handlers, styles, javascript: links) is removed.

This file must stay self-contained (standard library and nh3 only): it runs inside MkDocs,
also when someone builds the generated project with plain `mkdocs build`.
"""

from __future__ import annotations

from typing import Any

import nh3

TEXT_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
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
    "div",
    "figure",
    "figcaption",
    "abbr",
}
SVG_TAGS = {"svg", "title", "desc", "g", "circle", "line", "text", "rect", "path"}
SVG_ATTRIBUTES = {
    "xmlns",
    "viewBox",
    "width",
    "height",
    "role",
    "aria-labelledby",
    "font-family",
    "font-size",
    "font-weight",
    "text-anchor",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "cx",
    "cy",
    "r",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "d",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
ATTRIBUTES: dict[str, set[str]] = {
    # Classes only style (our CSS and Material's need them); lang marks a part not yet translated.
    "*": {"class", "lang"},
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


def sanitise(html: str) -> str:
    """Allow-list sanitising of one page's HTML."""
    return nh3.clean(
        html,
        tags=TEXT_TAGS | SVG_TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def on_page_content(html: str, **kwargs: Any) -> str:
    """MkDocs event: runs after Markdown -> HTML, before the theme wraps the page."""
    return sanitise(html)
