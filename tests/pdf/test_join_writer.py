"""The join's object writer and its up-front checks (pdf/join/writer.py, pdf/join/shape.py).

The writer copies a part's objects as text with their references renumbered: a string that
merely reads "1 0 R", or holds parentheses and backslashes, must come out as it went in.
A part the join cannot use stops it with a message naming the part, never an assert.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import JoinError
from generator.pdf.join.booklet import Part
from generator.pdf.join.writer import ObjectWriter, renumbered

TRICKY = st.sampled_from(["1 0 R", "(", ")", "\\", "\\(", "2 0 R)", "<", ">", "/Name", " ", "é", "\n", "\r", "%"])
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=4)), max_size=12).map("".join)
BINARY = st.binary(max_size=24)


def _written(body: pikepdf.Dictionary, numbers: dict[tuple[int, int], int], target: int) -> pikepdf.Pdf:
    """body renumbered, written as object 3 of a small PDF whose catalog (1) points at it."""
    out = io.BytesIO()
    writer = ObjectWriter(out, first_free=max(4, target + 1))
    writer.object(1, b"<< /Type /Catalog /Pages 2 0 R /Body 3 0 R >>")
    writer.object(2, b"<< /Type /Pages /Count 0 /Kids [] >>")
    writer.object(3, renumbered(body, numbers))
    writer.object(target, b"<< /Marker (the target) >>")
    writer.object(writer.number(), b"<< >>")  # the info dictionary
    writer.finish(1, writer.next - 1)
    return pikepdf.Pdf.open(io.BytesIO(out.getvalue()))


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(TEXT, min_size=1, max_size=4), raw=BINARY, target=st.integers(min_value=4, max_value=20))
def test_strings_survive_and_references_are_renumbered(texts: list[str], raw: bytes, target: int) -> None:
    source = pikepdf.new()
    referenced = source.make_indirect(pikepdf.Dictionary(Marker=pikepdf.String("the target")))
    body = pikepdf.Dictionary(
        Texts=pikepdf.Array([pikepdf.String(text) for text in texts]),
        Raw=pikepdf.String(raw),
        Ref=referenced,
        Nested=pikepdf.Dictionary(Refs=pikepdf.Array([referenced, pikepdf.String("3 0 R")])),
    )
    # (qpdf 12 takes a small file with many unused object numbers for a damaged one: keep them few)
    written = _written(body, {referenced.objgen: target}, target)
    copy = written.Root.Body
    assert [str(text) for text in copy.Texts] == texts
    assert bytes(copy.Raw) == raw
    assert copy.Ref.objgen == (target, 0) and str(copy.Ref.Marker) == "the target"
    assert copy.Nested.Refs[0].objgen == (target, 0) and str(copy.Nested.Refs[1]) == "3 0 R"


def test_the_cross_reference_stream_finds_every_object_in_streams_and_alone() -> None:
    """Objects packed in several object streams, a stream written alone, gaps in the numbering:
    each is found where the cross-reference stream says (qpdf reads it without repairing)."""
    out = io.BytesIO()
    writer = ObjectWriter(out, first_free=20)  # 3-19 never written: free entries
    packed = [writer.number() for _ in range(450)]  # three object streams
    for number in packed:
        writer.object(number, b"(object %d)" % number)
    alone = writer.number()
    writer.stream(alone, b"<< /Length 5 >>", b"hello")
    page = writer.number()
    writer.object(page, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Resources << >> >>")
    writer.object(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    writer.object(2, b"<< /Type /Pages /Count 1 /Kids [%d 0 R] >>" % page)
    info = writer.number()
    writer.object(info, b"<< /Producer (test) >>")
    writer.finish(1, info)
    with pikepdf.Pdf.open(io.BytesIO(out.getvalue())) as pdf:
        assert not pdf.check_pdf_syntax(), "qpdf found problems in the file"
        for number in packed:
            assert pdf.get_object((number, 0)) == pikepdf.String(f"object {number}")
        assert pdf.get_object((alone, 0)).read_bytes() == b"hello"
        assert pdf.trailer.Info.Producer == "test"
        assert pdf.trailer.Size == writer.next


def test_a_reference_the_join_leaves_out_is_a_clear_error() -> None:
    source = pikepdf.new()
    body = pikepdf.Dictionary(Ref=source.make_indirect(pikepdf.Dictionary()))
    with pytest.raises(RuntimeError, match="refers to one the join leaves out"):
        renumbered(body, {})


def _pdf(tagged: bool, sizes: list[tuple[int, int]]) -> bytes:
    pdf = pikepdf.new()
    for width, height in sizes:
        pdf.add_blank_page(page_size=(width, height))
        if tagged:
            pdf.pages[-1].obj.StructParents = len(pdf.pages) - 1
    if tagged:
        document = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document))
        parents = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array()))
        pdf.Root.StructTreeRoot = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([document]), ParentTree=parents)
        )
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_an_untagged_part_is_named_in_a_plain_message(tmp_path: Path) -> None:
    (tmp_path / "activity-circles.pdf").write_bytes(_pdf(False, [(595, 842)]))
    with pytest.raises(JoinError, match=r"part 'activity-circles' has no structure tree .* needs PDF/UA tagging"):
        Part.open(tmp_path / "activity-circles.pdf")


def test_a_part_with_pages_of_two_sizes_is_named(tmp_path: Path) -> None:
    (tmp_path / "skills.pdf").write_bytes(_pdf(True, [(595, 842), (612, 792)]))
    with pytest.raises(JoinError, match=r"part 'skills' has pages of 2 sizes \(210 x 297 mm, 216 x 279 mm\)"):
        Part.open(tmp_path / "skills.pdf")


def test_a_well_shaped_part_opens(tmp_path: Path) -> None:
    (tmp_path / "page-intro.pdf").write_bytes(_pdf(True, [(595, 842), (595, 842)]))
    part = Part.open(tmp_path / "page-intro.pdf")
    assert (part.name, part.page_count, part.size) == ("page-intro", 2, (595.0, 842.0))
