"""PDF/UA-1 as an independent validator sees it: page-validation's `ua1` profile over PDFs, each
failure told in words with its file, page, rule and object.

The tests of whole builds use it (tests/pdf/test_pdfua.py, the translated guide's build); it is
also a command for any build folder:

    .venv/bin/python tests/helpers/pdfua.py build/pdf

which prints every failure and exits 1 if a PDF that claims PDF/UA-1 fails. A PDF that does not
claim it (no `pdfuaid` in its XMP: the A5 printing sheets) is listed as such, not validated.
page-validation names an object for some failures only, and a page for none: the page is found
here, from the object (a structure element's /Pg, the page that draws a font or holds an
annotation) or from the message ("annotation 1 on page 2").
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import page as validator
import pikepdf

PROFILE = "ua1"
VERSION = metadata.version("page-validation")
ON_PAGE = re.compile(r"\bon page (\d+)\b")


@dataclass(frozen=True)
class Finding:
    """One rule a PDF breaks, in words."""

    file: Path
    page: int | None  # 1-based; None when neither the validator nor the object says
    rule: str
    what: str  # the validator's message
    obj: str  # "object 74 0 (a Font)" or "" when the validator names none

    def __str__(self) -> str:
        where = f"page {self.page}" if self.page else "page not known (the validator names no object)"
        thing = f", {self.obj}" if self.obj else ""
        return f"{self.file}: {where}: {self.rule}: {self.what}{thing}"


def claims_pdfua(path: Path) -> bool:
    """True when the PDF's XMP says it is PDF/UA (pdfuaid:part), as WeasyPrint's pdf/ua-1 writes."""
    with pikepdf.open(path) as pdf:
        if "/Metadata" not in pdf.Root:
            return False
        return b"pdfuaid" in pdf.Root.Metadata.read_bytes()


def findings(path: Path) -> list[Finding]:
    """Every failure page-validation reports for one PDF under the ua1 profile."""
    report = validator.validate_pdf(str(path), profile=PROFILE)
    if report.is_compliant:
        return []
    with pikepdf.open(path) as pdf:
        return [_finding(path, pdf, failure) for failure in report.failures]


def _finding(path: Path, pdf: pikepdf.Pdf, failure: Any) -> Finding:
    number = ON_PAGE.search(failure.message)
    obj, page = "", int(number.group(1)) if number else None
    target = None
    if failure.object_id is not None:
        target = pdf.get_object((failure.object_id.object_number, failure.object_id.generation))
    elif failure.rule_id in FIRST_OFFENDER:  # the validator names no object: find the first one
        target = next((e for e in _elements(pdf) if FIRST_OFFENDER[failure.rule_id](e)), None)
    elif failure.rule_id == "PDFUA1-HEADING-NESTING-001":
        target = _skipped_heading(pdf)
    if target is not None:
        ident = target.objgen
        obj = f"object {ident[0]} {ident[1]} ({_kind(target)})"
        page = page or _page_of(pdf, target)
    return Finding(path, page, failure.rule_id, failure.message, obj)


def _kind(obj: Any) -> str:
    """A structure element's tag ("an L element"), or the object's type ("a Font")."""
    if not isinstance(obj, pikepdf.Dictionary):
        return "an object"
    name = str(obj.get("/S") or obj.get("/Type") or "object").lstrip("/")
    noun = f"{name} element" if "/S" in obj else name
    spelt = name[:2].isupper() or len(name) <= 2  # L, LI, H4, TH: read letter by letter
    article = "an" if name[0] in ("AEFHILMNORSX" if spelt else "AEIOU") else "a"
    return f"{article} {noun}"


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    return [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _role(element: Any) -> str:
    return str(element.get("/S", "")) if isinstance(element, pikepdf.Dictionary) else ""


def _elements(pdf: pikepdf.Pdf) -> Iterator[Any]:
    """Every structure element, in reading order."""
    stack = list(reversed(_kids(pdf.Root.StructTreeRoot))) if "/StructTreeRoot" in pdf.Root else []
    while stack:
        element = stack.pop()
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            yield element
            stack += reversed(_kids(element))


# The structure rules page-validation 0.11 reports without an object, and how to spot an offender.
FIRST_OFFENDER = {
    "PDFUA1-L-KIDS-001": lambda e: (
        _role(e) == "/L" and any(_role(k) not in ("/L", "/LI", "/Caption") for k in _kids(e))
    ),
    "PDFUA1-LI-PARENT-001": lambda e: _role(e) == "/LI" and _role(e.get("/P")) != "/L",
    "PDFUA1-FIGURE-ALTERNATIVE-TEXT-001": lambda e: (
        _role(e) == "/Figure" and not any(str(e.get(key, "")).strip() for key in ("/Alt", "/ActualText"))
    ),
}


def _skipped_heading(pdf: pikepdf.Pdf) -> Any:
    """The first heading more than one level below the one before it (or than none, for the first)."""
    last = 0
    for element in _elements(pdf):
        if re.fullmatch(r"/H[1-6]", _role(element)):
            level = int(_role(element)[2])
            if level > last + 1:
                return element
            last = level
    return None


def _page_of(pdf: pikepdf.Pdf, target: Any) -> int | None:
    """The first page a structure element marks, or that draws with (font) or holds (annotation) target."""
    element = target
    while isinstance(element, pikepdf.Dictionary) and "/Pg" not in element and "/P" in element:
        element = element.P
    if isinstance(element, pikepdf.Dictionary) and "/Pg" in element:
        for number, page in enumerate(pdf.pages, start=1):
            if page.obj.objgen == element.Pg.objgen:
                return number
    if not target.is_indirect:
        return None
    for number, page in enumerate(pdf.pages, start=1):
        if any(ref == target.objgen for ref in _reachable(page.obj)):
            return number
    return None


def _reachable(page: Any) -> Iterator[tuple[int, int]]:
    """The indirect objects a page's resources (fonts, XObjects and theirs) and annotations reach."""
    stack = [page.get("/Resources"), page.get("/Annots")]
    seen: set[tuple[int, int]] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Object) and item.is_indirect:
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
            yield item.objgen
        if isinstance(item, pikepdf.Stream):
            item = item.stream_dict
        if isinstance(item, pikepdf.Dictionary):
            stack += [v for k, v in item.items() if k not in ("/Parent", "/P", "/Dest", "/A")]
        elif isinstance(item, pikepdf.Array):
            stack += list(item)


