"""The preview's website rebuilds only what a save changed, and still matches a full build."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.preview.quick_site import SEARCH_INDEX, QuickSite

pytestmark = pytest.mark.slow
MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"


def index_locations(site: Path) -> list[str]:
    docs = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))["docs"]
    return sorted(doc["location"] for doc in docs)


def set_aim(guide: Path, activity: str, words: str) -> None:
    path = guide / "content" / "activities" / f"{activity}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^aim:.*(\n  .*)*", f"aim: {words}", text, count=1, flags=re.M), encoding="utf-8")


@pytest.fixture
def quick(tmp_path: Path) -> tuple[Path, QuickSite]:
    guide = shutil.copytree(MINIMAL, tmp_path / "guide")
    return guide, QuickSite(guide, tmp_path / "preview")


def test_an_edit_rebuilds_one_page_and_keeps_search_complete(quick: tuple[Path, QuickSite]) -> None:
    guide, site = quick
    first = site.update()
    assert first.pages_built is None  # the first build is a whole one
    before = index_locations(first.site_dir)
    home = (first.site_dir / "index.html").stat().st_mtime_ns

    set_aim(guide, "circles", "Find the qualities that matter most zqxmarker.")
    second = site.update()

    assert second.pages_built == 1
    page = (second.site_dir / "activities" / "circles" / "index.html").read_text(encoding="utf-8")
    assert "zqxmarker" in page
    assert (second.site_dir / "index.html").stat().st_mtime_ns == home  # untouched page not rebuilt
    assert index_locations(second.site_dir) == before  # the other pages' search entries are kept
    index = (second.site_dir / SEARCH_INDEX).read_text(encoding="utf-8")
    assert index.count("zqxmarker") >= 1


def test_a_title_change_reaches_every_page_once_the_stale_ones_are_finished(quick: tuple[Path, QuickSite]) -> None:
    guide, site = quick
    site.update()
    path = guide / "content" / "activities" / "circles.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title:.*$", "title: Renamed circles", text, count=1, flags=re.M), encoding="utf-8")
    result = site.update()
    assert "activities/circles/index.html" in result.built  # the page it changed; every menu changed too:
    assert "index.html" in result.stale
    while site.stale_pages():
        result = site.finish()
    listing = (result.site_dir / "activities" / "index.html").read_text(encoding="utf-8")
    other = (result.site_dir / "activities" / "questions" / "index.html").read_text(encoding="utf-8")
    assert "Renamed circles" in listing
    assert "Renamed circles" in other  # in the navigation of a page whose own Markdown did not change


def test_nothing_changed_builds_nothing(quick: tuple[Path, QuickSite]) -> None:
    _, site = quick
    site.update()
    stamp = (site.site_dir / "index.html").stat().st_mtime_ns
    again = site.update()
    assert again.pages_built == 0
    assert (site.site_dir / "index.html").stat().st_mtime_ns == stamp
