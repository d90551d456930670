"""A second organisation's guide, as a new user makes it: `init`, `new` with Welsh titles, ring
labels and steps, then `check --strict` and `build`. Every PDF uses only the shipped fonts and
keeps every letter, and the handout filled in the browser draws them (poppler says nothing)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from generator.cli import main
from generator.preview.static import serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LETTERS = "ŵŷŴŶỳ"
TITLE = "Beth sy’n bwysig i’r grŵp? Ŵyn, Ŷ a ỳ"
RINGS = "[Dŵr a tŷ, Ŵyn ac Ŷd, Pethau eraill ỳ]"
STEP = "Rhowch bob syniad mewn cylch, e.e. dŵr, tŷ, Ŵy, Ŷd, ỳ."


@pytest.fixture(scope="module")
def welsh_guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("welsh") / "tywysydd"
    assert main(["init", str(root), "--title", "Arweinwyr ŵ ŷ", "--organisation", "Grŵp Tŷ Ni"]) == 0
    args = ["new", "activity", TITLE, "--id", "beth-syn-bwysig", "--handout", "three-circles", "--guide", str(root)]
    assert main(args) == 0
    assert main(["new", "page", "Ein tŷ a’n dŵr: Ŵ Ŷ ỳ", "--id", "ein-ty", "--guide", str(root)]) == 0
    path = root / "content" / "activities" / "beth-syn-bwysig.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^  rings: .*$", f"  rings: {RINGS}", text, count=1, flags=re.M)
    text = text.replace("  - Thank everyone for taking part.", f"  - {STEP}")
    path.write_text(text, encoding="utf-8")
    config = root / "site_config.yml"
    settings = re.sub(r"^paper: .*$", "paper: letter", config.read_text(encoding="utf-8"), count=1, flags=re.M)
    config.write_text(settings, encoding="utf-8")
    assert main(["check", "--strict", "--guide", str(root)]) == 0
    assert main(["build", "--guide", str(root), "--quiet"]) == 0
    return root


def test_every_pdf_uses_only_shipped_fonts_and_keeps_every_welsh_letter(welsh_guide: Path) -> None:
    pdfs = sorted((welsh_guide / "build" / "site" / "pdf").glob("*.pdf"))
    assert {p.name for p in pdfs} >= {"guide.pdf", "beth-syn-bwysig.pdf", "beth-syn-bwysig-a3.pdf"}
    for pdf in pdfs:
        rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        names = {row.split()[0].split("+")[-1] for row in rows.splitlines()[2:]}
        assert names and all(n.startswith("Atkinson-Hyperlegible-Next") for n in names), (pdf.name, names)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        # The organisation (Grŵp Tŷ Ni) is on every PDF; the new activity's letters on its own and the booklet.
        wanted = LETTERS if pdf.stem.startswith(("guide", "beth-syn-bwysig")) else "ŵŷ"
        assert all(letter in text for letter in wanted), (pdf.name, [c for c in wanted if c not in text])
    poster = PdfReader(welsh_guide / "build" / "site" / "pdf" / "beth-syn-bwysig-a3.pdf").pages[0].mediabox
    assert (round(float(poster.width)), round(float(poster.height))) == (792, 1224)  # Letter -> Tabloid


def test_the_handout_filled_in_the_browser_draws_welsh_letters(welsh_guide: Path, page: Page, tmp_path: Path) -> None:
    notes = ["Dŵr glân", "Tŷ cynnes", "Ŵyn ac Ŷd", "Ỳ olaf"]
    with serve(welsh_guide / "build" / "site", "/") as base_url:
        page.goto(f"{base_url.rstrip('/')}/activities/beth-syn-bwysig/")
        for index, text in enumerate(notes):
            page.locator("#gc-text").fill(text)
            page.locator("#gc-ring").select_option(str(1 + index % 2))
            page.locator("#gc-text").press("Enter")
        with page.expect_download() as download:
            page.get_by_role("button", name=re.compile("filled handout", re.I)).click()
        filled = tmp_path / "filled.pdf"
        download.value.save_as(filled)
    values = {str(f.get("/V")) for f in (PdfReader(filled).get_fields() or {}).values() if f.get("/V")}
    assert values >= set(notes)
    rendered = subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", str(filled), str(tmp_path / "filled")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert rendered.stderr == ""  # no "couldn't find a font for character", no unknown font