def marked_content(path: Path) -> tuple[Counter[tuple[int, int]], set[tuple[int, int]]]:
    """(page, MCID) as the structure tree reaches them, with how often, and as the pages mark them.

    PDF/UA wants each piece of a page's content in the tree once: not lost, not read twice."""
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
        in_tree: Counter[tuple[int, int]] = Counter()
        stack: list[tuple[Any, int | None]] = [(pdf.Root.StructTreeRoot, None)]
        while stack:
            element, page = stack.pop()
            page = pages.get(element.Pg.objgen, page) if "/Pg" in element else page
            for kid in _kids(element):
                if isinstance(kid, int) and page is not None:
                    in_tree[(page, kid)] += 1
                elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:  # a marked-content reference
                    in_tree[(pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page, int(kid.MCID))] += 1
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    stack.append((kid, page))
        drawn = set()
        for number, page in enumerate(pdf.pages):
            for instruction in pikepdf.parse_content_stream(page):
                operands = instruction.operands
                properties = operands[1] if str(instruction.operator) == "BDC" else None
                if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                    drawn.add((number, int(properties.MCID)))
    return in_tree, drawn


def pdfs(places: Iterable[Path]) -> list[Path]:
    """Every PDF in the folders (or the files themselves), sorted: a build's own, not a fixed list,
    so a new variant is validated too."""
    return sorted(p for place in places for p in ([place] if place.is_file() else place.rglob("*.pdf")))


def main(arguments: list[str]) -> int:
    files = pdfs(Path(a) for a in arguments)
    failing = unclaimed = 0
    for path in files:
        if not claims_pdfua(path):
            unclaimed += 1
            print(f"{path}: does not claim PDF/UA-1 (not validated)")
            continue
        found = findings(path)
        failing += bool(found)
        for finding in found:
            print(finding)
    claimed = len(files) - unclaimed
    print(f"{claimed - failing} of {claimed} PDFs that claim PDF/UA-1 pass page-validation {VERSION} ({PROFILE})")
    return 1 if failing or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["build/pdf"]))
