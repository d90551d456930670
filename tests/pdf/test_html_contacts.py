"""The crisis contacts at the foot of every handout and poster, and in the booklet, read back with pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers.pdfcheck import Built

from generator.content.model import Guide

pytestmark = pytest.mark.slow


def pdftotext(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(["pdftotext", *pages, str(pdf), "-"], check=True, capture_output=True, text=True)
    return " ".join(result.stdout.split())  # lines wrap anywhere: compare words only


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_every_handout_and_poster_ends_with_every_contact(built: Built, default_guide: Guide) -> None:
    support = default_guide.support
    assert support is not None
    # (a session's one-page agenda is a timetable for the wall; its pack ends with the last handout's contacts)
    # The booklets (standard, A5 imposed, large print) have the contacts on their crisis page and
    # in every activity instead: see the next test.
    # The Easy Read PDF has them inside the text that asks for them (tests/pdf/test_pdf_easy_read.py).
    booklets = ("guide.pdf", "guide-a5-booklet.pdf")
    handouts = [
        f for f in built.files if f.name not in booklets and not f.name.endswith(("-agenda.pdf", "-easy-read.pdf"))
    ]
    assert len(handouts) >= len(default_guide.activities)
    for pdf in handouts:
        last = pdftotext(pdf, page_count(pdf))
        foot = last[last.index(support.heading) :]  # the contacts come after everything else
        for contact in support.contacts:
            assert f"{contact.name}: {contact.how}" in foot, (pdf.name, contact.name)
        assert "Checked on 6 December 2026." in foot


def test_the_booklet_has_the_crisis_page_and_a_box_for_each_activity(built: Built, default_guide: Guide) -> None:
    support = default_guide.support
    assert support is not None
    text = pdftotext(built.path("guide.pdf"))
    for contact in support.contacts:
        assert text.count(f"{contact.name}: {contact.how}") == len(default_guide.activities) + 1, contact.name
    assert "What to do if someone is in crisis" not in text  # the site's link line is not printed
    for title in ("Confidentiality and its limits", "Keeping members' details", "Running groups online and hybrid"):
        assert title in text
    # No contact of its own (the example guide has none), so the route any UK group can use.
    assert "Our safeguarding contact: If you are worried about someone's safety:" in text
    assert "phone your local council and ask for the adult safeguarding team" in text
