"""The booklet's cover and contents are kept for the next build, with the guesses at their
length that proved wrong, so a rebuild lays out no front whose pages did not change."""

from __future__ import annotations

import io
import re
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from helpers.booklets import joined_booklets
from helpers.pdfua import findings
from pypdf import PdfReader

import generator.pdf.booklet as booklet
from benchmarks.synthetic import make_guide
from generator.content.loader import load_guide
from generator.pdf.booklet import FRONT, FRONT_KEY
from generator.pdf.html import contents_entries
from generator.pdf.job_list import pdf_jobs

pytestmark = pytest.mark.slow


def booklets(guide_root: Path, parts_root: Path, out: Path) -> dict[str, str]:
    return joined_booklets(guide_root, parts_root, out, "front-test")


def test_a_wrong_guess_at_the_fronts_length_is_not_laid_out_again(
    minimal_pdfs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = tmp_path / "parts"
    shutil.copytree(minimal_pdfs / "build" / ".booklet-parts", parts)
    for kept in [*parts.rglob(FRONT), *parts.rglob(FRONT_KEY)]:
        kept.unlink()
    laid_out: list[str] = []
    real_layout = booklet.layout

    def counted(*args: Any, **options: Any) -> bytes:
        laid_out.append(args[1])
        return real_layout(*args, **options)

    class WrongFirst(booklet.FrontLength):  # the guess made wrong on purpose
        def __init__(self, guess: int) -> None:
            super().__init__(guess + 7)  # far too long: laid out, found shorter, laid out again

    monkeypatch.setattr(booklet, "layout", counted)
    monkeypatch.setattr(booklet, "FrontLength", WrongFirst)
    first = booklets(minimal_pdfs, parts, tmp_path / "first")
    assert laid_out.count("booklet") == 2 * len(first)  # each variant's front: the wrong guess, then the right one
    keys = (parts / FRONT_KEY).read_text(encoding="ascii").splitlines()
    assert len(keys) == 2 and keys[1].split(" ")[1].isdigit()  # the kept front's key, then the wrong guess's

    laid_out.clear()
    again = booklets(minimal_pdfs, parts, tmp_path / "again")
    assert laid_out == []  # the wrong guess is known, the right one kept: nothing laid out
    assert again == first

    for kept in [*parts.rglob(FRONT), *parts.rglob(FRONT_KEY)]:
        kept.unlink()
    assert booklets(minimal_pdfs, parts, tmp_path / "fresh") == first  # as without anything kept

    # A front kept without its wrong guesses (an older guidegen): the guess is laid out once
    # more and learnt, then never again.
    for kept in parts.rglob(FRONT_KEY):
        kept.write_text(kept.read_text(encoding="ascii").splitlines()[0] + "\n", encoding="ascii")
    laid_out.clear()
    assert booklets(minimal_pdfs, parts, tmp_path / "older") == first
    assert laid_out.count("booklet") == len(first)
    laid_out.clear()
    assert booklets(minimal_pdfs, parts, tmp_path / "learnt") == first
    assert laid_out == []


def _texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _entries_by_page(pages: list[str], titles: list[str]) -> list[list[str]]:
    """The contents' entries each page shows, in order (a title is a line, or starts one before its page number)."""
    wanted = set(titles)
    found = []
    for text in pages:
        lines = [line.strip() for line in text.splitlines() if not line.endswith(" (continued)")]
        found.append([line if line in wanted else line.rpartition(" ")[0] for line in lines])
        found[-1] = [title for title in found[-1] if title in wanted]
    return found


def test_a_long_contents_is_laid_out_in_slices_as_full_as_one_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WeasyPrint holds every element's style until it writes, some 2 MiB a page of contents: a
    long guide's are laid out in slices. Read back, the slices hold every entry once and in
    order, and each page of them as many entries as one layout's, so no page is cut short where
    a slice ends; a slice that begins inside a group names it, continued."""
    guide = load_guide(make_guide(tmp_path / "guide", 120))
    job = next(j for j in pdf_jobs(guide) if j.kind == "booklet" and not j.variant)
    entries = contents_entries(guide)
    numbers: dict[str, int] = defaultdict(lambda: 7)

    def front(slice_size: int) -> list[booklet.FrontSlice]:
        monkeypatch.setattr(booklet, "CONTENTS_SLICE", slice_size)
        length = booklet.FrontLength(0)
        assert booklet._lay_out_front(guide, job, numbers, len(entries), length) == []  # a wrong guess
        length.guess = length.found
        return booklet._lay_out_front(guide, job, numbers, len(entries), length)

    [(_, one, _)] = front(len(entries))
    sliced = front(70)
    starts = [start for start, _, _ in sliced]
    assert len(sliced) >= 3 and starts[0] == 0 and starts == sorted(set(starts))
    # "Skills", "Activities" and the entries (the introduction is worded by the template).
    titles = [entry.title or entry.anchor.title() for entry in entries[1:]]
    one_pages = _entries_by_page(_texts(one), titles)
    sliced_pages = [page for _, data, _ in sliced for page in _entries_by_page(_texts(data), titles)]
    flat_sliced, flat_one = [t for page in sliced_pages for t in page], [t for page in one_pages for t in page]
    assert flat_sliced == flat_one == titles
    # Each slice ends on a page as full as one layout's: pages equal in number, and in entries
    # but for the lines a slice begins with ("Activities (continued)").
    assert len(sliced_pages) == len(one_pages)
    for page, (mine, theirs) in enumerate(zip(sliced_pages, one_pages, strict=True)):
        assert abs(len(mine) - len(theirs)) <= 1, (page, mine, theirs)
    inside = [start for start in starts if entries[start].group]
    assert inside, "no slice began inside a group: make the guide longer or the slice shorter"
    for start, data, _ in sliced:
        first_lines = _texts(data)[0].splitlines()[:2]
        assert ("Activities (continued)" in first_lines or "Skills (continued)" in first_lines) == (start in inside)


def test_a_booklet_joined_from_a_sliced_contents_is_pdfua_and_its_contents_lead_to_their_pages(
    minimal_pdfs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The slices are joined as parts: the joined booklet passes page-validation's PDF/UA-1, each
    contents entry's number is the page its link leads to, and that page shows the entry's
    title. The slices are kept for the next join, which lays none out and writes the same bytes."""
    monkeypatch.setattr(booklet, "CONTENTS_SLICE", 3)
    parts = tmp_path / "parts"
    shutil.copytree(minimal_pdfs / "build" / ".booklet-parts", parts)
    for kept in [*parts.rglob(FRONT), *parts.rglob(FRONT_KEY)]:
        kept.unlink()
    first = booklets(minimal_pdfs, parts, tmp_path / "first")
    guide_pdf = tmp_path / "first" / "guide.pdf"
    assert [str(finding) for finding in findings(guide_pdf)] == []
    reader = PdfReader(guide_pdf)
    texts = [page.extract_text() for page in reader.pages]
    dests = reader.named_destinations
    guide = load_guide(minimal_pdfs)
    titles = {entry.anchor: entry.title for entry in contents_entries(guide) if entry.title}
    slices = [parts / FRONT, *parts.glob("front-*.pdf")]
    assert len(slices) >= 2
    followed = set()
    for number, page in enumerate(reader.pages[: sum(len(PdfReader(each).pages) for each in slices)]):
        for annotation in page.get("/Annots", []):
            name = str(annotation.get_object().get("/Dest", ""))
            if name in titles:
                target = reader.get_destination_page_number(dests[name])
                assert titles[name].replace("’", "'") in texts[target].replace("’", "'"), (name, number + 1)
                printed = re.search(re.escape(titles[name]) + r"\s+(\d+)", texts[number])
                assert printed and int(printed[1]) == target + 1, (name, number + 1)
                followed.add(name)
    assert followed == set(titles)  # every entry of every slice

    laid_out: list[str] = []
    real_layout = booklet.layout
    monkeypatch.setattr(booklet, "layout", lambda *a, **k: laid_out.append(a[1]) or real_layout(*a, **k))
    assert booklets(minimal_pdfs, parts, tmp_path / "again") == first
    assert laid_out == []
