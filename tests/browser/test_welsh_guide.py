"""A second organisation's guide, as a new user makes it: `init`, `new` with Welsh titles, ring
labels and steps, then `check --strict` and `build`. Every PDF uses only the shipped fonts and
keeps every letter, and the handout filled in the browser draws them (poppler says nothing).
Then a Greek font under fonts: is used by the website, the PDFs and the filled handout."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

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
def welsh_guide(tmp_path_factory: pytest.TempPathFactory, filled_in: Callable[[Path], None]) -> Path:
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
    # No large print: the tests read the PDFs in pdf/ itself, and large print (pdf/large-print/,
    # a third of the rendering) has the same letters in the same fonts, bigger.
    config.write_text(settings + "variants: [a5-booklet, epub, easy-read]\n", encoding="utf-8")
    filled_in(root)  # as an editor does: every example replaced, every contact checked
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


@pytest.fixture(scope="module")
def greek_guide(welsh_guide: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same guide with a Greek fallback font under fonts: and a Greek ring label."""
    root = tmp_path_factory.mktemp("greek") / "guide"
    shutil.copytree(welsh_guide, root, ignore=shutil.ignore_patterns("build", ".build-*"))
    font_module = _pdf_test_module("test_layout_fonts")
    font_module.greek_font(root / "content" / "assets" / "fonts" / "greek-test.ttf")
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "fonts: [assets/fonts/greek-test.ttf]\n", encoding="utf-8")
    activity = root / "content" / "activities" / "beth-syn-bwysig.yml"
    activity.write_text(activity.read_text(encoding="utf-8").replace("Pethau eraill ỳ", GREEK_RING), encoding="utf-8")
    assert main(["check", "--strict", "--guide", str(root)]) == 0
    # The website and its PDFs, which are all the test reads (not the offline zip nor the e-book).
    assert main(["build", "--guide", str(root), "--quiet", "--only", "site,pdf"]) == 0
    return root


GREEK_RING = "Ωραία ομάδα"


def _pdf_test_module(name: str) -> ModuleType:
    """A module of tests/pdf/ (not on this folder's path), for its helpers."""
    folder = Path(__file__).parents[1] / "pdf"
    spec = importlib.util.spec_from_file_location(f"pdf_{name}", folder / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_declared_font_is_used_on_the_website_in_the_pdfs_and_in_the_filled_handout(
    greek_guide: Path, page: Page, tmp_path: Path
) -> None:
    site = greek_guide / "build" / "site"
    css = (site / "assets" / "guidegen" / "fonts.css").read_text(encoding="utf-8")
    assert 'font-family: "Guide Greek Test"' in css and "../../assets/fonts/greek-test.ttf" in css
    assert '--md-text-font: "Atkinson Hyperlegible Next", "Guide Greek Test"' in css
    assert (site / "assets" / "fonts" / "greek-test.ttf").is_file()
    poster = site / "pdf" / "beth-syn-bwysig-a3.pdf"
    rows = subprocess.run(["pdffonts", str(poster)], capture_output=True, text=True, check=True).stdout
    assert "Guide-Greek-Test" in rows or "GuideGreekTest" in rows
    with serve(site, "/") as base_url:
        page.goto(f"{base_url.rstrip('/')}/activities/beth-syn-bwysig/")
        assert page.evaluate("getComputedStyle(document.querySelector('article p')).fontFamily").startswith(
            '"Atkinson Hyperlegible Next", "Guide Greek Test"'
        )
        page.locator("#gc-text").fill(GREEK_RING)
        page.locator("#gc-ring").select_option("1")
        page.locator("#gc-text").press("Enter")
        with page.expect_download() as download:
            page.get_by_role("button", name=re.compile("filled handout", re.I)).click()
        filled = tmp_path / "filled.pdf"
        download.value.save_as(filled)
    rows = subprocess.run(["pdffonts", str(filled)], capture_output=True, text=True, check=True).stdout
    assert "GuideGreekTest" in rows  # pdf-lib embedded the declared font for the Greek note
    rendered = subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", str(filled), str(tmp_path / "filled")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert rendered.stderr == ""  # poppler found every letter of the Greek note
