"""SVG images from content/assets/, made safe for every output.

An SVG is a document, not a picture: opened on its own it runs its scripts in the website's
origin (where the interactive circles keep the reader's notes). So:

- check (via the loader) refuses what can only be an attack or a leak, with the file and line:
  scripts, event handlers (onload=...), foreignObject, javascript: and other external
  references, and DOCTYPEs that declare entities;
- everything that is published (website, offline zip, PDFs) goes through sanitise(), which
  rebuilds the file from an allow-list of SVG elements and attributes and drops the rest
  (editors' metadata, comments, unknown elements).

Parsed with lxml without entity expansion, DTD loading or network access.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MAX_BYTES = 5 * 1024 * 1024


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ELEMENTS = _words(
    """
    svg g defs symbol use path rect circle ellipse line polyline polygon text tspan textPath title desc
    linearGradient radialGradient stop clipPath mask pattern marker image a switch style filter feBlend
    feColorMatrix feComponentTransfer feComposite feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR
    feGaussianBlur feMerge feMergeNode feMorphology feOffset feTile
    """
)
HOSTILE_ELEMENTS = {
    "script": "scripts are not allowed in images; remove the <script> element",
    "foreignObject": "<foreignObject> can carry web page code; remove it (draw the shapes in SVG instead)",
    "iframe": "<iframe> is not allowed in images; remove it",
    "embed": "<embed> is not allowed in images; remove it",
    "object": "<object> is not allowed in images; remove it",
    "handler": "event handlers are not allowed in images; remove the <handler> element",
    "listener": "event listeners are not allowed in images; remove the <listener> element",
}
ATTRIBUTES = _words(
    """
    id class style transform x y x1 x2 y1 y2 cx cy r rx ry fx fy fr width height d points viewBox
    preserveAspectRatio version baseProfile fill fill-opacity fill-rule stroke stroke-width
    stroke-opacity stroke-linecap stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset
    opacity color display visibility overflow clip-path clip-rule mask filter font-family font-size
    font-style font-weight font-variant font-stretch text-anchor dominant-baseline alignment-baseline
    baseline-shift letter-spacing word-spacing text-decoration writing-mode direction unicode-bidi
    offset stop-color stop-opacity gradientUnits gradientTransform spreadMethod clipPathUnits maskUnits
    maskContentUnits patternUnits patternContentUnits patternTransform markerUnits markerWidth
    markerHeight refX refY orient marker-start marker-mid marker-end filterUnits primitiveUnits in in2
    result stdDeviation dx dy rotate lengthAdjust textLength startOffset method spacing side mode
    operator k1 k2 k3 k4 values type tableValues slope intercept amplitude exponent flood-color
    flood-opacity lighting-color radius vector-effect paint-order shape-rendering text-rendering
    image-rendering color-interpolation color-interpolation-filters isolation mix-blend-mode role
    focusable aria-label aria-labelledby aria-describedby aria-hidden aria-roledescription lang href
    """
)
URL_IN_CSS = re.compile(r"url\(\s*(['\"]?)([^)'\"]*)\1\s*\)", re.IGNORECASE)
SAFE_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$", re.IGNORECASE)


@dataclass(frozen=True)
class SvgProblem:
    line: int
    field: str
    message: str


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse(data: bytes) -> tuple[etree._Element | None, str]:
    """The SVG's root element, or None and what is wrong with the file as XML."""
    if len(data) > MAX_BYTES:
        return None, f"the image is larger than {MAX_BYTES // (1024 * 1024)} MB; make it smaller"
    try:
        tree = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        return None, f"this SVG file is not well-formed XML ({error.msg}); save it again from your drawing program"
    if tree is None or etree.QName(tree).localname != "svg":
        return None, "this file is not an SVG image (its first element is not <svg>)"
    return tree, ""


def problems(data: bytes) -> list[SvgProblem]:
    """What check reports for an SVG: everything hostile, each with its line."""
    if re.search(rb"<!ENTITY", data[:MAX_BYTES]):
        return [SvgProblem(_line_of(data, b"<!ENTITY"), "svg", "entity declarations are not allowed; remove them")]
    root, error = parse(data)
    if root is None:
        return [SvgProblem(1, "svg", error)]
    found: list[SvgProblem] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        line = element.sourceline or 1
        if name in HOSTILE_ELEMENTS:
            found.append(SvgProblem(line, f"<{name}>", HOSTILE_ELEMENTS[name]))
            continue
        for attribute, value in element.attrib.items():
            reason = _hostile_attribute(etree.QName(attribute).localname, value)
            if reason:
                found.append(SvgProblem(line, etree.QName(attribute).localname, reason))
        if name == "style" and _bad_css(element.text or ""):
            found.append(SvgProblem(line, "<style>", "styles may only refer to parts of this image (url(#id))"))
    return found


def _hostile_attribute(name: str, value: str) -> str:
    if name.lower().startswith("on"):
        return f"event handlers such as {name}= run scripts; remove the attribute"
    if name == "href" and not _safe_reference(value):
        shown = value if len(value) <= 80 else value[:38] + "..." + value[-38:]
        return (
            f"'{shown}': images may only refer to parts of themselves (#id) or embed PNG/JPEG pictures "
            "as data:, not other files or web addresses"
        )
    if (name == "style" or "url(" in value.lower()) and _bad_css(value):
        return "styles may only refer to parts of this image (url(#id)), not to other files or addresses"
    return ""


def _safe_reference(value: str) -> bool:
    value = value.strip()
    return value.startswith("#") or bool(SAFE_IMAGE.match(value))


def _bad_css(text: str) -> bool:
    lowered = text.lower()
    if "@import" in lowered or "expression(" in lowered or "javascript:" in lowered:
        return True
    return any(not url.strip().startswith("#") for _, url in URL_IN_CSS.findall(text))


def _line_of(data: bytes, needle: bytes) -> int:
    return data[: data.find(needle)].count(b"\n") + 1


def sanitise(data: bytes) -> bytes:
    """The SVG rebuilt from the allow-list: safe to publish even if check was skipped.
    Raises ValueError for a file that is not an SVG at all (check reports those first)."""
    root, error = parse(data)
    if root is None:
        raise ValueError(error)
    _clean(root)
    etree.cleanup_namespaces(root)  # drop declarations of the editors' namespaces, now unused
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)


def _clean(element: etree._Element) -> None:
    for child in list(element):
        if not isinstance(child.tag, str) or not _allowed_element(child):
            tail = child.tail
            element.remove(child)  # comments, entities, unknown and hostile elements, with their content
            if tail:
                _append_text(element, tail)
            continue
        _clean(child)
    for attribute in list(element.attrib):
        if not _allowed_attribute(attribute, element.attrib[attribute]):
            del element.attrib[attribute]
    if etree.QName(element).localname == "style" and _bad_css(element.text or ""):
        element.text = ""


def _append_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _allowed_element(element: etree._Element) -> bool:
    name = etree.QName(element)
    return name.namespace == SVG_NS and name.localname in ELEMENTS


def _allowed_attribute(attribute: str, value: str) -> bool:
    name = etree.QName(attribute)
    if name.namespace not in (None, XLINK_NS, XML_NS):
        return False  # editors' own namespaces (inkscape:, sodipodi:, ...)
    if name.namespace == XML_NS:
        return name.localname in ("lang", "space")
    if name.localname not in ATTRIBUTES or (name.namespace == XLINK_NS and name.localname != "href"):
        return False
    return not _hostile_attribute(name.localname, value)
