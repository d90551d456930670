"""The offline zip of a guide with a Welsh translation, opened from file://: the language
switcher works both ways, each language's search finds its own pages, and the Welsh pages
pass axe-core (issue 16)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from helpers.axe import AXE_SCRIPT
from helpers.axe import violations as axe_violations
from playwright.sync_api import Page, expect

from generator.builder.pipeline import BuildOptions, build

pytestmark = [pytest.mark.slow, pytest.mark.browser]
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "translated"
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def stick(tmp_path_factory: pytest.TempPathFactory) -> Path:
    guide = Path(shutil.copytree(SAMPLE, tmp_path_factory.mktemp("translated") / "guide"))
    build(guide, BuildOptions(quiet=True, only=("pdf", "offline")))
    folder = tmp_path_factory.mktemp("stick") / "USB (Neuadd)"
    with zipfile.ZipFile(guide / "build" / "small-guide-offline.zip") as archive:
        archive.extractall(folder)
    return folder / "small-guide-offline"


def _requests(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def test_switcher_opens_the_same_page_in_the_other_language_both_ways(page: Page, stick: Path) -> None:
    requests = _requests(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((stick / "activities" / "circles.html").as_uri())
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=cy]").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/cy/activities/circles.html")
    expect(page.locator("h1")).to_have_text("Beth sydd bwysicaf?")
    assert page.get_attribute("html", "lang") == "cy"
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=en-GB]").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/small-guide-offline/activities/circles.html")
    expect(page.locator("h1")).to_have_text("What matters most?")
    assert [url for url in requests if not url.startswith(LOCAL_SCHEMES)] == []


@pytest.mark.parametrize(
    ("start", "word", "found", "not_found"),
    [
        ("index.html", "Talking", "/questions.html", "/cy/"),
        ("cy/index.html", "Siarad", "/cy/activities/questions.html", None),
    ],
)
def test_each_language_searches_its_own_pages(
    page: Page, stick: Path, start: str, word: str, found: str, not_found: str | None
) -> None:
    requests = _requests(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((stick / start).as_uri())
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(word, delay=30)
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=10_000)
    links = page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")
    hrefs = [href.split("?")[0].split("#")[0] for href in links]
    assert any(href.endswith(found) for href in hrefs), hrefs
    if not_found:
        assert not any(not_found in href for href in hrefs), hrefs
    result.click()
    page.wait_for_load_state("load")
    assert page.url.split("?")[0].split("#")[0].endswith(found)
    assert [url for url in requests if not url.startswith(LOCAL_SCHEMES)] == []


def test_axe_finds_no_violations_on_the_welsh_pages(page: Page, stick: Path) -> None:
    page.context.add_init_script(path=str(AXE_SCRIPT))
    found = {}
    pages = sorted((stick / "cy").rglob("*.html"))
    assert len(pages) >= 5
    for path in pages:
        page.goto(path.as_uri())
        violations = axe_violations(page)
        if violations:
            found[path.relative_to(stick).as_posix()] = violations
    assert found == {}
