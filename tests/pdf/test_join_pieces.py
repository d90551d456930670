"""What the join keeps of each part for the next build (pdf/join/pieces.py).

A join from the kept pieces must write the same bytes as a join that reads every part afresh,
a kept file of other bytes must not be trusted, and a kept file linked to the last build's must
never be written through. The pieces' text, filled in, is what the writer would have written.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pikepdf
from helpers.booklets import joined_booklets
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.pdf.booklet import PIECES
from generator.pdf.join.booklet import Part
from generator.pdf.join.pieces import JOINED, SUFFIX, fill, placeholder, read_header, template
from generator.pdf.join.writer import renumbered

TRICKY = st.sampled_from(["1 0 R", "(", ")", "\\", "2 0 R)", "/GuidegenObject3", "/GuidegenKey1", "<", ">", " "])
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=4)), max_size=10).map("".join)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(TEXT, min_size=1, max_size=4), target=st.integers(min_value=10, max_value=99))
def test_a_filled_template_is_what_the_writer_writes(texts: list[str], target: int) -> None:
    source = pikepdf.new()
    referenced = source.make_indirect(pikepdf.Dictionary(Marker=pikepdf.String("the target")))
    body = pikepdf.Dictionary(
        Texts=pikepdf.Array([pikepdf.String(text) for text in texts]),
        Refs=pikepdf.Array([referenced, pikepdf.String("3 0 R"), placeholder(4)]),
    )
    text = body.unparse(resolved=True)
    filled = fill(template(text, {referenced.objgen: 0}), [target], 0, [])
    if b"/Guidegen" not in b"".join(bytes(pikepdf.String(t).unparse()) for t in texts):
        assert filled == renumbered(body, {referenced.objgen: target})
    assert pikepdf.Array([pikepdf.String(t) for t in texts]).unparse() in filled  # strings left alone
    assert b"/Refs [ %d 0 R (3 0 R) 4 0 R ]" % target in filled


def test_the_build_carries_the_same_name() -> None:
    assert PIECES == SUFFIX  # pdf/booklet.py names it without importing pikepdf


def _booklets(minimal_pdfs: Path, parts_root: Path, out: Path) -> dict[str, str]:
    return joined_booklets(minimal_pdfs, parts_root, out, "pieces-test")


def test_a_join_from_kept_pieces_writes_the_same_bytes(minimal_pdfs: Path, tmp_path: Path) -> None:
    parts = tmp_path / "parts"
    shutil.copytree(minimal_pdfs / "build" / ".booklet-parts", parts)
    for kept in parts.rglob(f"*{SUFFIX}"):
        kept.unlink()
    (tmp_path / "fresh").mkdir()
    (tmp_path / "again").mkdir()
    fresh = _booklets(minimal_pdfs, parts, tmp_path / "fresh")  # reads every part, keeps its pieces
    kept = sorted(p.relative_to(parts).as_posix() for p in parts.rglob(f"*{SUFFIX}"))
    assert "skills.join" in kept and "large-print/skills.join" in kept and "a5-booklet/skills.join" in kept
    stamps = {p: p.stat().st_mtime_ns for p in parts.rglob(f"*{SUFFIX}")}
    assert _booklets(minimal_pdfs, parts, tmp_path / "again") == fresh  # from the kept pieces
    assert {p: p.stat().st_mtime_ns for p in parts.rglob(f"*{SUFFIX}")} == stamps  # read, not made again


def test_kept_pieces_of_other_bytes_are_made_again(minimal_pdfs: Path, tmp_path: Path) -> None:
    parts = tmp_path / "parts"
    shutil.copytree(minimal_pdfs / "build" / ".booklet-parts", parts)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    expected = _booklets(minimal_pdfs, parts, tmp_path / "a")
    # Another part's pieces under this part's name (as a part laid out again would find them).
    skills, intro = parts / f"skills{SUFFIX}", parts / f"intro{SUFFIX}"
    previous = tmp_path / "previous.join"
    shutil.copy2(intro, previous)
    skills.unlink()
    os.link(previous, skills)  # linked from the last build, as the build links what it reuses
    before = previous.read_bytes()
    assert _booklets(minimal_pdfs, parts, tmp_path / "b") == expected
    assert previous.read_bytes() == before  # never written through the link
    assert read_header(skills, "not these bytes", JOINED) is None
    assert Part.open(parts / "skills.pdf", keep="pieces").kept == skills
