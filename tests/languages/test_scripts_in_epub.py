"""Issue 26 in the EPUB: an Urdu guide's book turns its pages right to left and says so on every
document; epubcheck (Debian's, Java) has the last word on the package."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from helpers import epubcheck
from helpers.written_guides import BENGALI, URDU, Words, write_guide
from lxml import etree

from generator.content.loader import load_guide
from generator.epub.package import epub_bytes

OPF = "{http://www.idpf.org/2007/opf}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def book(words: Words, tmp_path: Path) -> bytes:
    return epub_bytes(load_guide(write_guide(tmp_path / "guide", words)), "2026-01-01T00:00:00Z")


@pytest.mark.parametrize(("words", "direction"), [(URDU, "rtl"), (BENGALI, "ltr")])
def test_the_spine_and_every_document_have_the_languages_direction(
    words: Words, direction: str, tmp_path: Path
) -> None:
    with zipfile.ZipFile(BytesIO(book(words, tmp_path))) as epub:
        opf_name = next(n for n in epub.namelist() if n.endswith(".opf"))
        package = etree.fromstring(epub.read(opf_name))
        spine = package.find(f"{OPF}spine")
        assert spine is not None and spine.get("page-progression-direction") == direction
        documents = [n for n in epub.namelist() if n.endswith(".xhtml")]
        assert len(documents) >= 4
        for name in documents:
            html = etree.fromstring(epub.read(name))
            assert html.tag == f"{XHTML}html"
            assert (html.get("dir"), html.get("lang")) == (direction, words.language), name


@pytest.mark.slow
def test_epubcheck_accepts_a_right_to_left_book(tmp_path: Path) -> None:
    path = tmp_path / "ur.epub"
    path.write_bytes(book(URDU, tmp_path))
    report = epubcheck.report(path)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
