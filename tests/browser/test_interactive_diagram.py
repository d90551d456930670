"""The interactive three circles (templates/site/assets/circles.js) in headless Chromium.

The default guide's website, as the session's `guidegen build` made it with the real blank
handouts (WeasyPrint), is served over http, and its offline zip is unzipped and opened from
file://. Every test drives the page as a person would: typing, keys, mouse and touch.
"""

from __future__ import annotations

import io
import json
import math
import re
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import pdfcheck
from helpers.axe import AXE_SCRIPT
from helpers.axe import violations as axe_violations
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Locator, Page, expect
from pypdf import PdfReader, PdfWriter
from pypdf.generic import BooleanObject, NameObject

from generator.content.loader import load_guide
from generator.content.model import Guide, ThreeCirclesHandout
from generator.offline.bundle import bundle_name
from generator.preview.static import serve, url_path
from generator.site.project import run_mkdocs, write_mkdocs_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ACTIVITY = "good-facilitation"
OFFLINE_SCHEMES = ("file:", "data:", "blob:", "about:")
# Each chip's distance from the centre (nearest point, farthest corner) and the circles' radii, in px.
CHIP_GEOMETRY = """board => {
  const b = board.getBoundingClientRect();
  const svg = board.querySelector('svg');
  const k = b.width / svg.viewBox.baseVal.width;
  const radii = [...svg.querySelectorAll('circle')].map(c => c.r.baseVal.value * k).sort((p, q) => p - q);
  const cx = b.left + b.width / 2, cy = b.top + b.height / 2;
  const near = (lo, hi) => (lo <= 0 && hi >= 0 ? 0 : Math.min(Math.abs(lo), Math.abs(hi)));
  const far = (lo, hi) => Math.max(Math.abs(lo), Math.abs(hi));
  const chips = [...board.querySelectorAll('.gc-note')].map(chip => {
    const r = chip.getBoundingClientRect();
    const [x0, x1, y0, y1] = [r.left - cx, r.right - cx, r.top - cy, r.bottom - cy];
    return [chip.textContent, Math.hypot(near(x0, x1), near(y0, y1)), Math.hypot(far(x0, x1), far(y0, y1))];
  });
  return {radii, chips};
}"""


# ---------------------------------------------------------------- the sites under test


@pytest.fixture(scope="module")
def built(default_build: Path) -> Path:
    """The session's `guidegen build` of the default guide (read only): its website links each
    activity's real handouts, the blank three-circles handout among them (WeasyPrint's), and its
    offline zip holds the same pages for file://."""
    return default_build / "build"


@pytest.fixture(scope="module")
def handout_dir(built: Path) -> Path:
    """The build's blank handouts (pdf/), the three-circles activity's among them."""
    return built / "pdf"


@pytest.fixture(scope="module")
def hosted(default_guide: Guide, built: Path) -> Iterator[str]:
    """The website with handouts, served over http; yields the activity page's URL."""
    with serve(built / "site", url_path(default_guide.config.site_url)) as base_url:
        yield f"{base_url}activities/{ACTIVITY}/"


