"""The A5 booklet joined straight into printing sheets (pdf/join/imposed.py), with its page numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.join_parts import A5, embedded_face, saved, tagged
from pypdf import PdfReader

from generator.errors import JoinError
from generator.pdf.join.booklet import Part
from generator.pdf.join.imposed import join_imposed

A4_LANDSCAPE = (841.9, 595.3)


def part(pages: int, name: str = "", size: tuple[float, float] = A5) -> Part:
    pdf = tagged(*[size] * pages)
    embedded_face(pdf)  # the face the page numbers are drawn with, as every laid-out part embeds it
    return Part.open(saved(pdf), name=name)


def test_five_pages_make_two_sheets_numbered_from_the_second_page(tmp_path: Path) -> None:
    out = tmp_path / "guide-a5.pdf"
    join_imposed(part(2), [part(3, "circles")], out, A4_LANDSCAPE, "A guide", "en")
    reader = PdfReader(out)
    assert len(reader.pages) == 4  # 5 pages, in saddle order on 8 halves of 2 sheets, both sides
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [842, 595]
    # Saddle order: the cover beside a blank, page 2 behind it; page 3 beside a blank, 4 and 5 behind.
    sides = [page.extract_text() for page in reader.pages]
    assert sides == ["", "Page 2 of 5", "Page 3 of 5", "Page 4 of 5\nPage 5 of 5"]  # the cover is not numbered
    assert reader.metadata is not None and reader.metadata.title == "A guide"


def test_a_part_on_other_paper_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "guide-a5.pdf"
    with pytest.raises(JoinError, match="its part 'circles' has pages of 210 x 297 mm"):
        join_imposed(part(1), [part(1, "circles", (595.3, 841.9))], out, A4_LANDSCAPE, "A guide")
    assert not out.exists()
