"""The session planner, from the offline zip opened with file://, driven by the keyboard only."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.axe import AXE_SCRIPT
from helpers.axe import violations as axe_violations
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from generator.cli import main
from generator.content.agenda import agenda, clock_at
from generator.content.loader import load_guide
from generator.content.model import Guide

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ACTIVE = """() => {
  const a = document.activeElement;
  if (!a) return '';
  const label = a.labels && a.labels.length ? a.labels[0].textContent : '';
  return (a.getAttribute('aria-label') || label || a.textContent || '').trim();
}"""
OFFLINE_SCHEMES = ("file:", "data:", "blob:", "about:")


def planner_url(unzipped: Path) -> str:
    return (unzipped / "sessions" / "planner.html").as_uri()


def tab_to(page: Page, name: str, limit: int = 400) -> None:
    """Press Tab (only the keyboard) until the focused control is called name."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE) == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def expect_status(page: Page, words: str) -> None:
    """Wait until the live region says words.

    The planner clears the region, then says the new words 50 ms later (so the same words said
    twice are announced twice): a message from an earlier, quicker action can still arrive after
    the region was cleared, so waiting for "any text" could read the wrong one.
    """
    expect(page.locator(".guide-planner-status")).to_contain_text(words)


def expect_plan(page: Page, rows: list[tuple[str, str]]) -> None:
    """Wait until the plan lists rows (clock, title), in order, and nothing else."""
    items = page.locator(".guide-planner-plan li")
    if not rows:
        expect(items).to_have_count(0)
        return
    expect(items.locator(".guide-planner-clock")).to_have_text([clock for clock, _ in rows])
    expect(items.locator(".guide-planner-title")).to_have_text([title for _, title in rows])


def plan_rows(page: Page) -> list[tuple[str, str]]:
    """The plan as it stands now: call it only once the page has reached the state it reads."""
    rows = page.locator(".guide-planner-plan li")
    return [
        (
            rows.nth(i).locator(".guide-planner-clock").text_content() or "",
            rows.nth(i).locator(".guide-planner-title").text_content() or "",
        )
        for i in range(rows.count())
    ]


@pytest.fixture
def planner(page: Page, unzipped: Path) -> Iterator[Page]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(planner_url(unzipped))
    yield page
    assert [url for url in requests if not url.startswith(OFFLINE_SCHEMES)] == []


def test_a_plan_built_by_keyboard_survives_a_reload_and_prints_on_one_page(planner: Page) -> None:
    page = planner
    page.evaluate("() => localStorage.clear()")
    page.reload()
    tab_to(page, "Start time")
    page.keyboard.type("1830")  # a time field takes the digits in turn
    page.keyboard.press("Tab")
    tab_to(page, "Add What makes good facilitation?")
    page.keyboard.press("Enter")
    expect_status(page, "Added What makes good facilitation? at position 1, starting at 18:30")
    tab_to(page, "Add Sharing out the role")
    page.keyboard.press("Enter")
    tab_to(page, "Add a break")
    page.keyboard.press("Enter")
    tab_to(page, "Add Skills self-check")
    page.keyboard.press("Enter")
    # The break goes before the second activity: focus its Up button, press it.
    tab_to(page, "Move Break up")
    page.keyboard.press("Enter")
    expect_status(page, "Moved Break to position 2 of 4, now starting at 19:15")
    expected = [
        ("18:30", "What makes good facilitation?"),
        ("19:15", "Break"),
        ("19:30", "Sharing out the role"),
        ("20:15", "Skills self-check"),
    ]
    expect_plan(page, expected)
    expect(page.locator(".guide-planner-total")).to_contain_text("2 hours 15 minutes, from 18:30 to 20:45")

    page.reload()
    expect_plan(page, expected)

    page.evaluate("() => { window.print = () => {}; }")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    for clock, title in expected:
        assert clock in text and title in text
    assert "Move" not in text and "Add" not in text  # only the agenda is printed


