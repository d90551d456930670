"""The booklet's bookmarks: each part's outline entries, read with their destinations
renumbered, then written anew as one outline (activities nested under "Activities")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pikepdf
from pikepdf import Array, Pdf

from .writer import Numbers, ObjectWriter, value

Entry = tuple[bytes, bytes, list["Entry"]]  # title and destination, unparsed; children


def outline_items(pdf: Pdf) -> list[pikepdf.OutlineItem]:
    with pdf.open_outline() as outline:
        return list(outline.root)


def outline_objects(pdf: Pdf) -> Iterator[Any]:
    """The outline's own dictionaries, which the join writes anew."""
    outlines = pdf.Root.get("/Outlines")
    if outlines is None:
        return
    yield outlines
    stack = [outlines.get("/First")]
    while stack:
        item = stack.pop()
        while item is not None:
            yield item
            stack.append(item.get("/First"))
            item = item.get("/Next")


def entry(item: pikepdf.OutlineItem, numbers: Numbers) -> Entry:
    """An outline item (destinations were checked to be explicit: join/shape.py)."""
    dest = item.destination
    if not isinstance(dest, Array):
        raise RuntimeError(f"the bookmark '{item.title}' has no explicit destination")
    return (
        pikepdf.String(item.title).unparse(),
        value(dest, numbers),
        [entry(child, numbers) for child in item.children],
    )


def write_outline(out: ObjectWriter, entries: list[Entry], root: int) -> None:
    """Every entry, open, as object `root` (the catalog's /Outlines) and the items below it."""
    ends: dict[int, tuple[int, int]] = {}

    def place(entries: list[Entry], parent: int) -> int:
        """Write entries under parent; return how many are visible (every entry is open)."""
        numbers = [out.number() for _ in entries]
        visible = len(entries)
        for index, (title, dest, children) in enumerate(entries):
            fields = [b"/Title " + title, b"/Dest " + dest, b"/Parent %d 0 R" % parent]
            if index:
                fields.append(b"/Prev %d 0 R" % numbers[index - 1])
            if index + 1 < len(entries):
                fields.append(b"/Next %d 0 R" % numbers[index + 1])
            if children:
                count = place(children, numbers[index])
                first, last = ends[numbers[index]]
                fields += [b"/First %d 0 R" % first, b"/Last %d 0 R" % last, b"/Count %d" % count]
                visible += count
            out.object(numbers[index], b"<< " + b" ".join(fields) + b" >>")
        if numbers:
            ends[parent] = (numbers[0], numbers[-1])
        return visible

    count = place(entries, root)
    fields = b"/Type /Outlines"
    if entries:
        first, last = ends[root]
        fields += b" /First %d 0 R /Last %d 0 R /Count %d" % (first, last, count)
    out.object(root, b"<< " + fields + b" >>")
