"""An A5 (or half-letter) booklet -> sheets to print double-sided, fold once and staple.

Saddle stitch: every sheet carries four pages, two on each side, so the booklet is padded with
blank pages to a multiple of four. Printed double-sided, flipped on the short edge, the stack
folds into the booklet in reading order: the first side holds the last page beside the first.

The imposed file is for printing only: it keeps each page's drawing (as a form XObject) but not
its links, form fields, bookmarks or tags. The A5 booklet itself is not kept as a file, so the
reading edition is always guide.pdf.
"""

from __future__ import annotations

import io

from pikepdf import Dictionary, Name, Page, Pdf, Rectangle

Side = tuple[int | None, int | None]  # (left page, right page), 0-based; None is a blank page


def padded(pages: int) -> int:
    """The page count rounded up to a whole number of sheets (four pages each)."""
    return max(4, -(-pages // 4) * 4)


def saddle_order(pages: int) -> list[Side]:
    """The pages on each side, in printing order: sheet 1 front, sheet 1 back, sheet 2 front, ...

    For 8 pages (1-based): (8, 1), (2, 7), (6, 3), (4, 5).
    """
    total = padded(pages)

    def page(index: int) -> int | None:
        return index if index < pages else None

    sides: list[Side] = []
    for sheet in range(total // 4):
        outer, inner = 2 * sheet, total - 1 - 2 * sheet
        sides.append((page(inner), page(outer)))  # front: a high page on the left
        sides.append((page(outer + 1), page(inner - 1)))  # back: flipped on the short edge
    return sides


def impose(booklet: bytes, title: str, sheet: tuple[float, float], lang: str = "") -> bytes:
    """Two booklet pages side by side on each side of a landscape sheet (width, height in points),
    each centred in its half: A5 is 148 mm wide, half of A4 148.5 mm."""
    with Pdf.open(io.BytesIO(booklet)) as source:
        if not len(source.pages):
            raise ValueError("the booklet to impose has no pages")
        box = source.pages[0].mediabox
        width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
        x, y = (sheet[0] / 2 - width) / 2, (sheet[1] - height) / 2
        out = Pdf.new()
        out.docinfo[Name.Title] = title
        if lang:
            out.Root.Lang = lang
        # Print dialogs that honour it preselect the right duplex and no scaling; viewers show the title.
        out.Root.ViewerPreferences = Dictionary(
            Duplex=Name.DuplexFlipShortEdge, PrintScaling=Name("/None"), DisplayDocTitle=True
        )
        for sides in saddle_order(len(source.pages)):
            side = out.add_blank_page(page_size=sheet)
            drawing = b""
            for index, left in zip(sides, (x, sheet[0] / 2 + x), strict=True):
                if index is not None:
                    drawing += _place(out, side, source.pages[index], Rectangle(left, y, left + width, y + height))
            side.Contents = out.make_stream(drawing)
        data = io.BytesIO()
        out.save(data, deterministic_id=True, compress_streams=True)
    return data.getvalue()


def _place(out: Pdf, side: Page, page: Page, rect: Rectangle) -> bytes:
    """Draw a booklet page as a form XObject in rect. Page.add_overlay would do it too, but names
    the XObject at random, and the build must be byte-identical."""
    form = out.copy_foreign(page.as_form_xobject())
    name = Name(f"/Page{len(side.Resources.get(Name.XObject, {})) + 1}")
    side.add_resource(form, Name.XObject, name)
    return b"q " + side.calc_form_xobject_placement(form, name, rect) + b" Q\n"