@pytest.fixture(scope="module")
def offline_page(default_guide: Guide, built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The activity page inside the offline bundle, unzipped where a USB stick might put it."""
    stick = tmp_path_factory.mktemp("circles-offline") / "USB stick (Hall)" / "Café guide"
    with zipfile.ZipFile(built / bundle_name(default_guide)) as archive:
        archive.extractall(stick)
    (folder,) = list(stick.iterdir())
    return folder / "activities" / f"{ACTIVITY}.html"


@pytest.fixture
def errors(page: Page) -> Iterator[list[str]]:
    """Script errors on the page; a test that had any fails."""
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    yield found
    assert found == []


@pytest.fixture
def rings(default_guide: Guide) -> tuple[str, str, str]:
    handout = default_guide.activity(ACTIVITY).handout
    assert isinstance(handout, ThreeCirclesHandout)
    return handout.rings


# ---------------------------------------------------------------- helpers


def add(page: Page, text: str, ring: int) -> None:
    page.get_by_label("Quality", exact=True).fill(text)
    page.get_by_label("Circle", exact=True).select_option(str(ring))
    page.get_by_role("button", name="Add note").click()


def listed(page: Page) -> list[list[str]]:
    """The notes of each ring as the lists under the board show them now, centre first."""
    return [page.locator(f".gc-list-{ring} li .gc-text").all_text_contents() for ring in range(3)]


def expect_listed(page: Page, rings: list[list[str]]) -> None:
    """Wait until the lists under the board show these notes, centre first.

    The lists are made with the saved notes already in them, so once the outer ring's list is
    on the page an empty list really is empty (not a page whose script has not run yet).
    """
    expect(page.locator(".gc-list-2")).to_be_attached()
    for ring, notes in enumerate(rings):
        items = page.locator(f".gc-list-{ring} li .gc-text")
        if notes:
            expect(items).to_have_text(notes)
        else:
            expect(items).to_have_count(0)


# The board lays its notes out again once the fonts are ready and whenever it is resized (a
# ResizeObserver): both run before the next frame is drawn, so two frames after fonts.ready the
# positions are the ones the page shows.
SETTLED = """() => document.fonts.ready.then(
  () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))"""


def placed(page: Page) -> dict[str, int]:
    """The ring each note on the board lies wholly inside, measured from the drawn circles."""
    page.evaluate(SETTLED)
    geometry = page.locator(".gc-board").evaluate(CHIP_GEOMETRY)
    radii = [0.0, *geometry["radii"]]
    where = {}
    for text, near, far in geometry["chips"]:
        inside = [ring for ring in range(3) if near >= radii[ring] - 0.5 and far <= radii[ring + 1] + 0.5]
        assert len(inside) == 1, f"{text!r} is not inside one ring: {near:.0f}-{far:.0f} px, rings {radii}"
        where[text] = inside[0]
    return where


def chip(page: Page, text: str) -> Locator:
    return page.locator(".gc-board .gc-note", has_text=text)


def ring_point(page: Page, ring: int) -> tuple[float, float]:
    """A point in the middle of a ring, down and to the right of the centre, in page px."""
    geometry = page.locator(".gc-board").evaluate(CHIP_GEOMETRY)
    radii = [0.0, *geometry["radii"]]
    box = page.locator(".gc-board").bounding_box()
    assert box is not None
    middle = (radii[ring] + radii[ring + 1]) / 2
    angle = math.radians(50)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    return x + middle * math.cos(angle), y + middle * math.sin(angle)


def drag(page: Page, text: str, ring: int) -> None:
    start = chip(page, text).bounding_box()
    assert start is not None
    x, y = ring_point(page, ring)
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(x, y, steps=8)
    page.mouse.up()


def focused(page: Page) -> str:
    """The focused element: its first class and its accessible text."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return `${e.classList[0]}|${e.getAttribute('aria-label') || e.textContent}`; }"
    )


def status(page: Page) -> Locator:
    """The live region that announces every change."""
    return page.locator(".gc [role=status]")


def fields_by_ring(pdf: bytes, prefixes: list[str]) -> list[list[str]]:
    """Each ring's filled field values, read with pypdf, by field-name prefix."""
    fields = PdfReader(io.BytesIO(pdf)).get_fields() or {}
    values = {name: str(field.get("/V") or "") for name, field in fields.items()}
    return [
        [v for name, v in sorted(values.items()) if v and (name == p or re.fullmatch(rf"{p}_\d+", name))]
        for p in prefixes
    ]


# ---------------------------------------------------------------- tests


def test_notes_added_and_moved_by_keyboard_and_drag_are_where_they_were_left_after_a_reload(
    page: Page, hosted: str, errors: list[str], rings: tuple[str, str, str], output_dir: Path
) -> None:
    page.goto(hosted)
    add(page, "Listens well", 0)
    add(page, "Keeps to time", 1)
    add(page, "Brings biscuits", 2)
    expect(status(page)).to_have_text(f"Added “Brings biscuits” to {rings[2]} (outer ring).")
    assert placed(page) == {"Listens well": 0, "Keeps to time": 1, "Brings biscuits": 2}

    chip(page, "Keeps to time").focus()
    page.keyboard.press("ArrowUp")  # in, towards the centre
    expect(status(page)).to_have_text(f"Moved “Keeps to time” to {rings[0]} (centre circle).")
    assert focused(page) == "gc-note|Keeps to time"  # the focus stays on the moved note
    page.keyboard.press("ArrowUp")
    expect(status(page)).to_have_text("“Keeps to time” is already in the centre circle.")

    drag(page, "Listens well", 2)
    expect(status(page)).to_have_text(f"Moved “Listens well” to {rings[2]} (outer ring).")
    assert focused(page) == "gc-note|Listens well"
    expected = {"Keeps to time": 0, "Listens well": 2, "Brings biscuits": 2}
    assert placed(page) == expected

    page.reload()
    expect_listed(page, [["Keeps to time"], [], ["Brings biscuits", "Listens well"]])
    assert placed(page) == expected
    page.evaluate("document.fonts.ready")
    page.locator(".gc").screenshot(path=str(output_dir / "circles.png"))


