"""Sanitised HTML (from render.markdown.to_html) -> XHTML an EPUB reader accepts.

EPUB content documents are XML: void elements closed, every attribute quoted, no HTML-only
entities. lxml (already installed with pikepdf) parses the HTML and writes it out as XML.
"""

from __future__ import annotations

import lxml.html
from lxml import etree
from markupsafe import Markup

DROPPED_ATTRIBUTES = ("rel",)  # nh3 adds rel="noopener noreferrer": meaningless in a book


def to_xhtml(html: str) -> Markup:
    """A fragment of sanitised HTML as well-formed XHTML (a link that goes nowhere becomes its text)."""
    if not html.strip():
        return Markup("")
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in root.iter():
        for name in DROPPED_ATTRIBUTES:
            element.attrib.pop(name, None)
    for link in root.iter("a"):
        if link.get("href", "#") == "#":  # an unsafe or unresolved target: keep the words only
            link.drop_tag()
    text = root.text or ""
    inner = "".join(etree.tostring(child, method="xml", encoding="unicode") for child in root)
    return Markup(_escape(text) + inner)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def images(xhtml: str) -> list[str]:
    """The content images (assets/...) a document shows."""
    if not xhtml:
        return []
    root = lxml.html.fragment_fromstring(xhtml, create_parent="div")
    return [src for img in root.iter("img") if (src := img.get("src", "")).startswith("assets/")]
