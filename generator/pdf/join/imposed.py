"""The A5 booklet's parts joined straight into sheets for printing (pdf/impose.py), with the
same "Page X of Y" as the other booklets and nothing else of the join: the sheets have no
tags, links, bookmarks or fields to merge.

One part is open at a time and each page is written as it comes, so the memory does not grow
with the guide: the A5 booklet is never written out whole, nor held.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pikepdf import Dictionary, Name

from ..impose import Imposer
from .booklet import Part
from .footer import LABEL, SIZE, FooterFont, choose_footer, label_characters
from .shape import check_same_paper
from .writer import placeholder

RESOURCE = "GGPageNumber"


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


def _is_descriptor(obj: object) -> bool:
    return isinstance(obj, Dictionary) and obj.get("/Type") == Name.FontDescriptor


def _stamp(page: Dictionary, footer: FooterFont, number: int, total: int, label: str) -> bytes:
    """'Page X of Y' for every page but the cover. Every page gets the font in its resources,
    the cover too: pages can share their fonts' dictionary, written with the first of them."""
    resources = page.Resources
    if "/Font" not in resources:
        resources.Font = Dictionary()
    resources.Font[f"/{RESOURCE}"] = placeholder(footer.number)
    if number == 1:
        return b""
    width = float(page.MediaBox[2]) - float(page.MediaBox[0])
    return footer.stamp(RESOURCE, label % {"number": number, "total": total}, width)
