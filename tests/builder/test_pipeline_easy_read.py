"""A small guide with an Easy Read text, its own picture, Letter paper and two translations (Welsh,
partly translated, and Arabic, written right to left) builds the Easy Read pages and PDF in every
language, and puts them in the offline zip (issue 31)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.builder.pipeline import BuildOptions, build
from generator.render.pictures import BUNDLED_DIR

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "samples" / "minimal"
TEXT = """id: first
title: About listening
version_of: page:first-page
contacts: true
points:
  - text: We **listen** to each other.
    picture: listening
    description: An ear.
  - text: We meet in our room.
    picture: assets/our-room.svg
    description: Our meeting room, drawn as a heart.
hard_words:
  - word: listen
    meaning: Hear what someone says, and think about it.
"""
WELSH = """id: first
title: Am wrando
points:
  - Rydyn ni'n gwrando ar ein gilydd.
  - Rydyn ni'n cwrdd yn ein hystafell.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    guide = Path(shutil.copytree(SAMPLE, tmp_path_factory.mktemp("easy-read") / "guide"))
    config = (guide / "site_config.yml").read_text(encoding="utf-8")
    extra = "paper: Letter\nsite_url: https://example.org/small/\nvariants: [easy-read]\ntranslations: [cy, ar]\n"
    (guide / "site_config.yml").write_text(config + extra, encoding="utf-8")
    shutil.copy(REPO / "content" / "support.yml", guide / "content" / "support.yml")
    # the guide's own picture, with something the sanitiser must take out on the way to the website
    svg = (BUNDLED_DIR / "kind.svg").read_text(encoding="utf-8").replace("<svg ", '<svg data-editor="x" ', 1)
    (guide / "content" / "assets" / "our-room.svg").write_text(svg, encoding="utf-8")
    (guide / "content" / "easy-read").mkdir()
    (guide / "content" / "easy-read" / "first.yml").write_text(TEXT, encoding="utf-8")
    welsh = guide / "content" / "translations" / "cy" / "easy-read"
    welsh.mkdir(parents=True)
    (welsh / "first.yml").write_text(WELSH, encoding="utf-8")
    (guide / "content" / "translations" / "ar").mkdir()
    build(guide, BuildOptions(quiet=True))
    return guide / "build"


def pdf_text(path: Path) -> str:
    return " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
    )


def test_the_easy_read_pdf_in_each_language_on_letter_paper(built: Path) -> None:
    for folder in ("pdf", "pdf/cy", "pdf/ar"):
        reader = PdfReader(built / folder / "small-guide-easy-read.pdf")
        assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {(612, 792)}
    english, welsh = (
        pdf_text(built / "pdf/small-guide-easy-read.pdf"),
        pdf_text(built / "pdf/cy/small-guide-easy-read.pdf"),
    )
    assert "We listen to each other." in english and "Samaritans: Call 116 123" in english
    assert "Rydyn ni'n gwrando ar ein gilydd." in welsh and "Am wrando" in welsh
    assert "Hawdd ei Ddeall" in welsh  # the interface's words in Welsh too
    assert "Pictures by OpenMoji" in english


def test_the_website_pages_in_each_language(built: Path) -> None:
    site = built / "site"
    english = (site / "easy-read" / "first" / "index.html").read_text(encoding="utf-8")
    assert 'alt="An ear."' in english and 'alt="Our meeting room, drawn as a heart."' in english
    assert re.search(r'<img[^>]+src="\.\./\.\./assets/guidegen/easy-read/listening\.svg"', english)
    assert "Pictures by OpenMoji" in english and "Samaritans" in english
    own = (site / "assets" / "our-room.svg").read_text(encoding="utf-8")
    assert "data-editor" not in own and "<svg" in own  # published through the sanitiser
    first_page = (site / "first-page" / "index.html").read_text(encoding="utf-8")
    assert 'href="../easy-read/first/"' in first_page
    welsh = (site / "cy" / "easy-read" / "first" / "index.html").read_text(encoding="utf-8")
    assert "Rydyn ni&#39;n gwrando ar ein gilydd." in welsh or "Rydyn ni'n gwrando ar ein gilydd." in welsh
    arabic = (site / "ar" / "easy-read" / "first" / "index.html").read_text(encoding="utf-8")
    assert '<body dir="rtl">' in arabic  # the theme mirrors the page, the picture goes to the right
    assert 'lang="en-GB"' in arabic  # not translated: marked with the language its words are in


def test_the_offline_zip_holds_the_easy_read_pages_and_pdfs(built: Path) -> None:
    with zipfile.ZipFile(built / "small-guide-offline.zip") as archive:
        names = set(archive.namelist())
    wanted = {"easy-read/first.html", "easy-read/index.html", "pdf/small-guide-easy-read.pdf"}
    wanted |= {"cy/easy-read/first.html", "cy/pdf/small-guide-easy-read.pdf"}
    found = {name.split("/", 1)[1] for name in names}
    assert wanted <= found, sorted(n for n in found if "easy" in n)