def test_a_drop_outside_the_circles_leaves_the_note_where_it_was(page: Page, hosted: str, errors: list[str]) -> None:
    page.goto(hosted)
    add(page, "Warm", 1)
    start = chip(page, "Warm").bounding_box()
    board = page.locator(".gc-board").bounding_box()
    assert start is not None and board is not None
    page.mouse.move(start["x"] + 5, start["y"] + 5)
    page.mouse.down()
    page.mouse.move(board["x"] + 3, board["y"] + 3, steps=5)  # a corner of the square, outside every circle
    page.mouse.up()
    expect(status(page)).to_contain_text("stays where it was")
    assert placed(page) == {"Warm": 1}


def test_a_note_is_dragged_by_touch_on_a_phone(browser: Browser, hosted: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(hosted)
    for n in range(6):
        add(page, f"Quality number {n}", n % 3)
    add(page, "Warm", 2)
    chip(page, "Warm").scroll_into_view_if_needed()
    start = chip(page, "Warm").bounding_box()
    assert start is not None
    x0, y0 = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    x1, y1 = ring_point(page, 1)
    touch = context.new_cdp_session(page)  # Playwright can only tap; drive the finger through CDP
    touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y0}]})
    for step in range(1, 11):
        point = {"x": x0 + (x1 - x0) * step / 10, "y": y0 + (y1 - y0) * step / 10}
        touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    expect(status(page)).to_contain_text("Moved “Warm” to")
    assert placed(page)["Warm"] == 1
    scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client  # nothing scrolls sideways on a phone
    context.close()


def test_every_action_works_from_the_keyboard_alone(page: Page, hosted: str, errors: list[str]) -> None:
    page.goto(hosted)
    page.get_by_label("Quality", exact=True).focus()
    page.keyboard.type("Listens well")
    page.keyboard.press("Tab")  # the circle chooser
    page.keyboard.press("ArrowDown")  # the middle ring
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Add note
    expect_listed(page, [[], ["Listens well"], []])
    assert page.evaluate("document.activeElement.id") == "gc-text"  # ready for the next note

    for _ in range(3):  # chooser, Add note, then the first note on the board
        page.keyboard.press("Tab")
    assert focused(page) == "gc-note|Listens well"
    page.keyboard.press("ArrowDown")
    expect_listed(page, [[], [], ["Listens well"]])
    page.keyboard.press("Enter")  # from the note on the board to its entry in the list
    assert focused(page) == "gc-act|Edit: Listens well"
    page.keyboard.press("Enter")
    page.keyboard.press("Control+A")
    page.keyboard.type("Listens without judging")
    page.keyboard.press("Enter")
    expect(status(page)).to_have_text("Changed the note to “Listens without judging”.")
    assert focused(page) == "gc-act|Edit: Listens without judging"

    page.keyboard.press("Shift+Tab")  # Move in
    assert focused(page).startswith("gc-act|Move in: Listens without judging")
    page.keyboard.press("Enter")
    expect_listed(page, [[], ["Listens without judging"], []])
    assert focused(page).startswith("gc-act|Move in: Listens without judging")  # the same note, moved

    page.keyboard.press("Tab")  # Move out
    page.keyboard.press("Tab")  # Edit
    page.keyboard.press("Tab")  # Delete
    page.keyboard.press("Enter")
    expect(status(page)).to_contain_text("Deleted “Listens without judging”")
    expect_listed(page, [[], [], []])


