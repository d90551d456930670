"""The build's YAML parse cache: the same guide and the same messages, with or without it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.content.loader import load_guide
from generator.content.parse_cache import CACHE_FILE, ParseCache
from generator.errors import ContentError

MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"


def cached_guide(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the minimal guide and a folder holding a cache of all its YAML texts."""
    root = tmp_path / "guide"
    shutil.copytree(MINIMAL, root)
    cache = ParseCache()
    load_guide(root, parse_cache=cache)
    folder = tmp_path / "out"
    folder.mkdir()
    cache.write(folder)
    return root, folder


def test_a_guide_from_the_cache_equals_one_parsed_afresh(tmp_path: Path) -> None:
    root, folder = cached_guide(tmp_path)
    cache = ParseCache.read(folder)
    assert load_guide(root, parse_cache=cache) == load_guide(root)
    assert cache.get((root / "site_config.yml").read_text()) is not None  # it was used, not parsed


def test_a_problem_in_a_cached_file_still_has_its_line(tmp_path: Path) -> None:
    """The activity is unchanged (its data comes from the cache); the skill it names is gone."""
    root, folder = cached_guide(tmp_path)
    skills = root / "content" / "skills.yml"
    text = skills.read_text()
    skills.write_text(text[: text.index("  - id: empathy")])
    with pytest.raises(ContentError) as fresh:
        load_guide(root)
    with pytest.raises(ContentError) as cached:
        load_guide(root, parse_cache=ParseCache.read(folder))
    assert cached.value.report() == fresh.value.report()
    assert "content/activities/questions.yml:8:" in cached.value.report()


@pytest.mark.parametrize("junk", ["not json", '{"version": "old", "entries": {}}', '{"version": 1}', "[]"])
def test_a_broken_or_old_cache_is_ignored(tmp_path: Path, junk: str) -> None:
    root, folder = cached_guide(tmp_path)
    (folder / CACHE_FILE).write_text(junk)
    assert ParseCache.read(folder).get((root / "site_config.yml").read_text()) is None
    assert load_guide(root, parse_cache=ParseCache.read(folder)) == load_guide(root)


def test_the_cache_keeps_only_what_this_build_read(tmp_path: Path) -> None:
    root, folder = cached_guide(tmp_path)
    activity = root / "content" / "activities" / "questions.yml"
    edited = activity.read_text().replace("aim: ", "aim: Now. ", 1)
    assert edited != activity.read_text()
    activity.write_text(edited)
    cache = ParseCache.read(folder)
    load_guide(root, parse_cache=cache)
    cache.write(folder)
    old = (MINIMAL / "content" / "activities" / "questions.yml").read_text()
    assert ParseCache.read(folder).get(old) is None and ParseCache.read(folder).get(edited) is not None


def test_a_broken_link_in_a_cached_file_still_has_its_line(tmp_path: Path) -> None:
    root = tmp_path / "guide"
    shutil.copytree(MINIMAL, root)
    activity = root / "content" / "activities" / "circles.yml"
    activity.write_text(activity.read_text().replace("aim: ", "aim: See [the first page](page:first-page). ", 1))
    cache = ParseCache()
    load_guide(root, parse_cache=cache)
    cache.write(tmp_path)
    (root / "content" / "pages" / "first-page.md").unlink()
    with pytest.raises(ContentError) as fresh:
        load_guide(root)
    with pytest.raises(ContentError) as cached:
        load_guide(root, parse_cache=ParseCache.read(tmp_path))
    assert cached.value.report() == fresh.value.report()
    assert "content/activities/circles.yml:" in cached.value.report() and "first-page" in cached.value.report()


def test_dates_are_cached_and_come_back_as_dates(tmp_path: Path) -> None:
    """support.yml's `checked:` dates once kept it out of the cache: parsed on every check."""
    from datetime import date

    cache = ParseCache()
    cache.put("a", {"checked": date(2026, 1, 2), "items": [{"on": date(2025, 3, 4)}]})
    cache.put("b", {"\x00date": "2026-01-02"})  # spelled in the text itself: never cached
    cache.write(tmp_path)
    again = ParseCache.read(tmp_path)
    assert again.get("a") == {"checked": date(2026, 1, 2), "items": [{"on": date(2025, 3, 4)}]}
    assert again.get("b") is None


def test_a_hostile_svg_is_reported_the_same_from_the_cache(tmp_path: Path) -> None:
    """Its problems are remembered by its bytes (no lxml when warm): the message must not change."""
    root = tmp_path / "guide"
    shutil.copytree(MINIMAL, root)
    (root / "content" / "assets").mkdir(exist_ok=True)
    svg = '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n'
    (root / "content" / "assets" / "bad.svg").write_text(svg)
    reports = []
    for _ in range(2):
        cache = ParseCache.read(tmp_path)
        with pytest.raises(ContentError) as raised:
            load_guide(root, parse_cache=cache)
        cache.write(tmp_path)
        reports.append(raised.value.report())
    assert reports[0] == reports[1] and "content/assets/bad.svg:2:" in reports[0]
    assert any(key.startswith("svg\0") for key in json.loads((tmp_path / CACHE_FILE).read_text())["facts"])
