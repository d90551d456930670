"""The Easy Read pages of the default guide's website in headless Chromium (issue 31): reached from
the home page and from the pages they are versions of, accessible (axe-core), each picture on the
left of its text and described."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from served_site import Site, Visits  # type: ignore[import-not-found]

from generator.content.model import Guide
from generator.preview.static import serve
from generator.site.project import run_mkdocs, write_mkdocs_project

pytestmark = pytest.mark.browser


def easy_read_urls(site: Site) -> list[str]:
    urls = [url for url in site.pages if "/easy-read/" in url]
    assert len(urls) == 5, urls  # the list and the default guide's four texts
    return urls


def test_easy_read_pages_pass_axe(page: Page, site: Site, visits: Visits) -> None:
    """axe-core ran on every page of the site once (conftest.py's `visits`): the Easy Read pages' part."""
    found = {}
    for url in easy_read_urls(site):
        page.goto(url)
        expect(page.locator("h1")).to_be_visible()
        if url in visits.violations:
            found[url] = visits.violations[url]
    assert found == {}


def test_home_and_the_crisis_page_lead_to_easy_read(page: Page, site: Site) -> None:
    page.goto(site.url())
    page.locator("article").get_by_role(
        "link", name="Easy Read: the key pages in short sentences with pictures"
    ).click()
    expect(page.locator("h1")).to_have_text("Easy Read")
    page.goto(site.url("if-someone-is-in-crisis/"))
    page.locator("article").get_by_role("link", name="Easy Read version of this page").click()
    expect(page.locator("h1")).to_have_text("If someone is in crisis")
    assert page.url == site.url("easy-read/if-someone-is-in-crisis/")
    # the contacts come from content/support.yml, in the page's box
    expect(page.locator("article .admonition")).to_contain_text("Samaritans")


def test_each_picture_is_left_of_its_text_and_described(
    page: Page, site: Site, default_guide: Guide, output_dir: Path
) -> None:
    item = next(i for i in default_guide.easy_read if i.id == "our-group-agreement")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url(f"easy-read/{item.id}/"))
    points = page.locator("article .easy-read li")
    expect(points).to_have_count(len(item.points))
    for index, point in enumerate(item.points):
        li = points.nth(index)
        picture = li.locator("img")
        expect(picture).to_have_attribute("alt", point.description or "")
        picture.evaluate("img => img.decode()")  # drawn before it is measured
        text = li.locator("p").last
        expect(text).to_contain_text(point.text.replace("**", ""))
        image_box, text_box = picture.bounding_box(), text.bounding_box()
        assert image_box and text_box and image_box["width"] >= 90
        assert image_box["x"] + image_box["width"] <= text_box["x"], point.text
        middle = image_box["y"] + image_box["height"] / 2
        assert text_box["y"] <= middle <= text_box["y"] + text_box["height"] + image_box["height"] / 2
        assert float(text.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")) >= 14 * 4 / 3  # 14 pt in px
    page.screenshot(path=str(output_dir / "easy-read-group-agreement.png"), full_page=True)


@pytest.fixture(scope="module")
def arabic_site(default_guide: Guide, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The default guide's website with its language set to Arabic: the theme turns it right to left."""
    guide = default_guide.model_copy(update={"config": default_guide.config.model_copy(update={"language": "ar"})})
    root = tmp_path_factory.mktemp("arabic-site")
    run_mkdocs(write_mkdocs_project(guide, root / "project", offline=True), root / "site")
    with serve(root / "site", "/") as base_url:
        yield base_url


def test_right_to_left_pages_put_each_picture_on_the_right(page: Page, arabic_site: str, output_dir: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(arabic_site + "easy-read/keeping-things-private.html")
    expect(page.locator("body")).to_have_attribute("dir", "rtl")
    points = page.locator("article .easy-read li")
    expect(points).to_have_count(9)
    for index in range(9):
        picture, text = points.nth(index).locator("img"), points.nth(index).locator("p").last
        picture.evaluate("img => img.decode()")
        image_box, text_box = picture.bounding_box(), text.bounding_box()
        assert image_box and text_box and text_box["x"] + text_box["width"] <= image_box["x"]
    page.screenshot(path=str(output_dir / "easy-read-right-to-left.png"))
