"""Saddle-stitch imposition, checked on a small PDF whose pages say their own number: every
side of every sheet is read back with poppler's pdftotext, half by half."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest

from generator.pdf.impose import Imposer, impose, padded, saddle_order

A5 = (148 * 72 / 25.4, 210 * 72 / 25.4)
A4_LANDSCAPE = (297 * 72 / 25.4, 210 * 72 / 25.4)


def numbered_pdf(pages: int, size: tuple[float, float]) -> bytes:
    """Pages that say 'page N' in Helvetica, which pdftotext reads back."""
    pdf = pikepdf.Pdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    for number in range(1, pages + 1):
        page = pdf.add_blank_page(page_size=size)
        page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.Contents = pdf.make_stream(f"BT /F1 24 Tf 40 300 Td (page {number}) Tj ET".encode())
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def half_text(pdf: Path, side: int, half: int, sheet: tuple[float, float]) -> str:
    """The text pdftotext finds in the left (0) or right (1) half of one side."""
    width = sheet[0] / 2
    result = subprocess.run(
        [
            "pdftotext",
            "-f",
            str(side),
            "-l",
            str(side),
            "-x",
            str(int(half * width)),
            "-y",
            "0",
            "-W",
            str(int(width)),
            "-H",
            str(int(sheet[1])),
            str(pdf),
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(result.stdout.split())


def test_eight_pages_fold_into_reading_order() -> None:
    assert saddle_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]


@pytest.mark.parametrize("pages", range(1, 41))
def test_every_page_is_printed_once_and_facing_pages_add_up(pages: int) -> None:
    sides = saddle_order(pages)
    total = padded(pages)
    assert total % 4 == 0 and total - pages < 4
    assert len(sides) == total // 2
    printed = [p for side in sides for p in side if p is not None]
    assert sorted(printed) == list(range(pages))
    blanks = [i for side in sides for i, p in enumerate(side) if p is None]
    assert len(blanks) == total - pages
    # On a folded sheet the two pages of a side always add up to the last page's number.
    order = [p for side in saddle_order(total) for p in side]
    assert all(left + right == total - 1 for left, right in zip(order[::2], order[1::2], strict=True))


@pytest.mark.parametrize("pages", [5, 8, 13])
def test_each_half_of_each_side_shows_the_right_page(tmp_path: Path, pages: int) -> None:
    pdf = tmp_path / "imposed.pdf"
    pdf.write_bytes(impose(numbered_pdf(pages, A5), "Test booklet, for printing", A4_LANDSCAPE))
    with pikepdf.open(pdf) as imposed:
        assert len(imposed.pages) == 2 * -(-pages // 4)
        for page in imposed.pages:
            assert [round(float(v), 1) for v in page.mediabox] == [0, 0, 841.9, 595.3]
        assert str(imposed.docinfo["/Title"]) == "Test booklet, for printing"
        assert imposed.Root.ViewerPreferences.Duplex == pikepdf.Name.DuplexFlipShortEdge
        assert "/AcroForm" not in imposed.Root and "/Outlines" not in imposed.Root
    for number, side in enumerate(saddle_order(pages), start=1):
        for half, page in enumerate(side):
            expected = f"page {page + 1}" if page is not None else ""
            assert half_text(pdf, number, half, A4_LANDSCAPE) == expected, (number, half)


def test_imposing_twice_gives_the_same_bytes() -> None:
    source = numbered_pdf(6, A5)
    assert impose(source, "t", A4_LANDSCAPE) == impose(source, "t", A4_LANDSCAPE)


def pdf_with_font_file(program: bytes) -> pikepdf.Pdf:
    """One page whose font embeds `program` as its font file (the bytes need not be a real font)."""
    pdf = pikepdf.Pdf.new()
    descriptor = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor, FontFile2=pdf.make_stream(program))
    )
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, FontDescriptor=descriptor))
    page = pdf.add_blank_page(page_size=A5)
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = pdf.make_stream(b"")
    return pdf


def test_a_font_file_every_part_embeds_is_written_once() -> None:
    data = io.BytesIO()
    imposer = Imposer(data, A4_LANDSCAPE)
    for program in (b"same font", b"same font", b"another font"):
        with pdf_with_font_file(program) as part:
            imposer.begin(part)
            imposer.add(part.pages[0].obj)
    imposer.finish("t")
    with pikepdf.open(io.BytesIO(data.getvalue())) as imposed:
        descriptors = [
            obj
            for obj in imposed.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.FontDescriptor
        ]
        assert len(descriptors) == 3  # one per part; the first two point at one file
        files = {d.FontFile2.objgen: d.FontFile2.read_bytes() for d in descriptors}
        assert sorted(files.values()) == [b"another font", b"same font"]


def test_a_drawing_that_refers_to_a_page_is_refused() -> None:
    """The sheets leave the structure out: a page's resources reaching a page would drag it in."""
    with pikepdf.Pdf.new() as pdf:
        page = pdf.add_blank_page(page_size=A5)
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Odd=page.obj))
        imposer = Imposer(io.BytesIO(), A4_LANDSCAPE)
        imposer.begin(pdf)
        with pytest.raises(RuntimeError, match="refers to a /Page"):
            imposer.add(page.obj)


def test_inherited_resources_indirect_arrays_and_numbers_are_carried_over() -> None:
    """Resources set on the page tree (qpdf copies them down to the page), an indirect array
    and an indirect number: the drawing still finds its font."""
    pdf = pikepdf.Pdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
            Widths=pdf.make_indirect(pikepdf.Array([500, 500])),
            FirstChar=pdf.make_indirect(pikepdf.Object.parse(b"32")),
        )
    )
    page = pdf.add_blank_page(page_size=A5)
    page.Contents = pdf.make_stream(b"BT /F1 24 Tf 40 300 Td (inherited) Tj ET")
    del page.obj["/Resources"]  # add_blank_page gives it an empty one
    pdf.Root.Pages.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    source = io.BytesIO()
    pdf.save(source)
    imposed = impose(source.getvalue(), "t", A4_LANDSCAPE)
    with pikepdf.open(io.BytesIO(imposed)) as sheets:
        form = sheets.pages[0].Resources.XObject.Page2
        assert list(form.Resources.Font.F1.Widths) == [500, 500] and form.Resources.Font.F1.FirstChar == 32
        assert b"(inherited) Tj" in form.read_bytes()
