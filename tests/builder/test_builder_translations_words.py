"""A real build of a guide whose session plan, support contacts, adaptations and interface are
translated (issue 26 point 7): the Welsh website and PDFs show the Welsh words, text read back
from the PDFs with pdftotext, and the support contacts keep the source's numbers."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest
from helpers.translated_words import NUMBERS, write_translated_words

from generator.builder.pipeline import BuildOptions, build
from generator.cli import main

pytestmark = pytest.mark.slow
NEW_WORD = "Maint y criw"  # the guide's own wording of "Group size" (guidegen's Welsh: "Maint y grŵp")


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def html(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("translated-words")
    guide = write_translated_words(folder / "guide")
    config = guide / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "outputs: [site, pdf]\nvariants: []\n", encoding="utf-8")
    # The interface through the translators' tools: export, edit one word, import.
    ui = folder / "ui.po"
    assert main(["translate", "export", "cy", "--interface", "-o", str(ui), "--guide", str(guide)]) == 0
    po = polib.pofile(str(ui))
    next(e for e in po if e.msgid == "Group size").msgstr = NEW_WORD
    po.save(str(ui))
    assert main(["translate", "import", "cy", str(ui), "--guide", str(guide)]) == 0
    build(guide, BuildOptions(quiet=True))
    return guide / "build"


def test_the_welsh_session_plan_shows_the_welsh_words(built: Path) -> None:
    page = html(built / "site" / "cy" / "sessions" / "evening" / "index.html")
    assert "Ein noson" in page and "Croeso ac enwau" in page and "Dywedwch ble mae'r toiledau." in page
    agenda = pdf_text(built / "pdf" / "cy" / "sessions" / "evening-agenda.pdf")
    assert "Ein noson" in agenda and "Croeso ac enwau" in agenda and "Welcome and names" not in agenda
    pack = pdf_text(built / "pdf" / "cy" / "sessions" / "evening-pack.pdf")
    assert "Dywedwch ble mae'r toiledau." in pack and "Gosodwch y cadeiriau mewn cylch." in pack
    english = pdf_text(built / "pdf" / "sessions" / "evening-agenda.pdf")
    assert "Welcome and names" in english and "Croeso" not in english


def test_the_welsh_support_box_has_welsh_words_and_the_same_numbers(built: Path) -> None:
    page = html(built / "site" / "cy" / "activities" / "circles" / "index.html")
    handout = pdf_text(built / "pdf" / "cy" / "circles.pdf")
    for text in (page, handout):
        assert "Os oes angen help ar rywun nawr" in text and "Llinell Gymorth Un" in text
        assert "Am ddim, ddydd neu nos" in text and "Helpline One" not in text
        assert all(number in text for number in NUMBERS)
    # How to reach a service is the source's text: marked as its language for screen readers.
    assert f'<span lang="en-GB">Call {NUMBERS[1]}</span>' in page
    english = pdf_text(built / "pdf" / "circles.pdf")
    assert "Helpline One" in english and all(number in english for number in NUMBERS)


def test_the_welsh_adaptations_and_their_heading(built: Path) -> None:
    page = html(built / "site" / "cy" / "activities" / "circles" / "index.html")
    assert "Newid y gweithgaredd" in page and "Rhannwch fwrdd gwyn ar yr alwad." in page
    booklet = pdf_text(built / "pdf" / "cy" / "guide.pdf")
    assert "Rhannwch fwrdd gwyn ar yr alwad." in booklet and "Ar-lein neu hybrid" in booklet


def test_the_imported_interface_word_is_on_the_site_and_in_the_pdfs(built: Path) -> None:
    page = html(built / "site" / "cy" / "activities" / "circles" / "index.html")
    assert NEW_WORD in page and "Maint y grŵp" not in page
    handout = pdf_text(built / "pdf" / "cy" / "circles.pdf")
    assert NEW_WORD in handout and "Maint y grŵp" not in handout
    assert "Group size" in pdf_text(built / "pdf" / "circles.pdf")  # the English guide keeps its own


def test_bad_translated_words_fail_with_their_lines_and_leave_the_last_build(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 26's bad-input rule: a PO entry whose text hides its order behind direction controls, a
    translated session the source does not have, a number in a translated contacts file. Last in this
    module: it changes the guide, then puts it back."""
    guide = built.parent
    catalogue = guide / "content" / "translations" / "cy" / "interface.po"
    session = guide / "content" / "translations" / "cy" / "sessions" / "gone.yml"
    support = guide / "content" / "translations" / "cy" / "support.yml"
    saved = catalogue.read_text(encoding="utf-8"), support.read_text(encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in built.rglob("*") if p.is_file()}
    try:
        catalogue.write_text(saved[0].replace(NEW_WORD, "Maint y \u202ecriw"), encoding="utf-8")
        session.write_text("id: gone\ntitle: Wedi mynd\n", encoding="utf-8")
        support.write_text(saved[1] + "how: [Ffoniwch]\n", encoding="utf-8")
        code = main(["build", "--guide", str(guide)])
        err = capsys.readouterr().err
    finally:
        catalogue.write_text(saved[0], encoding="utf-8")
        support.write_text(saved[1], encoding="utf-8")
        session.unlink()
    assert code == 1 and "Traceback" not in err
    assert "content/translations/cy/interface.po:" in err and "U+202E RIGHT-TO-LEFT OVERRIDE" in err
    assert "content/translations/cy/sessions/gone.yml:1:1: session: 'gone' is not in the source guide" in err
    assert "content/translations/cy/support.yml:6:1: how: a translation holds only the contacts' words" in err
    assert {p: p.stat().st_mtime_ns for p in built.rglob("*") if p.is_file()} == before
