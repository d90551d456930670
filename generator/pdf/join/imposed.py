"""The A5 booklet's parts joined straight into sheets for printing (pdf/impose.py), with the
same "Page X of Y" as the other booklets and nothing else of the join: the sheets have no
tags, links, bookmarks or fields to merge.

One part is open at a time and each page is written as it comes, so the memory does not grow
with the guide: the A5 booklet is never written out whole, nor held. What is written of each
part is kept beside it (join/imposed_pieces.py) and written again from there while the part
is unchanged, without opening it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pikepdf import Dictionary, Name

from ..impose import Imposer
from .booklet import Part
from .footer import LABEL, SIZE, FooterFont, choose_footer, label_characters
from .imposed_pieces import RESOURCE, NotKept, add_footer_font, record, replay, usable
from .pieces import IMPOSED, keep_body, read_body
from .shape import check_same_paper


def join_imposed(
    front: Part,
    parts: Sequence[Part],
    out: Path,
    sheet: tuple[float, float],
    title: str,
    lang: str = "",
    footer_size: float = SIZE,
    page_label: str = LABEL,
    direction: str = "ltr",
) -> None:
    """Write the front part's pages and every other part's, two to a side of sheet (width,
    height in points), in saddle-stitch order, into the file out; direction "rtl" mirrors the footer."""
    for part in parts:
        check_same_paper(part.size, front.size, part.name)
    total = front.page_count + sum(part.page_count for part in parts)
    characters = label_characters(page_label)
    with out.open("wb") as file:
        imposer = Imposer(file, sheet)
        footer: FooterFont | None = None
        number = 0
        for part in (front, *parts):
            if footer is not None and (part.kept is not None or part.keep_at is not None):
                kept, fresh = _kept(part, footer.number)
                if kept is not None:
                    number, repacked = replay(imposer, kept, footer, number, total, page_label)
                    where = fresh or part.kept
                    if repacked and where is not None:  # kept with each page's drawing as compressed just now
                        keep_body(where, part.header(), IMPOSED, kept)
                    continue
            with part.pdf() as pdf:
                imposer.begin(pdf)
                if footer is None:  # the page numbers use the regular face the front embeds
                    descriptors = [obj for obj in pdf.objects if _is_descriptor(obj)]
                    face = choose_footer(descriptors, characters, part.name)
                    font = imposer.out.number()
                    descriptor = imposer.number_of(face)
                    footer = FooterFont.make(face, descriptor, font, footer_size, characters, direction)
                for page in pdf.pages:
                    number += 1
                    imposer.add(page.obj, _stamp(page.obj, footer, number, total, page_label))
        if footer is not None:
            footer.write(imposer.out)
        imposer.finish(title, lang)


def _kept(part: Part, footer_number: int) -> tuple[Any, Path | None]:
    """What imposing the part writes, and where to keep it once written (None: kept already).
    Recorded now when the last build did not keep it; (None, None) when the part must be imposed
    as it is read (join/imposed_pieces.py's NotKept)."""
    if part.kept is not None:
        body = read_body(part.kept)
        if usable(body, footer_number):
            return body, None
    path = part.kept or part.keep_at
    if path is None:
        return None, None
    with part.pdf() as pdf:
        try:
            return record(pdf, footer_number), path
        except NotKept:
            return None, None


def _is_descriptor(obj: object) -> bool:
    return isinstance(obj, Dictionary) and obj.get("/Type") == Name.FontDescriptor


def _stamp(page: Dictionary, footer: FooterFont, number: int, total: int, label: str) -> bytes:
    """'Page X of Y' for every page but the cover. Every page gets the font in its resources,
    the cover too: pages can share their fonts' dictionary, written with the first of them."""
    add_footer_font(page, footer.number)
    if number == 1:
        return b""
    width = float(page.MediaBox[2]) - float(page.MediaBox[0])
    return footer.stamp(RESOURCE, label % {"number": number, "total": total}, width)
