"""A guide with a partial Welsh translation builds site/, site/cy/, pdf/cy/ and one zip with
both languages (issue 16)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from helpers.pdfua import claims_pdfua, findings, pdfs
from pypdf import PdfReader

from generator.builder.pipeline import BuildOptions, build

pytestmark = pytest.mark.slow
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "translated"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    guide = Path(shutil.copytree(SAMPLE, tmp_path_factory.mktemp("translated") / "guide"))
    report = build(guide, BuildOptions(quiet=True))
    # The summary names each website once: the English one, then the Welsh one by its language.
    summary = report.summary()
    assert summary.count("the website") == 1 and summary.count("the cy website") == 1, summary
    return guide


def test_every_pdf_in_every_language_passes_pdfua(built: Path) -> None:
    """page-validation's ua1 profile over every PDF the build made, English and Welsh (issue 27)."""
    files = pdfs([built / "build" / "pdf"])
    assert any("/cy/" in p.as_posix() for p in files)
    claiming = [p for p in files if claims_pdfua(p)]
    assert {p.name for p in files if p not in claiming} == {"guide-a5-booklet.pdf"}  # the printing sheets
    failures = [str(finding) for path in claiming for finding in findings(path)]
    assert failures == [], "\n".join(failures)


def html(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_build_makes_every_translation(built: Path) -> None:
    out = built / "build"
    assert (out / "site" / "index.html").is_file()
    assert (out / "site" / "cy" / "index.html").is_file()
    assert (out / "site" / "cy" / "search" / "search_index.json").is_file()  # its own search
    found = {p.name for p in (out / "pdf" / "cy").iterdir()}
    assert {"circles.pdf", "circles-a3.pdf", "questions.pdf", "guide.pdf", "large-print"} <= found  # + variants
    assert not list(out.glob(".translation-*"))


def test_welsh_activity_page_links_to_its_english_page_and_back(built: Path) -> None:
    site = built / "build" / "site"
    welsh = html(site / "cy" / "activities" / "circles" / "index.html")
    english = html(site / "activities" / "circles" / "index.html")
    assert '<html lang="cy"' in welsh and "Beth sydd bwysicaf?" in welsh and "Maint y grŵp" in welsh
    assert re.search(r'<a href="\.\./\.\./\.\./activities/circles/" hreflang="en-GB"', welsh)
    assert re.search(r'<a href="\.\./\.\./cy/activities/circles/" hreflang="cy"', english)
    assert (site / "cy" / "activities" / "circles" / "../../../activities/circles/index.html").resolve().is_file()
    for page in (welsh, english):
        assert '<link rel="alternate" href="https://example.org/small/cy/activities/circles/" hreflang="cy">' in page
        assert '<link rel="alternate" href="https://example.org/small/activities/circles/" hreflang="en-GB">' in page


def test_untranslated_parts_carry_the_notice_and_the_source_lang(built: Path) -> None:
    site = built / "build" / "site" / "cy"
    home = html(site / "index.html")
    assert (
        "Nid yw&#39;r rhan hon wedi&#39;i chyfieithu eto" in home or "Nid yw'r rhan hon wedi'i chyfieithu eto" in home
    )
    assert '<div dir="ltr" lang="en-GB">' in home  # English reads left to right in any language (issue 26)
    skills = html(site / "skills" / "index.html")
    assert re.search(r'<h2 dir="ltr" id="listening" lang="en-GB"', skills)
    assert skills.count("Heb ei gyfieithu eto") == 2
    translated = html(site / "activities" / "circles" / "index.html")
    assert "Heb ei gyfieithu eto" not in translated


def test_welsh_pdfs_say_cy_and_show_welsh(built: Path) -> None:
    for path in (built / "build" / "pdf" / "cy").glob("*.pdf"):
        assert PdfReader(path).trailer["/Root"]["/Lang"] == "cy", path
    text = subprocess.run(
        ["pdftotext", str(built / "build" / "pdf" / "cy" / "circles.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Beth sydd bwysicaf?" in text and "Llai pwysig" in text and "Group size" not in text
    fields = PdfReader(built / "build" / "pdf" / "cy" / "circles.pdf").get_fields() or {}
    assert any(str(f.get("/TU", "")).startswith("Llai pwysig (cylch canol)") for f in fields.values())


def test_the_zip_holds_every_language(built: Path) -> None:
    names = zipfile.ZipFile(built / "build" / "small-guide-offline.zip").namelist()
    inner = {name.split("/", 1)[1] for name in names}
    assert {"index.html", "cy/index.html", "cy/activities/circles.html", "cy/search/search_index.js"} <= inner
    assert {"cy/pdf/circles.pdf", "pdf/circles.pdf"} <= inner
    assert "cy/404.html" not in inner


def test_editing_one_welsh_activity_rebuilds_only_its_outputs(built: Path, tmp_path: Path) -> None:
    guide = Path(shutil.copytree(built, tmp_path / "again"))
    path = guide / "content" / "translations" / "cy" / "activities" / "questions.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Siarad amdano", "Sgwrsio amdano"), encoding="utf-8")
    report = build(guide, BuildOptions(quiet=True, only=("site", "pdf")))
    pdfs = sorted(item for item in report.built if item.endswith(".pdf"))
    # The Welsh ones only (the English PDFs are all reused): the handout and the booklets.
    assert {"guide.pdf", "questions.pdf"} <= set(pdfs), pdfs
    assert not any("circles" in name for name in pdfs), pdfs
    assert "Sgwrsio amdano" in html(guide / "build" / "site" / "cy" / "activities" / "questions" / "index.html")
    assert report.built.count("the cy website") == 1 and "the website" not in report.built  # the Welsh site only


def test_a_rebuild_with_nothing_changed_reuses_every_translation(built: Path, tmp_path: Path) -> None:
    guide = Path(shutil.copytree(built, tmp_path / "same"))
    report = build(guide, BuildOptions(quiet=True))
    assert report.built == []
    assert "small-guide-offline.zip" in report.reused
    assert zipfile.ZipFile(guide / "build" / "small-guide-offline.zip").read(
        "small-guide-offline/cy/activities/circles.html"
    ) == zipfile.ZipFile(built / "build" / "small-guide-offline.zip").read(
        "small-guide-offline/cy/activities/circles.html"
    )


def test_the_participants_guide_of_a_translated_guide_has_no_notes_in_any_language(tmp_path: Path) -> None:
    """Translations are read over the whole source, then given the participants' view: the Welsh
    note of an activity is accepted, and neither language's outputs show a facilitator note."""
    guide = Path(shutil.copytree(SAMPLE, tmp_path / "guide"))
    welsh_note = "Gadewch i bobl basio"
    assert welsh_note in (guide / "content" / "translations" / "cy" / "activities" / "circles.yml").read_text()
    build(guide, BuildOptions(quiet=True, audience="participants"))
    out = guide / "build-participants"
    pages = [p for p in (out / "site").rglob("*.html")]
    assert any("/cy/" in p.as_posix() for p in pages)
    welsh_pdfs = list((out / "pdf" / "cy").rglob("*.pdf"))
    assert welsh_pdfs
    for page in pages:
        assert welsh_note not in html(page), page
    for pdf in welsh_pdfs:
        text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert welsh_note not in text, pdf