def test_save_a_copy_clear_all_and_open_the_copy_again(
    page: Page, hosted: str, errors: list[str], tmp_path: Path
) -> None:
    page.goto(hosted)
    notes = [("Listens well", 0), ("Keeps to time", 1), ("Brings biscuits", 2)]
    for text, ring in notes:
        add(page, text, ring)
    with page.expect_download() as download:
        page.get_by_role("button", name="Save a copy").click()
    copy = tmp_path / download.value.suggested_filename
    download.value.save_as(copy)
    assert copy.name == f"{ACTIVITY}-circles.json"
    saved = json.loads(copy.read_text(encoding="utf-8"))
    assert saved["activity"] == ACTIVITY
    assert [(n["text"], n["ring"]) for n in saved["notes"]] == notes

    page.get_by_role("button", name="Clear all").click()
    dialog = page.locator("dialog.gc-dialog")
    expect(dialog).to_contain_text("Clear all 3 notes")
    assert focused(page) == "md-button|Cancel"  # the safe choice comes first
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert focused(page) == "md-button|Clear all"
    expect_listed(page, [["Listens well"], ["Keeps to time"], ["Brings biscuits"]])

    page.get_by_role("button", name="Clear all").click()
    dialog.get_by_role("button", name="Clear all notes").click()
    expect_listed(page, [[], [], []])
    page.reload()
    expect_listed(page, [[], [], []])  # cleared in the browser's storage too

    page.locator(".gc input[type=file]").set_input_files(copy)
    expect(status(page)).to_have_text(f"Opened {copy.name}: 3 notes.")
    expect_listed(page, [["Listens well"], ["Keeps to time"], ["Brings biscuits"]])
    assert placed(page) == {text: ring for text, ring in notes}


def test_a_hostile_or_broken_copy_never_becomes_markup(
    page: Page, hosted: str, errors: list[str], tmp_path: Path
) -> None:
    page.goto(hosted)
    add(page, "Kept", 0)
    bad = {
        "not-json.json": "<img src=x onerror=window.hacked=1>",
        "wrong-kind.json": json.dumps({"notes": []}),
        "other-activity.json": json.dumps({"format": "guidegen-three-circles", "activity": "other", "notes": []}),
        "ring-seven.json": json.dumps(
            {"format": "guidegen-three-circles", "activity": ACTIVITY, "notes": [{"text": "x", "ring": 7}]}
        ),
        "too-many.json": json.dumps(
            {"format": "guidegen-three-circles", "activity": ACTIVITY, "notes": [{"text": "x", "ring": 0}] * 101}
        ),
    }
    for name, text in bad.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        page.locator(".gc input[type=file]").set_input_files(tmp_path / name)
        expect(status(page)).to_contain_text("Problem:")
        expect_listed(page, [["Kept"], [], []])

    hostile = '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script>'
    copy = {"format": "guidegen-three-circles", "activity": ACTIVITY, "notes": [{"text": hostile, "ring": 1}]}
    (tmp_path / "hostile.json").write_text(json.dumps(copy), encoding="utf-8")
    page.locator(".gc input[type=file]").set_input_files(tmp_path / "hostile.json")
    page.locator("dialog.gc-dialog").get_by_role("button", name="Replace the notes").click()
    expect_listed(page, [[], [hostile], []])  # shown as text
    expect(chip(page, "onerror")).to_have_text(hostile)
    assert page.locator(".gc img, .gc script").count() == 0
    assert page.evaluate("window.hacked") is None


def test_print_gives_the_filled_diagram_alone_on_one_page(
    page: Page, hosted: str, errors: list[str], output_dir: Path
) -> None:
    # Headless Chromium cannot finish a print dialog (page.pdf() then fails), so count the calls.
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(hosted)
    for text, ring in [("Listens well", 0), ("Keeps to time", 1), ("Brings biscuits", 2)]:
        add(page, text, ring)
    page.get_by_role("button", name="Print the circles").click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(output_dir / "circles-print.png"), full_page=True)
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".gc-add", ".gc-tools", "h1", ".guide-steps"):
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.locator(".gc-board")).to_be_visible()
    assert placed(page) == {"Listens well": 0, "Keeps to time": 1, "Brings biscuits": 2}
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    text = " ".join((pdf.pages[0].extract_text() or "").split())
    assert all(note in text for note in ("Listens well", "Keeps to time", "Brings biscuits"))
    assert "Notes for the facilitator" not in text

    page.evaluate("window.dispatchEvent(new Event('afterprint'))")  # the dialog closed
    assert len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages) > 1  # the whole page prints again
    expect(page.locator(".gc")).to_be_hidden()  # without the on-screen tools


