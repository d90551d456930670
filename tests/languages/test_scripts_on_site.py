"""Issue 26 on the website, in headless Chromium: an Urdu and a Bengali guide's activity page,
with their fonts declared under `fonts:`. The page runs the language's way, the three circles'
labels are drawn in the declared font and stay inside their ring (the browser's own measure of
the drawn text against the circles), and axe finds nothing. Screenshots go to tests/output/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.axe import AXE_SCRIPT
from helpers.axe import violations as axe_violations
from helpers.written_guides import BENGALI, URDU, write_guide
from playwright.sync_api import Page

from generator.content.loader import load_guide
from generator.preview.static import serve, url_path
from generator.site.project import run_mkdocs, write_mkdocs_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OUTPUT = Path(__file__).resolve().parent.parent / "output"  # screenshots for people; ignored by git
FAMILIES = {"ur": "Noto Naskh Arabic", "bn": "Noto Sans Bengali"}
# For each ring label of a figure's SVG: the farthest corner of its drawn box from the circles'
# centre, and its ring's radius (labels are centre first, as the circles are smallest first).
LABEL_REACH = """svg => {
  const radii = [...svg.querySelectorAll('circle')].map(c => c.r.baseVal.value).sort((a, b) => a - b);
  const centre = svg.viewBox.baseVal.width / 2;
  const texts = [...svg.querySelectorAll('text')].sort((a, b) => b.getBBox().y - a.getBBox().y);
  return texts.map((t, ring) => {
    const b = t.getBBox();
    const far = Math.max(...[[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height],
      [b.x + b.width, b.y + b.height]].map(([x, y]) => Math.hypot(x - centre, y - centre)));
    return {text: t.textContent, far, radius: radii[ring], width: b.width};
  });
}"""


# Where each menu label's letters reach (their ink, by the browser's own canvas measure, placed on
# the line as CSS places text: half the leading above the primary font's box), against its box,
# which Material clips.
MENU_INK = """() => [...document.querySelectorAll('.md-sidebar .md-ellipsis')]
  .filter(e => e.offsetParent && e.textContent.trim()).map(e => {
    const cs = getComputedStyle(e);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const m = ctx.measureText(e.textContent.trim());
    const line = parseFloat(cs.lineHeight);
    const baseline = (line - m.fontBoundingBoxAscent - m.fontBoundingBoxDescent) / 2 + m.fontBoundingBoxAscent;
    return {text: e.textContent.trim(), top: baseline - m.actualBoundingBoxAscent,
            bottom: baseline + m.actualBoundingBoxDescent, height: e.clientHeight};
  })"""


def served_guide(root: Path) -> Iterator[str]:
    guide = load_guide(root)
    folder = root / "site"
    run_mkdocs(write_mkdocs_project(guide, root / "project"), folder)
    with serve(folder, url_path(guide.config.site_url)) as base_url:
        yield base_url


@pytest.fixture(scope="module", params=[URDU.language, BENGALI.language])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    words = {URDU.language: URDU, BENGALI.language: BENGALI}[request.param]
    root = write_guide(tmp_path_factory.mktemp(words.language) / "guide", words)
    for base_url in served_guide(root):
        yield words.language, base_url


@pytest.fixture(scope="module")
def nastaliq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Urdu guide set in Noto Nastaliq Urdu, whose letters reach far above and below the line."""
    root = write_guide(tmp_path_factory.mktemp("nastaliq") / "guide", URDU, fonts=("NotoNastaliqUrdu-Regular.ttf",))
    yield from served_guide(root)


def test_menus_leave_room_for_nastaliq(nastaliq: str, page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{nastaliq.rstrip('/')}/activities/circles/")
    page.wait_for_function("document.fonts.status === 'loaded'")
    labels = page.evaluate(MENU_INK)
    assert any(label["text"] == URDU.title for label in labels), labels
    for label in labels:
        assert label["top"] >= 0 and label["bottom"] <= label["height"], label
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "scripts-ur-nastaliq-menu.png"))


def test_the_activity_page_runs_the_languages_way_in_its_font(served: tuple[str, str], page: Page) -> None:
    language, base_url = served
    page.set_viewport_size({"width": 1280, "height": 1600})
    page.goto(f"{base_url.rstrip('/')}/activities/circles/")
    page.wait_for_function("document.fonts.status === 'loaded'")
    assert page.get_attribute("body", "dir") == ("rtl" if language == "ur" else "ltr")  # Material puts it there
    family = FAMILIES[language]
    label = page.locator("figure.guide-diagram svg text").first
    assert family in label.evaluate("t => getComputedStyle(t).fontFamily")
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any(family in name for name in loaded), loaded
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"scripts-{language}-activity.png"), full_page=True)


