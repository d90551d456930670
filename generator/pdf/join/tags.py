"""The parts' structure trees (PDF/UA tagging), as the join reads and rewrites them.

Each part's Document element is dropped and its children go under the joined PDF's one
Document; the parent tree (marked content -> structure element, per page) is renumbered by
an offset per part. The empty link targets a part holds for anchors in other parts mark no
content and are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pikepdf import Array, Dictionary, Name

from .writer import ObjectWriter, refs


def number_tree(node: Any) -> Iterator[tuple[int, Any]]:
    """Every (key, value) of a number tree, WeasyPrint's flat one or one with kids."""
    if "/Nums" in node:
        flat = list(node.Nums)
        for index in range(0, len(flat), 2):
            yield int(flat[index]), flat[index + 1]
    for kid in node.get("/Kids", []):
        yield from number_tree(kid)


def elements(element: Any) -> Iterator[Any]:
    """An element and every element below it."""
    yield element
    kids = element.get("/K")
    for kid in kids if isinstance(kids, Array) else [kids]:
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.StructElem:
            yield from elements(kid)


def has_content(element: Any) -> bool:
    """True if a structure element marks any content: the parts' empty link targets do not."""
    if isinstance(element, int):
        return True  # a marked-content id
    if isinstance(element, Array):
        return any(has_content(kid) for kid in element)
    if isinstance(element, Dictionary):
        if element.get("/Type") in (Name.MCR, Name.OBJR) or "/MCID" in element:
            return True
        return "/K" in element and has_content(element.K)
    return False


def document_kids(document: Any) -> list[Any]:
    kids = document.get("/K")
    return list(kids) if isinstance(kids, Array) else [kids] if kids is not None else []


def write_tree(
    out: ObjectWriter,
    numbers: tuple[int, int, int],
    kids: list[int],
    parent_tree: list[tuple[int, bytes]],
    next_key: int,
) -> None:
    """The joined structure tree root, its Document and its parent tree.

    numbers: the tree root's, the Document's and the parent tree's object numbers."""
    tree, document, parents = numbers
    out.object(document, b"<< /Type /StructElem /S /Document /P %d 0 R /K [%s] >>" % (tree, refs(kids)))
    nums = b" ".join(b"%d %s" % (key, value) for key, value in sorted(parent_tree))
    out.object(parents, b"<< /Nums [%s] >>" % nums)
    out.object(
        tree,
        b"<< /Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d >>"
        % (document, parents, next_key),
    )
