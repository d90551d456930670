"""The built website's Content-Security-Policy blocks nothing the pages need: every page loads
without a violation, the interactive circles start, search answers (issue 14)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import MINIMAL, run_cli  # type: ignore[import-not-found]
from playwright.sync_api import ConsoleMessage, Page, expect

from generator.preview.static import serve

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The minimal guide's website, built once by the real command and served to every test here."""
    guide = Path(shutil.copytree(MINIMAL, tmp_path_factory.mktemp("csp") / "guide"))
    result = run_cli("build", "--guide", guide, "--only", "site", "--quiet")
    assert result.returncode == 0, result.stderr
    site = guide / "build" / "site"
    with serve(site) as base_url:
        yield base_url, site


def watch(page: Page) -> list[str]:
    problems: list[str] = []

    def seen(message: ConsoleMessage) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            problems.append(message.text)

    page.on("console", seen)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_every_page_has_a_policy_and_breaks_none_of_it(page: Page, hosted: tuple[str, Path]) -> None:
    base_url, site = hosted
    problems = watch(page)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 5
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert '<meta http-equiv="Content-Security-Policy"' in html, path
        assert html.index("Content-Security-Policy") < html.index("<script"), path  # before any script
        rel = path.relative_to(site).as_posix()
        page.goto(base_url + rel.removesuffix("index.html"))
        page.wait_for_load_state("load")
    assert problems == []


def test_circles_and_search_run_under_the_policy(page: Page, hosted: tuple[str, Path]) -> None:
    base_url, _ = hosted
    problems = watch(page)
    page.goto(base_url + "activities/circles/")
    expect(page.locator(".gc-board")).to_be_visible()  # the interactive diagram's script ran
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("listening", delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert problems == []


def test_an_inline_script_that_is_not_in_the_policy_does_not_run(page: Page, hosted: tuple[str, Path]) -> None:
    base_url, site = hosted
    index = site / "index.html"
    html = index.read_text(encoding="utf-8")
    index.write_text(html.replace("</body>", "<script>document.title = 'injected'</script></body>"), encoding="utf-8")
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    try:
        page.goto(base_url)
        page.wait_for_load_state("load")
        title = page.title()
    finally:
        index.write_text(html, encoding="utf-8")  # the site is the module's: as built, for the other tests
    assert title != "injected"
    assert any("Content Security Policy" in text for text in messages)
