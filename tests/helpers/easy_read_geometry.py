"""What the Easy Read PDF tests measure, read back from the PDF itself (not from our HTML):

- the size text is drawn at (pypdf: the font size times the text and graphics matrices);
- where each picture is drawn: the marked content of each Figure of the structure tree
  (found through its MCIDs), its path points through the graphics state's matrix;
- where each word is, from poppler's `pdftotext -bbox` (an independent reader).
"""

from __future__ import annotations

import math
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject

Box = tuple[float, float, float, float]  # x0, top, x1, bottom: points from the page's top-left


def text_sizes(reader: PdfReader) -> list[tuple[float, str]]:
    """(size in points, text) of every piece of text drawn, on every page."""
    found: list[tuple[float, str]] = []
    for page in reader.pages:

        def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
            if text.strip():
                c, d = _multiply(tm, cm)[2:4]  # the vertical scale of text space on the page
                found.append((size * math.hypot(c, d), text.strip()))

        page.extract_text(visitor_text=visit)
    return found


def _multiply(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return [a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u]


@dataclass(frozen=True)
class Figure:
    page: int  # 0-based
    alt: str | None
    mcids: frozenset[int]


def figures(reader: PdfReader) -> list[Figure]:
    """Every Figure element of the structure tree, with its alternative text and marked content."""
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}  # type: ignore[union-attr]
    found: list[Figure] = []

    def walk(node: Any, page: int | None) -> None:
        node = node.get_object()
        if not isinstance(node, DictionaryObject):
            return
        if "/Pg" in node:
            page = pages[node.raw_get("/Pg").idnum]
        kids = node.get("/K")
        kids = list(kids) if isinstance(kids, ArrayObject) else ([] if kids is None else [kids])
        if node.get("/S") == "/Figure":
            mcids = frozenset(int(k) for k in kids if isinstance(k, int))
            alt = node.get("/Alt")
            found.append(Figure(page or 0, str(alt) if alt is not None else None, mcids))
        for kid in kids:
            if not isinstance(kid, int):
                walk(kid, page)

    walk(reader.trailer["/Root"]["/StructTreeRoot"], None)
    return found


def marked_boxes(reader: PdfReader, page_index: int) -> dict[int, Box]:
    """MCID -> the box of the paths drawn inside that marked content, on one page."""
    page = reader.pages[page_index]
    height = float(page.mediabox.height)
    ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    stack: list[list[float]] = []
    marks: list[int | None] = []
    points: dict[int, list[tuple[float, float]]] = {}
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _multiply([float(x) for x in operands], ctm)
        elif operator == b"BDC":
            props = operands[1] if len(operands) > 1 else {}
            marks.append(int(props["/MCID"]) if isinstance(props, dict) and "/MCID" in props else None)
        elif operator == b"BMC":
            marks.append(None)
        elif operator == b"EMC":
            marks.pop()
        elif marks and marks[-1] is not None and operator in (b"m", b"l", b"c", b"v", b"y", b"re"):
            values = [float(x) for x in operands]
            pairs = list(zip(values[::2], values[1::2], strict=True))
            if operator == b"re":
                x, y, w, h = values
                pairs = [(x, y), (x + w, y + h)]
            a, b, c, d, e, f = ctm
            points.setdefault(marks[-1], []).extend((a * x + c * y + e, b * x + d * y + f) for x, y in pairs)
    return {
        mcid: (
            min(x for x, _ in ps),
            height - max(y for _, y in ps),
            max(x for x, _ in ps),
            height - min(y for _, y in ps),
        )
        for mcid, ps in points.items()
    }


def words(pdf: Path) -> dict[int, list[tuple[str, Box]]]:
    """0-based page -> every word with its box, as poppler's pdftotext -bbox finds them."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    tree = etree.fromstring(xhtml, etree.XMLParser(resolve_entities=False, no_network=True))
    found: dict[int, list[tuple[str, Box]]] = {}
    for index, page in enumerate(tree.iter("{*}page")):
        found[index] = [
            (w.text or "", (float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax"))))
            for w in page.iter("{*}word")
        ]
    return found


def font_heights(reader: PdfReader) -> set[float]:
    """Each embedded font's height per point of size, (Ascent - Descent) / 1000 from its descriptor:
    poppler makes a word's box that tall, so a box's height over this is the size it was drawn at."""
    found = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font)["/FontDescriptor"].get_object()
            found.add((float(descriptor["/Ascent"]) - float(descriptor["/Descent"])) / 1000)
    return found
