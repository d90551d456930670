"""The booklet's bookmarks (pdf/join/outline.py): read from a part, renumbered, written anew."""

from __future__ import annotations

import io

import pikepdf
from pypdf import PdfReader

from generator.pdf.join.outline import entry, outline_items, outline_objects, write_outline
from generator.pdf.join.writer import ObjectWriter


def part_with_bookmarks() -> pikepdf.Pdf:
    """Two pages; "Activities" (page 1) with "Circles" (page 2) below it, then "Skills" (page 2)."""
    pdf = pikepdf.new()
    for _ in range(2):
        pdf.add_blank_page(page_size=(200, 300))
    with pdf.open_outline() as outline:
        activities = pikepdf.OutlineItem("Activities", 0)
        activities.children.append(pikepdf.OutlineItem("Circles", 1))
        outline.root.extend([activities, pikepdf.OutlineItem("Skills", 1)])
    saved = io.BytesIO()
    pdf.save(saved)
    return pikepdf.open(io.BytesIO(saved.getvalue()))


def test_a_parts_outline_is_read_with_every_dictionary_the_join_replaces() -> None:
    part = part_with_bookmarks()
    assert [item.title for item in outline_items(part)] == ["Activities", "Skills"]
    assert len(list(outline_objects(part))) == 4  # the outline's root and its three items
    assert list(outline_objects(pikepdf.new())) == []


def test_bookmarks_written_anew_point_at_the_joined_pages_and_nest() -> None:
    """The part's pages become objects 4 and 5 of a two-page PDF written with the join's writer."""
    part = part_with_bookmarks()
    numbers = {page.obj.objgen: 4 + index for index, page in enumerate(part.pages)}
    entries = [entry(item, numbers) for item in outline_items(part)]
    assert entries[0][0] == b"(Activities)" and entries[0][1] == b"[ 4 0 R /Fit ]"

    file = io.BytesIO()
    out = ObjectWriter(file, first_free=7)
    out.object(1, b"<< /Type /Catalog /Pages 2 0 R /Outlines 3 0 R >>")
    out.object(2, b"<< /Type /Pages /Kids [4 0 R 5 0 R] /Count 2 >>")
    for number in (4, 5):
        out.object(number, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] >>")
    out.object(6, b"<< >>")
    write_outline(out, entries, 3)
    out.finish(1, 6)

    reader = PdfReader(io.BytesIO(file.getvalue()), strict=True)
    activities, children, skills = reader.outline
    assert (activities.title, skills.title, [child.title for child in children]) == (
        "Activities",
        "Skills",
        ["Circles"],
    )
    pages = [reader.get_destination_page_number(d) for d in (activities, children[0], skills)]
    assert pages == [0, 1, 1]
