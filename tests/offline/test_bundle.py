"""The offline bundle works from a USB stick: file:// only, search, PDFs, every link resolves."""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from playwright.sync_api import Page, Request

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)


@pytest.mark.slow
def test_bundle_holds_site_pdfs_and_readme(bundle: Path) -> None:
    names = zipfile.ZipFile(bundle).namelist()
    top = {name.split("/", 1)[0] for name in names}
    assert top == {"peer-leadership-offline"}
    inner = {name.split("/", 1)[1] for name in names}
    assert {"index.html", "README.txt", "pdf/guide.pdf", "pdf/good-facilitation.pdf"} <= inner
    assert "404.html" not in inner
    assert not [name for name, count in Counter(names).items() if count > 1]


@pytest.mark.slow
def test_no_file_is_stored_twice(bundle: Path) -> None:
    with zipfile.ZipFile(bundle) as archive:
        digests = Counter(
            hashlib.sha256(archive.read(info)).hexdigest() for info in archive.infolist() if info.file_size > 4096
        )
    assert [digest for digest, count in digests.items() if count > 1] == []


@pytest.mark.slow
def test_every_href_and_src_resolves_inside_the_bundle(unzipped: Path) -> None:
    broken = []
    for html in unzipped.rglob("*.html"):
        parser = _Links()
        parser.feed(html.read_text(encoding="utf-8"))
        for target in parser.targets:
            url, _ = urldefrag(target)
            if not url or url.startswith(("data:", "mailto:", "tel:", "javascript:void")):
                continue
            if urlsplit(url).scheme in ("http", "https"):
                broken.append(f"{html.name}: {target} leaves the bundle")
                continue
            resolved = (html.parent / unquote(urlsplit(url).path)).resolve()
            if not resolved.is_relative_to(unzipped.resolve()) or not resolved.exists():
                broken.append(f"{html.relative_to(unzipped)}: {target}")
    assert broken == []


def _record(page: Page) -> list[str]:
    requests: list[str] = []

    def note(request: Request) -> None:
        requests.append(request.url)

    page.on("request", note)
    return requests


@pytest.mark.browser
def test_every_page_from_file_url_makes_no_network_request(page: Page, unzipped: Path) -> None:
    requests = _record(page)
    for html in sorted(unzipped.rglob("*.html")):
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
    assert len(requests) > 10
    assert [url for url in requests if not url.startswith(LOCAL_SCHEMES)] == []


@pytest.mark.browser
def test_search_works_from_file_url(page: Page, unzipped: Path) -> None:
    requests = _record(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((unzipped / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Listening", delay=30)
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=10_000)
    assert page.locator(".md-search-result__item").count() >= 1
    result.click()
    page.wait_for_load_state("load")
    assert "skills" in page.url
    assert [url for url in requests if not url.startswith(LOCAL_SCHEMES)] == []


@pytest.mark.browser
def test_activity_page_links_to_an_existing_pdf(page: Page, unzipped: Path) -> None:
    page.goto((unzipped / "activities" / "good-facilitation.html").as_uri())
    link = page.get_by_role("link", name=re.compile("Download the handout", re.I)).first
    href = link.get_attribute("href")
    assert href and href.endswith(".pdf")
    target = (unzipped / "activities" / unquote(href)).resolve()
    assert target.is_file() and target.read_bytes().startswith(b"%PDF")
