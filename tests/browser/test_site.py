"""The built website in headless Chromium: loads cleanly, accessible, searchable, mobile, print.

Every test visits the real site served over http from 127.0.0.1 (see conftest.py).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from served_site import Site, Visits  # type: ignore[import-not-found]

from generator.content.model import Guide

pytestmark = pytest.mark.browser

LOCAL = re.compile(r"^(http://127\.0\.0\.1:\d+/|data:|blob:)")


def test_every_page_loads_without_errors_and_only_local_requests(visits: Visits, site: Site) -> None:
    assert visits.failed == []
    assert visits.errors == []
    assert len(visits.requests) > len(site.pages)  # pages, styles, scripts, fonts, the search index
    assert [r for r in visits.requests if not LOCAL.match(r)] == []


def test_axe_finds_no_violations_on_any_page(visits: Visits) -> None:
    """axe-core's default rules (WCAG 2.0-2.2 A/AA and best practice) on every built page."""
    assert visits.violations == {}


def test_pages_are_british_english_in_the_self_hosted_font(page: Page, site: Site) -> None:
    page.goto(site.url())
    assert page.get_attribute("html", "lang") == "en-GB"
    page.evaluate("document.fonts.ready")
    fonts = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Atkinson Hyperlegible Next" in family for family in fonts)
    font = page.eval_on_selector("article p", "p => getComputedStyle(p).fontFamily")
    assert font.startswith('"Atkinson Hyperlegible Next"')


def test_navigation_from_home_to_an_activity_and_on_to_the_next(page: Page, site: Site, default_guide: Guide) -> None:
    first, second = default_guide.activities[0], default_guide.activities[1]
    page.goto(site.url())
    page.locator(".md-sidebar--primary").get_by_role("link", name="Activities", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Activities")
    page.locator("article").get_by_role("link", name=first.title).click()
    expect(page.locator("h1")).to_have_text(first.title)
    assert page.url == site.url(f"activities/{first.id}/")
    page.locator("article").get_by_role("link", name=second.title).last.click()
    expect(page.locator("h1")).to_have_text(second.title)
    page.locator("article").get_by_role("link", name=default_guide.skill(second.skills[0]).name).click()
    assert page.url == site.url(f"skills/#{second.skills[0]}")
    expect(page.locator(f"[id='{second.skills[0]}']")).to_be_in_viewport()


def test_searching_listening_finds_the_skills_page(page: Page, site: Site) -> None:
    page.goto(site.url())
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("listening", delay=30)
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10_000)
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any(re.search(r"/skills/(\?|#|$)", href) for href in hrefs), hrefs


def test_search_finds_an_activity_by_its_title(page: Page, site: Site, default_guide: Guide) -> None:
    activity = default_guide.activities[-1]
    page.goto(site.url())
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(activity.title.split()[-1], delay=30)
    expect(page.locator(f".md-search-result__item a[href*='activities/{activity.id}/']").first).to_be_visible(
        timeout=10_000
    )


def test_no_page_scrolls_sideways_on_a_375px_phone(page: Page, site: Site) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    wide = {}
    for url in site.pages:
        page.goto(url)
        scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            wide[url] = scroll
    assert wide == {}


def test_the_phone_menu_opens_and_reaches_the_activities(page: Page, site: Site) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site.url())
    page.locator("header label[for='__drawer']").click()
    drawer = page.locator(".md-sidebar--primary")
    drawer.get_by_text("Activities", exact=True).first.click()
    expect(drawer.get_by_role("link", name="Skills self-check")).to_be_visible()


def test_an_activity_page_prints_without_navigation_and_keeps_steps_whole(
    page: Page, site: Site, default_guide: Guide
) -> None:
    activity = default_guide.activity("good-facilitation")
    page.goto(site.url(f"activities/{activity.id}/"))
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"):
        expect(page.locator(selector).first).to_be_hidden()
    steps = page.locator(".guide-steps li")
    assert steps.count() == len(activity.steps)
    assert set(steps.evaluate_all("items => items.map(li => getComputedStyle(li).breakInside)")) == {"avoid"}
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    flat = " ".join(text.split())
    assert activity.title in flat and "Notes for the facilitator" in flat
    assert "Published by" not in flat and "Why lived experience matters" not in flat  # footer, navigation


def test_the_diagram_is_inline_svg_named_for_screen_readers(page: Page, site: Site) -> None:
    page.goto(site.url("activities/good-facilitation/"))
    diagram = page.get_by_role("img", name="What makes good facilitation?")
    expect(diagram).to_be_visible()
    description = page.evaluate(
        "() => document.getElementById("
        "document.querySelector('figure svg').getAttribute('aria-labelledby').split(' ')[1]).textContent"
    )
    assert all(ring in description for ring in ("Important", "Less important", "Not important"))
    width = diagram.evaluate("svg => svg.getBoundingClientRect().width")
    assert 200 < width <= 520


def test_screenshots_of_home_and_an_activity(page: Page, site: Site, output_dir: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    shots = {"home.png": site.url(), "activity.png": site.url("activities/good-facilitation/")}
    for name, url in shots.items():
        page.goto(url)
        page.evaluate("document.fonts.ready")
        page.screenshot(path=str(output_dir / name), full_page=name == "activity.png")
        assert (output_dir / name).stat().st_size > 20_000


def test_without_built_handouts_the_circles_have_no_download_button(page: Page, site: Site) -> None:
    """The interactive three circles (test_interactive_diagram.py) on this website, built without
    PDFs: everything but the filled handout. (Here, not there: that file reads the full build.)"""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.url("activities/good-facilitation/"))
    expect(page.get_by_role("button", name="Save a copy")).to_be_visible()
    assert page.get_by_role("button", name="Download filled handout").count() == 0
    assert errors == []
