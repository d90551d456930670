"""`guidegen build --engine zensical`: the same guide, the same pages, as safe and as accessible.

The comparison the README's "Website engines" section reports: every page of the default guide
exists in both engines' sites, each activity page carries the same text, downloads and
interactive circles, every page went through the sanitiser, axe-core passes, search works, and
the offline zip works from file:// with no network request.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from helpers.axe import AXE_SCRIPT
from helpers.axe import violations as axe_violations
from playwright.sync_api import Page, expect

from generator.common.sanitiser import MARKER
from generator.content.model import Guide

pytestmark = pytest.mark.slow
LOCAL_SCHEMES = ("file:", "data:", "blob:")


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


class _Article(HTMLParser):
    """The headings, text blocks and links inside <article>, where a page's content is."""

    BLOCKS: ClassVar[set[str]] = {"h1", "h2", "h3", "h4", "p", "li", "dt", "dd", "th", "td", "figcaption"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.blocks: list[str] = []
        self.links: list[str] = []
        self.scripts: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("data-activity"):
            self.scripts.append(str(values["data-activity"]))
        if tag == "article":
            self.depth += 1
        if self.depth and tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if self.depth and tag in self.BLOCKS:
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag in self.BLOCKS:
            text = " ".join("".join(self._text).split())
            if text:
                self.blocks.append(f"{tag}: {text}")
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self._text.append(data)


def article(path: Path) -> _Article:
    parser = _Article()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_the_same_pages_exist_in_both_engines(zensical_build: Path, mkdocs_site: Path, default_guide: Guide) -> None:
    built = pages(zensical_build / "site")
    assert built == pages(mkdocs_site)
    assert {f"activities/{a.id}/index.html" for a in default_guide.activities} <= built
    assert {"index.html", "404.html", "skills/index.html", "activities/index.html"} <= built


def test_activity_pages_carry_the_same_content_downloads_and_circles(
    zensical_build: Path, mkdocs_site: Path, default_guide: Guide
) -> None:
    for activity in default_guide.activities:
        rel = f"activities/{activity.id}/index.html"
        ours, theirs = article(zensical_build / "site" / rel), article(mkdocs_site / rel)
        assert ours.blocks == theirs.blocks, rel
        downloads = [link for link in ours.links if link.endswith(".pdf")]
        assert downloads == [link for link in theirs.links if link.endswith(".pdf")]
        assert downloads, f"{rel} has no download"
        for link in downloads:
            assert (zensical_build / "site" / "activities" / activity.id / link).resolve().is_file()
        assert ours.scripts == theirs.scripts == [activity.id]


def test_every_page_went_through_the_sanitiser_and_no_hooks_are_needed(zensical_build: Path) -> None:
    config = yaml.safe_load((zensical_build / "mkdocs" / "mkdocs.yml").read_text())
    assert "hooks" not in config
    assert config["markdown_extensions"][-1] == "generator.common.sanitiser"
    assert config["theme"]["variant"] == "classic"
    assert not (zensical_build / "mkdocs" / "overrides" / "partials" / "search.html").exists()
    for page in (zensical_build / "site").rglob("*.html"):
        if page.name != "404.html":
            assert MARKER in page.read_text(encoding="utf-8"), page


@pytest.mark.browser
def test_axe_finds_no_violations_on_any_zensical_page(page: Page, zensical_build: Path, zensical_url: str) -> None:
    page.context.add_init_script(path=str(AXE_SCRIPT))
    found = {}
    for rel in sorted(pages(zensical_build / "site")):
        url = zensical_url + rel.removesuffix("index.html")
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    assert found == {}


def _search(page: Page, term: str) -> list[str]:
    """Zensical's search: a button opens a dialog (shadow DOM, which Playwright's locators pierce)."""
    page.locator("button.md-search__button").first.click()
    page.keyboard.type(term, delay=30)
    options = page.locator("[role=option]")
    expect(options.first).to_be_visible(timeout=10_000)
    return options.evaluate_all("os => os.map(o => (o.closest('a') || o).getAttribute('href') || '')")


@pytest.mark.browser
def test_search_finds_the_skills_page(page: Page, zensical_url: str) -> None:
    page.goto(zensical_url)
    hrefs = _search(page, "listening")
    assert any(re.search(r"/skills/(\?|#|$)", href) for href in hrefs), hrefs


@pytest.mark.browser
def test_the_offline_zip_works_from_file_urls(page: Page, zensical_offline: Path) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for html in sorted(zensical_offline.rglob("*.html")):
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
    assert len(requests) > 10
    assert [url for url in requests if not url.startswith(LOCAL_SCHEMES)] == []
    page.goto((zensical_offline / "activities" / "good-facilitation.html").as_uri())
    href = page.locator("article a[href$='.pdf']").first.get_attribute("href")
    assert href and (zensical_offline / "activities" / href).resolve().read_bytes().startswith(b"%PDF")


@pytest.mark.browser
def test_search_works_from_file_urls(page: Page, zensical_offline: Path) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((zensical_offline / "index.html").as_uri())
    hrefs = _search(page, "listening")
    assert any("skills" in href for href in hrefs), hrefs
    assert [url for url in requests if not url.startswith(LOCAL_SCHEMES)] == []
