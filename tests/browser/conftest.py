"""The default guide's website (the session's shared `default_site`), served over http on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.axe import AXE_SCRIPT
from helpers.axe import violations as axe_violations
from playwright.sync_api import Browser
from served_site import Site, Visits, page_urls  # type: ignore[import-not-found]

from generator.content.model import Guide
from generator.preview.static import serve, url_path

OUTPUT = Path(__file__).resolve().parent.parent / "output"  # screenshots for people; ignored by git


@pytest.fixture(scope="session")
def site(default_guide: Guide, default_site: Path) -> Iterator[Site]:
    with serve(default_site, url_path(default_guide.config.site_url)) as base_url:
        yield Site(default_site, base_url, page_urls(default_site, base_url))


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


@pytest.fixture(scope="session")
def visits(browser: Browser, browser_context_args: dict, site: Site) -> Iterator[Visits]:
    """Every page of `site` loaded once (until the network is idle), then checked by axe-core's
    default rules (WCAG 2.0-2.2 A/AA and best practice), in one context, for test_site.py and
    test_easy_read_pages.py: loading each page again for axe alone, or running axe on a page
    twice, cost Chromium as much again."""
    context = browser.new_context(**browser_context_args)
    context.add_init_script(path=str(AXE_SCRIPT))  # once, instead of injecting per page
    page = context.new_page()
    visits = Visits([], [], [], {})
    page.on("console", lambda m: visits.errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: visits.errors.append(f"{page.url}: {e}"))
    page.on("request", lambda r: visits.requests.append(r.url))
    for url in site.pages:
        response = page.goto(url, wait_until="networkidle")
        if response is None or not response.ok:
            visits.failed.append(url)
        violations = axe_violations(page)
        if violations:
            visits.violations[url] = violations
    yield visits
    context.close()