def test_ring_labels_stay_inside_their_rings_on_screen(served: tuple[str, str], page: Page) -> None:
    _, base_url = served
    page.goto(f"{base_url.rstrip('/')}/activities/circles/")
    page.wait_for_function("document.fonts.status === 'loaded'")
    for selector in ("figure.guide-diagram svg", ".gc-board svg"):  # the printed picture and the board
        page.wait_for_selector(selector, state="attached")
        reach = page.locator(selector).first.evaluate(LABEL_REACH)
        assert len(reach) == 3, reach
        for label in reach:
            assert label["width"] > 0, label
            assert label["far"] <= label["radius"], (selector, label)


def test_axe_finds_no_violations_on_the_activity_page(served: tuple[str, str], page: Page) -> None:
    _, base_url = served
    page.context.add_init_script(path=str(AXE_SCRIPT))
    page.goto(f"{base_url.rstrip('/')}/activities/circles/")
    violations = axe_violations(page)
    assert violations == []


@pytest.fixture(scope="module")
def built_urdu(urdu_build: Path) -> Iterator[str]:
    """The Urdu guide built as an editor builds it (the site with its fillable handouts; conftest.py)."""
    guide = load_guide(urdu_build)
    with serve(urdu_build / "build" / "site", url_path(guide.config.site_url)) as base_url:
        yield base_url


def test_notes_pdf_lib_cannot_write_are_never_written_backwards(built_urdu: str, page: Page) -> None:
    """An Urdu note: the filled handout is not made (pdf-lib would draw it backwards and unjoined);
    the reader is told so and sent to the print button. A note in Latin letters still downloads."""
    page.goto(f"{built_urdu.rstrip('/')}/activities/circles/")
    downloads: list[object] = []
    page.on("download", lambda download: downloads.append(download))
    page.locator("#gc-text").fill("میری بہن")
    page.locator("#gc-text").press("Enter")
    page.locator('[data-tool="handout"]').click()
    status = page.locator(".gc-status")
    status.filter(has_text="Print the circles").wait_for()
    assert "cannot write notes in this script" in status.inner_text()
    assert page.evaluate("document.activeElement.dataset.tool") == "print"
    assert downloads == []
    page.locator('[data-tool="clear"]').click()
    page.locator(".gc-dialog button[value='yes']").click()
    page.locator("#gc-text").fill("Sister 4")
    page.locator("#gc-text").press("Enter")
    with page.expect_download() as download:
        page.locator('[data-tool="handout"]').click()
    assert download.value.suggested_filename == "circles-filled.pdf"


# A note in each script pdf-lib cannot lay out: right to left (it would come out backwards) or
# with letters that join, reorder or stack (they would come out wrong). Never written: the reader
# is sent to the print button, where the browser lays the note out itself.
UNSHAPED_NOTES = {
    "Urdu": "میری بہن",
    "Arabic": "أختي",
    "Persian": "خواهر من",
    "Hebrew": "אחותי",
    "Syriac": "ܚܬܝ",
    "Thaana": "ދައްތަ",
    "Bengali": "আমার বোন",
    "Devanagari": "मेरी बहन",
    "Gurmukhi": "ਮੇਰੀ ਭੈਣ",
    "Gujarati": "મારી બહેન",
    "Tamil": "என் சகோதரி",
    "Sinhala": "මගේ නංගී",
    "Thai": "น้องสาว",
    "Khmer": "បងស្រី",
    "Myanmar": "အစ်မ",
    "Mongolian": "ᠡᠭᠴᠢ",
    "Javanese": "ꦩ꧀ꦧꦏ꧀ꦪꦸ",
    "Chakma": "𑄌𑄋𑄴𑄟𑄳𑄦",
    "Adlam": "𞤀𞤣𞤤𞤢𞤥",
    "Hanifi Rohingya": "𐴀𐴞𐴕𐴐𐴝𐴦𐴕",
    "Latin with Bengali": "Sister বোন 4",
}


@pytest.mark.parametrize("note", UNSHAPED_NOTES.values(), ids=UNSHAPED_NOTES.keys())
def test_a_note_in_any_script_that_needs_shaping_is_refused_not_drawn(built_urdu: str, page: Page, note: str) -> None:
    page.goto(f"{built_urdu.rstrip('/')}/activities/circles/")
    downloads: list[object] = []
    page.on("download", lambda download: downloads.append(download))
    page.locator("#gc-text").fill(note)
    page.locator("#gc-text").press("Enter")
    page.locator(".gc-note").filter(has_text=note).wait_for()
    page.locator('[data-tool="handout"]').click()
    status = page.locator(".gc-status")
    status.filter(has_text="cannot write notes in this script").wait_for()
    assert page.evaluate("document.activeElement.dataset.tool") == "print"
    assert downloads == []
