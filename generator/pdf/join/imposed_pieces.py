"""What the A5 imposition (join/imposed.py) writes of one booklet part, kept beside the part
(its `.join` file, join/pieces.py) so that the next build imposes an unchanged part without
opening it: some 2.7 s of CPU at 100 activities went into reading every part with pikepdf.

record() walks the part as Imposer.add would, page by page, and notes each step with the
part's own (local) numbers: an object numbered, a font file numbered unless an earlier part
brought the same one, an object written (its text with holes, join/pieces.py's templates), a
page's form. replay() takes the same steps in the joined file, so the sheets get the same
numbers and the same bytes as when the part is read: only the numbers, the font files another
part brought and "Page X of Y" depend on the rest of the booklet, and those are filled in.
"""

from __future__ import annotations

import hashlib
import zlib
from typing import Any

import pikepdf
from pikepdf import Dictionary, Pdf

from ..impose import FONT_FILES, NOT_A_RESOURCE, Imposer, drawing, media_box, references
from .footer import FooterFont
from .pieces import Template, fill, template
from .writer import placeholder

FORMAT = "guidegen-imposed-2"
RESOURCE = "GGPageNumber"  # the page numbers' font, in every page's resources
NEW, FONT, WRITE, FORM = range(4)  # the steps: an object numbered, a font file numbered, written, a page's form

Step = tuple[Any, ...]


class NotKept(Exception):
    """The part holds something replay() could not number as reading it does: it is imposed from the part."""


def add_footer_font(page: Dictionary, number: int) -> None:
    """The page numbers' font in a page's resources, every page's (the cover's too: pages can
    share their fonts' dictionary, written with the first of them)."""
    resources = page.Resources
    if "/Font" not in resources:
        resources.Font = Dictionary()
    resources.Font[f"/{RESOURCE}"] = placeholder(number)


def record(pdf: Pdf, footer_number: int) -> tuple[str, int, int, list[Step]]:
    """The steps imposing the part takes (changes the open pdf: read it once); footer_number:
    the page numbers' font's number in the sheets, which every page's resources refer to."""
    numbers: dict[tuple[int, int], int] = {}
    fonts: dict[str, int] = {}
    steps: list[Step] = []
    count = 0  # local numbers given (a font file met twice has one)

    def number(objgen: tuple[int, int]) -> int:
        nonlocal count
        numbers[objgen], count = count, count + 1
        return numbers[objgen]

    def reach(obj: Any) -> None:  # Imposer.reach, with local numbers
        found = []
        for key, child in references(obj):
            if child.objgen in numbers:
                continue
            if isinstance(child, pikepdf.Dictionary | pikepdf.Stream) and child.get("/Type") in NOT_A_RESOURCE:
                raise RuntimeError(f"imposing the booklet: a page's drawing refers to a {child.get('/Type')}")
            if key in FONT_FILES and isinstance(child, pikepdf.Stream):
                digest = hashlib.sha256(child.read_raw_bytes()).hexdigest()
                if digest in fonts:
                    numbers[child.objgen] = fonts[digest]
                    continue
                if next(references(child), None) is not None:  # left unread when another part brought it
                    raise NotKept(f"a font file refers to other objects ({child.objgen})")
                fonts[digest] = number(child.objgen)
                steps.append((FONT, fonts[digest], digest))
            else:
                steps.append((NEW, number(child.objgen)))
            found.append(child)
        for child in found:
            reach(child)
            steps.append(_write(child, numbers))

    for page in pdf.pages:
        add_footer_font(page.obj, footer_number)
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        reach(resources)
        group = None
        if "/Group" in page.obj:
            reach(page.obj.Group)
            group = template(_unparsed(page.obj.Group), numbers)
        form = (FORM, media_box(page.obj), template(_unparsed(resources), numbers), group, drawing(page.obj), None)
        steps.append(form)
    return FORMAT, footer_number, count, steps


def usable(body: Any, footer_number: int) -> bool:
    """A kept body of this format, recorded with the page numbers' font where this imposition has it."""
    return isinstance(body, tuple) and len(body) == 4 and body[:2] == (FORMAT, footer_number)


def replay(
    imposer: Imposer, body: tuple[str, int, int, list[Step]], footer: FooterFont, number: int, total: int, label: str
) -> tuple[int, bool]:
    """Write the recorded part into the sheets; number: the booklet pages before it. Returns the
    pages after it, and whether a page's drawing was compressed again (then body is worth keeping).

    Each page's drawing compressed here is noted in its step with its stamp: kept, it is not
    compressed again while the page keeps its number and the booklet its length (most pages
    after an edit). Compressing every page was a third of imposing from kept steps."""
    numbers = [0] * body[2]
    brought: set[int] = set()  # its font files an earlier part brought: not written again
    out = imposer.out
    repacked = False
    for index, step in enumerate(body[3]):
        kind = step[0]
        if kind == NEW:
            numbers[step[1]] = out.number()
        elif kind == FONT:
            known = imposer.font_files.get(step[2])
            if known is not None:
                numbers[step[1]] = known
                brought.add(step[1])
            else:
                numbers[step[1]] = imposer.font_files[step[2]] = out.number()
        elif kind == WRITE:
            if step[1] not in brought:
                text = fill(step[2], numbers, 0, [])
                if step[3] is None:
                    out.object(numbers[step[1]], text)
                else:
                    out.stream(numbers[step[1]], text, step[3])
        else:
            box, resources, group, drawn, packed = step[1:]
            number += 1
            words = label % {"number": number, "total": total}
            stamp = (footer.stamp(RESOURCE, words, box[2] - box[0]) if number > 1 else b"") or b"Q\n"
            if packed is None or packed[0] != stamp:
                packed = (stamp, zlib.compress(drawn + stamp, 6))  # as Imposer.form compresses it
                body[3][index], repacked = (*step[:5], packed), True
            grouped = b" /Group " + fill(group, numbers, 0, []) if group is not None else b""
            imposer.form_data(box, fill(resources, numbers, 0, []), grouped, packed[1])
    return number, repacked


def _write(obj: Any, numbers: dict[tuple[int, int], int]) -> tuple[int, int, Template, bytes | None]:
    """writer.copy_object as a step: a stream keeps its (compressed) data."""
    local = numbers[obj.objgen]
    if isinstance(obj, pikepdf.Stream):
        raw = obj.read_raw_bytes()
        head = obj.stream_dict
        head.Length = len(raw)
        return WRITE, local, template(_unparsed(head), numbers), raw
    return WRITE, local, template(_unparsed(obj), numbers), None


def _unparsed(obj: Any) -> bytes:
    return bytes(obj.unparse(resolved=True))