def test_alt_arrow_moves_an_item_and_the_focus_follows(planner: Page) -> None:
    page = planner
    page.evaluate("() => localStorage.clear()")
    page.reload()
    tab_to(page, "Add a break")
    page.keyboard.press("Enter")
    tab_to(page, "Add Types of leadership")
    page.keyboard.press("Enter")
    tab_to(page, "Move Types of leadership up")
    page.keyboard.press("Alt+ArrowUp")
    expect(page.locator(".guide-planner-plan li .guide-planner-title")).to_have_text(["Types of leadership", "Break"])
    expect_status(page, "Moved Types of leadership to position 1 of 2")


def test_axe_finds_no_violations_on_the_planner(planner: Page) -> None:
    page = planner
    page.add_script_tag(path=str(AXE_SCRIPT))
    assert axe_violations(page) == []
    page.get_by_role("button", name="Add What makes good facilitation?").click()
    page.get_by_role("button", name="Add a break").click()
    assert axe_violations(page) == []  # the focused button too
    page.get_by_role("button", name="Add a break").hover()
    assert axe_violations(page) == []


def test_without_javascript_the_page_lists_the_published_sessions(browser: Browser, unzipped: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(planner_url(unzipped))
    link = page.get_by_role("link", name="Our first meeting").last
    assert link.is_visible()
    link.click()
    assert page.url.endswith("sessions/first-meeting.html")
    assert page.get_by_role("heading", name="Agenda").is_visible()
    context.close()


def test_save_open_and_export_a_plan_that_check_accepts(
    planner: Page,
    tmp_path: Path,
    make_guide_copy: Callable[[Path], Path],
    capsys: pytest.CaptureFixture[str],
    default_guide: Guide,
) -> None:
    page = planner
    page.evaluate("() => localStorage.clear()")
    page.reload()
    page.get_by_label("Title of the session").fill("Tuesday: looking back")
    page.get_by_label("Title of the session").press("Tab")
    for name in ("Add your item", "Add Types of leadership", "Add a break", "Add How does our group run?"):
        page.get_by_role("button", name=name).click()
    expect(page.locator(".guide-planner-plan li")).to_have_count(4)
    expected = plan_rows(page)
    lengths = [10, default_guide.activity("types-of-leadership").duration_minutes, 15]
    starts = [sum(lengths[:n]) for n in range(4)]
    assert [clock for clock, _ in expected] == [clock_at("18:30", offset) for offset in starts]

    with page.expect_download() as saved:
        page.get_by_role("button", name="Save the plan as a file").click()
    saved_file = tmp_path / "plan.json"
    saved.value.save_as(saved_file)
    assert json.loads(saved_file.read_text())["format"] == "guidegen-session-plan"
    page.get_by_role("button", name="Clear the plan").click()
    expect_plan(page, [])
    page.get_by_label("Open a saved plan").set_input_files(saved_file)
    expect_plan(page, expected)

    with page.expect_download() as exported:
        page.get_by_role("button", name="Export for the guide (.yml)").click()
    assert exported.value.suggested_filename == "tuesday-looking-back.yml"
    root = make_guide_copy(tmp_path / "guide")
    exported.value.save_as(root / "content" / "sessions" / "tuesday-looking-back.yml")
    assert main(["check", "--strict", "--guide", str(root)]) == 0, capsys.readouterr()
    guide = load_guide(root)
    session = guide.session("tuesday-looking-back")
    assert session.title == "Tuesday: looking back"
    assert [(row.clock, row.title) for row in agenda(guide, session)] == expected


def test_a_file_that_is_not_a_plan_is_refused_politely(planner: Page, tmp_path: Path) -> None:
    page = planner
    bad = tmp_path / "notes.json"
    bad.write_text('{"items": "<img src=x onerror=alert(1)>"}')
    page.get_by_label("Open a saved plan").set_input_files(bad)
    expect_status(page, "not a saved session plan")


def test_an_item_can_be_dragged_into_place(planner: Page) -> None:
    page = planner
    page.evaluate("() => localStorage.clear()")
    page.reload()
    page.get_by_role("button", name="Add Sharing out the role").click()
    page.get_by_role("button", name="Add a break").click()
    items = page.locator(".guide-planner-plan li")
    items.nth(1).drag_to(items.nth(0))
    expect_plan(page, [("18:30", "Break"), ("18:45", "Sharing out the role")])
    expect_status(page, "Moved Break to position 1 of 2, now starting at 18:30")