def test_the_filled_handout_has_each_note_in_a_field_of_its_ring(
    page: Page, hosted: str, errors: list[str], default_guide: Guide, output_dir: Path, tmp_path: Path
) -> None:
    page.goto(hosted)
    notes = [
        ("Listens well", 0),
        ("Keeps to time", 1),
        ("Łukasz’s calm ✓", 1),  # no ✓ in the handout's font: drawn as "?", kept in the value
        ("Brings biscuits", 2),
        ("Kind", 0),
    ]
    for text, ring in notes:
        add(page, text, ring)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download filled handout").click()
    assert download.value.suggested_filename == f"{ACTIVITY}-filled.pdf"
    expect(status(page)).to_contain_text(f"Downloaded {ACTIVITY}-filled.pdf")
    pdf = tmp_path / "filled.pdf"
    download.value.save_as(pdf)

    prefixes = [page.evaluate(f"GUIDEGEN_CIRCLES[{ACTIVITY!r}].rings[{i}].field") for i in range(3)]
    assert prefixes == ["important", "less_important", "not_important"]
    assert fields_by_ring(pdf.read_bytes(), prefixes) == [
        ["Listens well\nKind"],  # the centre is one box for several lines
        ["Keeps to time", "Łukasz’s calm ✓"],
        ["Brings biscuits"],
    ]
    picture = subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(output_dir / "circles-handout")],
        capture_output=True,
        text=True,
        check=True,
    )
    # Every font the filled fields name is in the form's resources.
    assert "Unknown font" not in picture.stderr


def test_letters_beyond_english_are_drawn_in_the_filled_handout(
    page: Page, hosted: str, errors: list[str], handout_dir: Path, tmp_path: Path
) -> None:
    # Welsh and Central European letters: Atkinson Hyperlegible Next's latin-ext part has them.
    notes = {"Dŵr a tŷ: Ŵ Ŷ ỳ ẁ ẃ ẅ": 0, "Łukasz’s calm": 1, "Őrs’s patience": 2}
    page.goto(hosted)
    for text, ring in notes.items():
        add(page, text, ring)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download filled handout").click()
    filled = tmp_path / "filled.pdf"
    download.value.save_as(filled)
    reader = PdfReader(filled)
    values = {name: field.get("/V") for name, field in (reader.get_fields() or {}).items()}
    prefixes = ["important", "less_important", "not_important"]
    assert fields_by_ring(filled.read_bytes(), prefixes) == [
        ["Dŵr a tŷ: Ŵ Ŷ ỳ ẁ ẃ ẅ"],  # the centre's box is a textarea: drawn too
        ["Łukasz’s calm"],
        ["Őrs’s patience"],
    ]

    blank = pdfcheck.render_page(handout_dir / f"{ACTIVITY}.pdf", tmp_path / "blank", 80)
    rects = pdfcheck.field_rects(reader)
    empty = next(n for n in rects if n.startswith("not_important_") and not values.get(n))
    # Poppler redraws fields itself (NeedAppearances); without the flag it shows the appearances
    # pdf-lib drew, as viewers that don't redraw fields do. Both must draw every letter.
    for pdf in (filled, appearances_only(filled, tmp_path / "appearances.pdf")):
        rendered = subprocess.run(
            ["pdftoppm", "-r", "80", "-gray", "-png", "-singlefile", str(pdf), str(pdf.with_suffix(""))],
            capture_output=True,
            text=True,
            check=True,
        )
        assert rendered.stderr == "", pdf.name  # no missing glyphs, no unknown fonts
        image = Image.open(pdf.with_suffix(".png")).convert("L")
        for text in notes:
            (name,) = [n for n, v in values.items() if v == text]
            assert ink_in(blank, image, rects[name]) > 60, f"{text!r} is not drawn in {name} of {pdf.name}"
        assert ink_in(blank, image, rects[empty]) == 0, pdf.name  # only the notes changed the page


def appearances_only(pdf: Path, out: Path) -> Path:
    """A copy of pdf that asks viewers to show the fields' appearance streams, not redraw them."""
    writer = PdfWriter(clone_from=pdf)
    writer.root_object["/AcroForm"][NameObject("/NeedAppearances")] = BooleanObject(False)
    writer.write(out)
    return out


def ink_in(blank: Image.Image, filled: Image.Image, rect: tuple[float, float, float, float]) -> int:
    """Pixels inside a field (mm from the top-left) that the filled page has clearly darker than the blank one."""
    box = tuple(round(v * 80 / 25.4) for v in rect)
    darker = ImageChops.subtract(blank.crop(box), filled.crop(box))
    return sum(darker.point(lambda v: 255 if v > 64 else 0).histogram()[255:])


def test_axe_finds_no_violations_before_and_after_adding_notes(page: Page, hosted: str, errors: list[str]) -> None:
    page.context.add_init_script(path=str(AXE_SCRIPT))
    page.goto(hosted)
    assert axe_violations(page) == []
    for text, ring in [("Listens well", 0), ("Keeps to time", 1), ("Brings biscuits", 2), ("Fair", 2)]:
        add(page, text, ring)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Edit: Keeps to time").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Clear all").click()
    assert axe_violations(page) == []


