"""The preview's MkDocs builds reuse a page's converted Markdown and search entries only while
nothing they depend on changed, and the site stays the same as a build from scratch."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator.content.loader import load_guide
from generator.preview.mkdocs_reuse import COUNTS, Counts
from generator.preview.quick_site import SEARCH_INDEX, QuickSite
from generator.site.project import run_mkdocs, write_mkdocs_project

pytestmark = pytest.mark.slow
MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"
OPEN = "activities/questions/index.html"


def since(before: Counts) -> Counts:
    return Counts(
        COUNTS.converted - before.converted,
        COUNTS.conversions_reused - before.conversions_reused,
        COUNTS.indexed - before.indexed,
        COUNTS.entries_reused - before.entries_reused,
    )


def built_files(site: Path) -> dict[str, bytes]:
    """Every file of a site; the search index as its sorted entries, the gzip sitemap left out (it
    carries the time it was written)."""
    found = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    index = json.loads(found.pop(SEARCH_INDEX.as_posix()))
    found[SEARCH_INDEX.as_posix()] = json.dumps(sorted(json.dumps(d, sort_keys=True) for d in index["docs"])).encode()
    found.pop("sitemap.xml.gz", None)
    return found


def from_scratch(guide: Path, folder: Path) -> dict[str, bytes]:
    config = write_mkdocs_project(load_guide(guide), folder / "mkdocs")
    run_mkdocs(config, folder / "site")
    return built_files(folder / "site")


def retitle(guide: Path, activity: str, title: str) -> None:
    path = guide / "content" / "activities" / f"{activity}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title:.*$", f"title: {title}", text, count=1, flags=re.M), encoding="utf-8")


def finished(site: QuickSite, open_page: str) -> None:
    site.update(open_pages={open_page})
    while site.stale_pages():
        site.finish()


@pytest.fixture
def quick(tmp_path: Path) -> tuple[Path, QuickSite]:
    guide = shutil.copytree(MINIMAL, tmp_path / "guide")
    site = QuickSite(guide, tmp_path / "preview")
    site.update()
    return guide, site


def test_a_title_change_reuses_the_unchanged_pages_text_and_matches_a_full_build(
    quick: tuple[Path, QuickSite], tmp_path: Path
) -> None:
    guide, site = quick
    retitle(guide, "circles", "Circles renamed zqxreuse")
    before = replace(COUNTS)

    finished(site, OPEN)

    counts = since(before)
    assert counts.converted > 1  # every page: the title is in every menu
    assert 0 < counts.conversions_reused < counts.converted  # the renamed page's own text is new
    assert 0 < counts.entries_reused < counts.indexed
    quick_files, whole = built_files(site.site_dir), from_scratch(guide, tmp_path / "full")
    assert sorted(quick_files) == sorted(whole)
    assert [name for name in whole if quick_files[name] != whole[name]] == []
    assert "zqxreuse" in (site.site_dir / OPEN).read_text(encoding="utf-8")


def test_a_new_file_means_every_page_is_converted_again(quick: tuple[Path, QuickSite], tmp_path: Path) -> None:
    """Links resolve against the site's files: once they change, no earlier conversion is trusted."""
    guide, site = quick
    page = "---\ntitle: Added zqxadded\norder: 9\n---\nMore words.\n"
    (guide / "content" / "pages" / "added.md").write_text(page, encoding="utf-8")
    before = replace(COUNTS)

    finished(site, "index.html")

    counts = since(before)
    assert counts.converted > 1 and counts.conversions_reused == 0
    quick_files, whole = built_files(site.site_dir), from_scratch(guide, tmp_path / "full")
    assert sorted(quick_files) == sorted(whole)
    assert [name for name in whole if quick_files[name] != whole[name]] == []


def test_a_second_site_of_the_same_pages_keeps_its_own(tmp_path: Path) -> None:
    """Two previews in one process (the source and a translation have pages of the same names):
    each converts its own pages, and a change in one never shows in the other."""
    first_guide = shutil.copytree(MINIMAL, tmp_path / "one")
    second_guide = shutil.copytree(MINIMAL, tmp_path / "two")
    first, second = QuickSite(first_guide, tmp_path / "p1"), QuickSite(second_guide, tmp_path / "p2")
    first.update()
    second.update()
    retitle(first_guide, "questions", "Only in the first zqxfirst")

    finished(first, OPEN)
    retitle(second_guide, "circles", "Only in the second zqxsecond")
    finished(second, OPEN)

    assert "zqxfirst" not in (second.site_dir / OPEN).read_text(encoding="utf-8")
    whole = from_scratch(second_guide, tmp_path / "full")
    quick_files = built_files(second.site_dir)
    assert [name for name in whole if quick_files.get(name) != whole[name]] == []
