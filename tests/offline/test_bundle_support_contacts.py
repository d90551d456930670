"""The crisis contacts reach readers from the one file, content/support.yml, in every output: the
crisis page and every activity page of the offline site, the booklets (pdftotext), and the EPUB.
And the example safeguarding contact `guidegen init` writes never reaches any output: a small
guide carrying it is built, and its site, PDFs and EPUB are searched for it.

The default guide's builds are the session's shared offline build (tests/offline/conftest.py)."""

from __future__ import annotations

import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from helpers.small_guides import keep_only

from generator.builder.pipeline import BuildOptions, build
from generator.content.loader import load_guide
from generator.content.model import Guide

pytestmark = pytest.mark.slow
EXAMPLE = "Put their phone number or email address here"


def words(text: str) -> str:
    """Text as a reader meets it: spaces tidied, typographic quotes made plain."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return " ".join(text.split())


def page_text(path: Path) -> str:
    return words(lxml.html.fromstring(path.read_bytes()).text_content())


def pdftotext(pdf: Path) -> str:
    return words(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout)


def lines(guide: Guide) -> list[str]:
    """Each contact as every output writes it: name, a colon, how to reach it."""
    assert guide.support is not None
    return [words(f"{c.name}: {c.how}") for c in guide.support.contacts]


def test_crisis_page_and_every_activity_page_of_the_offline_site(unzipped: Path, default_guide: Guide) -> None:
    crisis = page_text(unzipped / "if-someone-is-in-crisis.html")
    for line in lines(default_guide):
        assert line in crisis, line
    assert default_guide.support is not None
    for section in ("If a life is at risk", "Anywhere in the UK", "England", "Wales", "Scotland", "Northern Ireland"):
        assert section in crisis
    for route in default_guide.support.safeguarding_route:  # the safeguarding box, without a contact of its own
        assert words(route) in crisis
    for activity in default_guide.activities:
        text = page_text(unzipped / "activities" / f"{activity.id}.html")
        missing = [line for line in lines(default_guide) if line not in text]
        assert missing == [], activity.id


def test_every_booklet_has_the_contacts_on_the_crisis_page_and_each_activity(
    unzipped: Path, default_guide: Guide
) -> None:
    expected = len(default_guide.activities) + 1
    for booklet in ("guide.pdf", "large-print/guide.pdf", "guide-a5-booklet.pdf"):
        text = pdftotext(unzipped / "pdf" / booklet)
        for line in lines(default_guide):
            assert text.count(line) == expected, (booklet, line, text.count(line))


def test_the_epub_has_the_contacts_on_the_crisis_page_and_each_activity(
    offline_build: Path, default_guide: Guide
) -> None:
    with zipfile.ZipFile(offline_build / "peer-leadership.epub") as book:
        crisis = page_text_bytes(book.read("OEBPS/page-if-someone-is-in-crisis.xhtml"))
        for line in lines(default_guide):
            assert line in crisis, line
        for activity in default_guide.activities:
            text = page_text_bytes(book.read(f"OEBPS/activity-{activity.id}.xhtml"))
            assert [line for line in lines(default_guide) if line not in text] == [], activity.id
            assert "If someone is blind or partially sighted" in text and "With an interpreter" in text


def page_text_bytes(data: bytes) -> str:
    return words(lxml.html.fromstring(data).text_content())


@pytest.fixture(scope="module")
def example_contact_build(tmp_path_factory: pytest.TempPathFactory, make_guide_copy: Callable[[Path], Path]) -> Path:
    """A two-activity copy of the default guide whose safeguarding contact is still the example."""
    guide = make_guide_copy(tmp_path_factory.mktemp("example-contact") / "guide")
    keep_only(guide, ("good-facilitation", "making-our-group-agreement"))
    config = guide / "site_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + f"safeguarding:\n  name: Our safeguarding lead\n  how_to_reach: {EXAMPLE}, in site_config.yml\n",
        encoding="utf-8",
    )
    assert load_guide(guide).config.safeguarding is not None  # the example is there, as init writes it
    build(guide, BuildOptions(quiet=True))
    return guide / "build"


def test_the_example_safeguarding_contact_reaches_no_output(example_contact_build: Path) -> None:
    site = example_contact_build / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in [*pages, *site.rglob("*.json"), *site.rglob("*.js")]:
        assert EXAMPLE not in path.read_text(encoding="utf-8", errors="replace"), path
    pdfs = sorted((example_contact_build / "pdf").rglob("*.pdf"))
    assert {"guide.pdf", "good-facilitation.pdf", "guide-a5-booklet.pdf"} <= {p.name for p in pdfs}
    for pdf in pdfs:
        assert "Put their phone number" not in pdftotext(pdf), pdf.name
    (epub,) = example_contact_build.glob("*.epub")
    with zipfile.ZipFile(epub) as book:
        for name in book.namelist():
            assert b"Put their phone number" not in book.read(name), name
    with zipfile.ZipFile(next(example_contact_build.glob("*-offline.zip"))) as bundle:
        for name in bundle.namelist():
            if name.endswith((".html", ".js", ".json")):
                assert b"Put their phone number" not in bundle.read(name), name
    # Readers still get somewhere to turn: the route any UK group can use.
    confidentiality = page_text(site / "confidentiality-and-its-limits" / "index.html")
    assert "adult safeguarding team" in confidentiality and "Our safeguarding lead" not in confidentiality