def test_without_javascript_the_static_diagram_and_instructions_remain(browser: Browser, hosted: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(hosted)
    expect(page.get_by_role("img", name="What makes good facilitation?")).to_be_visible()
    expect(page.locator("figure.guide-diagram figcaption")).to_be_visible()
    expect(page.get_by_text("Write one quality of good facilitation on each sticky note")).to_be_visible()
    assert page.locator(".gc").count() == 0
    context.close()


def test_other_activities_get_no_diagram(page: Page, hosted: str, errors: list[str], default_guide: Guide) -> None:
    other = next(a for a in default_guide.activities if not isinstance(a.handout, ThreeCirclesHandout))
    page.goto(hosted.replace(f"/{ACTIVITY}/", f"/{other.id}/"))
    expect(page.locator("h1")).to_have_text(other.title)
    assert page.locator(".gc").count() == 0


def test_from_file_url_in_the_offline_bundle_with_no_network(
    page: Page, offline_page: Path, errors: list[str], tmp_path: Path
) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(offline_page.as_uri())
    add(page, "Listens well", 0)
    add(page, "Keeps to time", 2)
    drag(page, "Keeps to time", 1)
    page.reload()
    expect_listed(page, [["Listens well"], ["Keeps to time"], []])
    with page.expect_download() as download:
        page.get_by_role("button", name="Download filled handout").click()
    download.value.save_as(tmp_path / "filled.pdf")
    prefixes = ["important", "less_important", "not_important"]
    assert fields_by_ring((tmp_path / "filled.pdf").read_bytes(), prefixes) == [["Listens well"], ["Keeps to time"], []]
    with page.expect_download() as download:
        page.get_by_role("button", name="Save a copy").click()
    assert json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["notes"][1]["ring"] == 1
    assert any(url.endswith("pdf-lib.min.js") for url in requests)
    assert [url for url in requests if not url.startswith(OFFLINE_SCHEMES)] == []


def test_hostile_ring_labels_stay_text(
    page: Page, errors: list[str], tmp_path: Path, make_guide_copy: Callable[[Path], Path]
) -> None:
    guide_dir = make_guide_copy(tmp_path / "guide")
    activity = guide_dir / "content" / "activities" / f"{ACTIVITY}.yml"
    label = "</script><img src=x onerror=window.hacked=1> “Ünïcode”"
    text = activity.read_text(encoding="utf-8")
    activity.write_text(text.replace("rings: [Important,", f"rings: [{json.dumps(label)},"), encoding="utf-8")
    guide = load_guide(guide_dir)
    config = write_mkdocs_project(guide, tmp_path / "project")
    data = (config.parent / "docs" / "assets" / "guidegen" / "circles" / "data.js").read_text(encoding="utf-8")
    assert "<" not in data and data.isascii()  # nothing in it can end a <script> or confuse an encoding
    run_mkdocs(config, tmp_path / "site")
    with serve(tmp_path / "site", url_path(guide.config.site_url)) as base_url:
        page.goto(f"{base_url}activities/{ACTIVITY}/")
        expect(page.locator("#gc-ring option").first).to_have_text(f"{label} (centre circle)")
        expect(page.locator("#gc-ring-0")).to_have_text(f"{label} (centre circle)")
        assert page.locator(".gc img").count() == 0
        assert page.evaluate("window.hacked") is None


def test_a_crowded_ring_keeps_every_note_and_lists_what_does_not_fit(
    page: Page, hosted: str, errors: list[str], tmp_path: Path
) -> None:
    notes = [{"text": f"Important quality number {n}", "ring": 0} for n in range(30)]
    copy = tmp_path / "crowded.json"
    copy.write_text(json.dumps({"format": "guidegen-three-circles", "activity": ACTIVITY, "notes": notes}))
    page.goto(hosted)
    page.locator(".gc input[type=file]").set_input_files(copy)
    expect(status(page)).to_have_text("Opened crowded.json: 30 notes.")
    on_board = placed(page)
    assert set(on_board.values()) == {0} and 3 <= len(on_board) < 30  # all inside the centre circle
    overflow = page.locator(".gc-overflow")
    expect(overflow).to_contain_text("No room left in the circles")
    assert overflow.locator(".gc-note").count() == 30 - len(on_board)
    assert len(listed(page)[0]) == 30
