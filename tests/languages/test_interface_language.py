"""With `language: cy` every interface word is Welsh: website, PDFs (footers, tooltips, /Lang)
and the interactive circles (issue 15, item 5)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.builder.pipeline import BuildOptions, build

pytestmark = pytest.mark.slow
ACTIVITY = "good-facilitation"
ENGLISH_WORDS = ("Group size", "What you need", "Page 1 of", "Page 2 of", "Steps", "What to do", "Time")


@pytest.fixture(scope="module")
def welsh_build(tmp_path_factory: pytest.TempPathFactory, make_guide_copy: Callable[[Path], Path]) -> Path:
    guide = make_guide_copy(tmp_path_factory.mktemp("cy") / "guide")
    config = guide / "site_config.yml"
    text = config.read_text(encoding="utf-8").replace("language: en-GB", "language: cy")
    # Every variant but large print: the tests read the website and the PDFs in pdf/ itself, and
    # large print (pdf/large-print/, a third of the rendering) is the same Welsh words, bigger.
    variants = "variants: [a5-booklet, epub, easy-read]\n"
    config.write_text(text + 'interface:\n  "Aim": "Nod y gweithgaredd"\n' + variants, encoding="utf-8")
    activity = guide / "content" / "activities" / f"{ACTIVITY}.yml"
    activity.write_text(
        activity.read_text(encoding="utf-8").replace("note_name: quality", "note_name: angen"), encoding="utf-8"
    )
    build(guide, BuildOptions(quiet=True, only=("site", "pdf")))
    return guide / "build"


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_activity_page_is_welsh(welsh_build: Path) -> None:
    html = (welsh_build / "site" / "activities" / ACTIVITY / "index.html").read_text(encoding="utf-8")
    assert '<html lang="cy"' in html
    body = re.sub(r"<[^>]+>", " ", html)
    for words in (
        "Maint y grŵp",
        "Beth sydd ei angen arnoch",
        "Camau",
        "Nodiadau i&#39;r hwylusydd",
        "Nod y gweithgaredd",
    ):
        assert words in body or words.replace("&#39;", "'") in body, words
    for words in ("Group size", "What you need", "Notes for the facilitator", "Skip to the main text"):
        assert words not in body, words
    assert "Neidio i&#39;r prif destun" in html or "Neidio i'r prif destun" in html  # Material's words, ours first


def test_every_page_says_cy(welsh_build: Path) -> None:
    pages = list((welsh_build / "site").rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        if page.name != "404.html":
            assert '<html lang="cy"' in page.read_text(encoding="utf-8"), page


def test_pdfs_are_welsh_with_lang_cy(welsh_build: Path) -> None:
    pdfs = sorted((welsh_build / "pdf").glob("*.pdf"))
    assert len(pdfs) >= 5
    for path in pdfs:
        assert PdfReader(path).trailer["/Root"]["/Lang"] == "cy", path
        text = pdf_text(path)
        lines = {line.strip() for line in text.splitlines()}
        for words in ENGLISH_WORDS:
            # As a heading or label (a line of its own, or a label before a colon or a number);
            # the guide's own English content may use the same words in a sentence.
            assert words not in lines and not re.search(rf"(?m)^{re.escape(words)}(?: \d|:)", text), (path.name, words)
    booklet = PdfReader(welsh_build / "pdf" / "guide.pdf")
    total = len(booklet.pages)
    second = booklet.pages[1].extract_text()
    assert f"Tudalen 2 o {total}" in second and second.count("Tudalen") == 1  # drawn once, by the join
    assert "Cynnwys" in second
    handout = pdf_text(welsh_build / "pdf" / f"{ACTIVITY}.pdf")
    assert "Maint y grŵp" in handout and "Beth i’w wneud" in handout.replace("'", "’")


def test_pdf_field_tooltips_are_welsh(welsh_build: Path) -> None:
    fields = PdfReader(welsh_build / "pdf" / f"{ACTIVITY}.pdf").get_fields() or {}
    tooltips = [str(field.get("/TU", "")) for field in fields.values()]
    assert tooltips and all("cylch" in tip for tip in tooltips)
    assert any("llinell 1" in tip for tip in tooltips)
    assert not any(re.search(r"\b(line|ring|centre)\b", tip) for tip in tooltips)


def test_interactive_circles_get_welsh_words(welsh_build: Path) -> None:
    data = (welsh_build / "site" / "assets" / "guidegen" / "circles" / "data.js").read_text(encoding="utf-8")
    assert "GUIDEGEN_WORDS" in data
    assert r"Ychwanegu nodyn" in data
    assert '"a_note":"angen"' in data and '"note_label":"Angen"' in data


@pytest.mark.browser
def test_on_screen_circles_speak_welsh_and_name_the_notes(welsh_build: Path, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((welsh_build / "site" / "activities" / ACTIVITY / "index.html").as_uri())
    expect(page.get_by_role("heading", name="Llenwi'r cylchoedd ar y sgrin")).to_be_visible()
    expect(page.get_by_text("Teipiwch angen, dewiswch gylch")).to_be_visible()
    page.get_by_label("Angen", exact=True).fill("Amser i siarad")
    page.get_by_role("button", name="Ychwanegu nodyn").click()
    expect(page.locator(".gc-list-0 .gc-count")).to_have_text("1 nodyn")
    expect(page.locator("[role=status], .gc-status").first).to_contain_text("Ychwanegwyd “Amser i siarad”")
    assert "Type a quality" not in page.content() and "Add note" not in page.content()
    assert [e for e in errors if "search" not in e] == []  # the hosted site's search needs http, not file:


def test_pdfs_hyphenate_where_a_dictionary_exists(tmp_path: Path, default_guide: object) -> None:
    """en-GB has a Pyphen dictionary, so long words in a table's narrow cells break with a hyphen;
    Welsh has none, so they do not."""
    from generator.content.model import Guide, TableHandout
    from generator.pdf.job_list import pdf_jobs
    from generator.pdf.job_render import render_job

    assert isinstance(default_guide, Guide)
    activity = next(a for a in default_guide.activities if isinstance(a.handout, TableHandout))
    assert isinstance(activity.handout, TableHandout)
    row = "an internationalisationinternationalisation of institutionalisation and internationalisation"
    handout = activity.handout.model_copy(update={"rows": (row,)})
    found = {}
    for language in ("en-GB", "cy"):
        config = default_guide.config.model_copy(update={"language": language})
        changed = activity.model_copy(update={"handout": handout})
        guide = default_guide.model_copy(update={"config": config, "activities": (changed,)})
        job = next(j for j in pdf_jobs(guide) if j.kind == "handout")
        (tmp_path / f"{language}.pdf").write_bytes(render_job(guide, job))
        # pypdf, not pdftotext: poppler joins hyphenated lines back into words.
        found[language] = PdfReader(tmp_path / f"{language}.pdf").pages[0].extract_text()
    assert re.search(r"nation\w*-\n", found["en-GB"]), "no hyphenated line ends in English"
    assert not re.search(r"\w-\n", found["cy"])
