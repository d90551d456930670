"""What the join needs from each laid-out part, checked once, up front, before anything is
written: a message that names the part and says what was found, never an assert halfway.

The join relies on WeasyPrint's tagged output (PDF/UA): a structure tree whose root holds one
Document element and a parent tree; every page with its StructParents key and a media box;
named destinations and bookmarks that point at a page explicitly. All parts share one paper
size. The footer's font is checked when it is chosen (join/footer.py: footer_face).
"""

from __future__ import annotations

from typing import Any

from pikepdf import Array, Dictionary, Name, Pdf

from ...errors import JoinError

Size = tuple[float, float]


def fail(part: str, found: str, needed: str) -> JoinError:
    return JoinError(f"the booklet could not be joined: its part '{part}' {found}; the join needs {needed}")


def check_part(pdf: Pdf, part: str) -> Size:
    """Raise JoinError unless the part has the shape the join relies on; return its page size."""
    _check_tree(pdf, part)
    sizes = {_page_size(page.obj, index, part) for index, page in enumerate(pdf.pages)}
    if len(sizes) != 1:
        found = "has no pages" if not sizes else f"has pages of {len(sizes)} sizes ({_sizes(sizes)})"
        raise fail(part, found, "every page of the booklet to have the same paper size")
    return sizes.pop()


def check_same_paper(size: Size, expected: Size, part: str) -> None:
    if abs(size[0] - expected[0]) > 0.5 or abs(size[1] - expected[1]) > 0.5:
        raise fail(part, f"has pages of {_sizes({size})}", f"the cover's paper size, {_sizes({expected})}")


def _check_tree(pdf: Pdf, part: str) -> None:
    tree = pdf.Root.get("/StructTreeRoot")
    if not isinstance(tree, Dictionary):
        raise fail(part, "has no structure tree (it is not a tagged PDF)", "PDF/UA tagging (pdf_variant 'pdf/ua-1')")
    kids = tree.get("/K")
    first = kids[0] if isinstance(kids, Array) and len(kids) else kids
    if not isinstance(first, Dictionary) or first.get("/S") != Name.Document:
        found = f"has a structure tree whose first element is {_describe(first)}"
        raise fail(part, found, "a Document element at the root of the structure tree")
    if isinstance(kids, Array) and len(kids) > 1:
        raise fail(part, f"has {len(kids)} elements at the root of its structure tree", "exactly one, a Document")
    if not isinstance(tree.get("/ParentTree"), Dictionary):
        raise fail(part, "has a structure tree without a parent tree", "a parent tree (/ParentTree)")


def _page_size(page: Any, index: int, part: str) -> Size:
    if "/StructParents" not in page:
        raise fail(part, f"has a page ({index + 1}) without a StructParents key", "every page to be tagged")
    box = page.get("/MediaBox")
    try:
        x0, y0, x1, y1 = (float(value) for value in box)
    except (TypeError, ValueError):
        raise fail(part, f"has a page ({index + 1}) whose media box is {box!r}", "four numbers") from None
    return round(x1 - x0, 1), round(y1 - y0, 1)


def check_destination(dest: Any, pages: dict[tuple[int, int], int], what: str, part: str) -> int:
    """The page index an explicit destination points at."""
    target = dest[0] if isinstance(dest, Array) and len(dest) else None
    if not isinstance(target, Dictionary) or not target.is_indirect or target.objgen not in pages:
        raise fail(
            part, f"has {what} that does not point at one of its pages", "explicit destinations ([page /XYZ ...])"
        )
    return pages[target.objgen]


def _describe(obj: Any) -> str:
    if isinstance(obj, Dictionary):
        return f"a {obj.get('/S', obj.get('/Type', 'dictionary'))} element"
    return "missing" if obj is None else type(obj).__name__


def _sizes(sizes: set[Size]) -> str:
    return ", ".join(f"{w / 72 * 25.4:.0f} x {h / 72 * 25.4:.0f} mm" for w, h in sorted(sizes))
