"""The preview serves each translation at <lang>/ and rebuilds only what a save to a translated
file reached; the Welsh pages then match a full build of the Welsh translation."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.built_sites import full_site, site_files
from helpers.edits import replace_line

from generator.content.loader import load_guide
from generator.content.parse_cache import ParseCache
from generator.content.translations import translated_guide
from generator.errors import ContentError
from generator.preview.translations import QuickTranslations

pytestmark = pytest.mark.slow
TRANSLATED = Path(__file__).resolve().parent.parent / "samples" / "translated"


def _welsh(guide: Path, name: str) -> Path:
    return guide / "content" / "translations" / "cy" / "activities" / f"{name}.yml"


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, QuickTranslations]]:
    tmp = tmp_path_factory.mktemp("quick-translations")
    guide = shutil.copytree(TRANSLATED, tmp / "guide")
    site = QuickTranslations(guide, tmp / "preview")
    first = site.update()
    assert "cy/activities/circles/index.html" in first.stale  # the Welsh site is built after the source's
    while site.stale_pages():
        site.finish()
    yield guide, site


def _welsh_dir(site: QuickTranslations) -> Path:
    return dict(site.folders())["cy/"]


def test_a_welsh_edit_rebuilds_its_page_alone_and_matches_a_full_build(
    preview: tuple[Path, QuickTranslations], tmp_path: Path
) -> None:
    guide, site = preview
    other = (_welsh_dir(site) / "activities" / "questions" / "index.html").stat().st_mtime_ns
    source_page = (site.source.site_dir / "activities" / "circles" / "index.html").stat().st_mtime_ns
    replace_line(_welsh(guide, "circles"), r"^aim:.*$", "aim: Cytuno zqxnod.")

    result = site.update(open_pages={"cy/activities/circles/index.html"}, changed=[str(_welsh(guide, "circles"))])

    assert result.built == {"cy/activities/circles/index.html"}
    # The other pages wait to be rendered (quick_site.py), changed or not: stale until then, and
    # not rebuilt when their text turns out the same (an aim is only on its activity's page).
    assert "cy/activities/questions/index.html" in result.stale
    assert all(page.startswith("cy/") for page in result.stale)  # the source's site was not updated
    listing = {page: (_welsh_dir(site) / page.removeprefix("cy/")).stat().st_mtime_ns for page in result.stale}
    while site.stale_pages():
        assert site.finish().built == frozenset()
    assert {page: (_welsh_dir(site) / page.removeprefix("cy/")).stat().st_mtime_ns for page in listing} == listing
    served = (_welsh_dir(site) / "activities" / "circles" / "index.html").read_text(encoding="utf-8")
    full = full_site(guide, tmp_path, translation=0)
    assert "zqxnod" in served
    assert served == (full / "activities" / "circles" / "index.html").read_text(encoding="utf-8")
    assert (_welsh_dir(site) / "activities" / "questions" / "index.html").stat().st_mtime_ns == other
    assert (site.source.site_dir / "activities" / "circles" / "index.html").stat().st_mtime_ns == source_page
    assert site_files(_welsh_dir(site)) == site_files(full)


def test_a_welsh_title_reaches_every_welsh_page_open_ones_first(
    preview: tuple[Path, QuickTranslations], tmp_path: Path
) -> None:
    guide, site = preview
    replace_line(_welsh(guide, "circles"), r"^title:.*$", "title: Teitl zqxteitl")

    source_home = (site.source.site_dir / "index.html").stat().st_mtime_ns

    result = site.update(open_pages={"cy/activities/questions/index.html"})

    assert "cy/activities/questions/index.html" in result.built
    assert "cy/index.html" in result.stale
    open_page = (_welsh_dir(site) / "activities" / "questions" / "index.html").read_text(encoding="utf-8")
    assert "zqxteitl" in open_page  # in the menu of a page whose own Markdown did not change
    while site.stale_pages():
        site.finish()
    assert site_files(_welsh_dir(site)) == site_files(full_site(guide, tmp_path, translation=0))
    # The source's pages waited (stale) while the Welsh page was shown; unchanged, none was rebuilt.
    assert (site.source.site_dir / "index.html").stat().st_mtime_ns == source_home


def test_a_problem_found_with_the_parse_cache_points_at_its_line(tmp_path: Path) -> None:
    """Cached texts have no positions, so a translation with problems is read again without the cache."""
    guide = shutil.copytree(TRANSLATED, tmp_path / "guide")
    source = load_guide(guide)
    settings = source.config.translations[0]
    cache = ParseCache()
    translated_guide(source, settings, cache)  # the Welsh files are now in the cache
    replace_line(guide / "content" / "activities" / "circles.yml", r"^steps:$", "steps:\n  - A new first step.")
    source = load_guide(guide)

    with pytest.raises(ContentError) as cached:
        translated_guide(source, settings, ParseCache(cache.entries_used()))
    with pytest.raises(ContentError) as fresh:
        translated_guide(source, settings)

    assert cached.value.problems == fresh.value.problems
    welsh = "content/translations/cy/activities/circles.yml"
    assert [(p.path, p.field) for p in cached.value.problems] == [(welsh, "steps")]
    assert cached.value.problems[0].line > 1  # the line of its steps, not the file's first
