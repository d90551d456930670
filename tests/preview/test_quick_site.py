"""The preview's website rebuilds only what a save changed, and still matches a full build after
every kind of edit."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.built_sites import full_site, site_files
from helpers.edits import replace_line

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


# ---------------------------------------------------------------- every kind of edit (issue 32)
# Nothing may go stale to be fast: a title is in every menu and in links, a skill's name on
# activity pages, a support contact on every activity page, the guide's title in every header.
# Each edit is saved, the open page must be up to date as soon as `update()` returns, and once
# `finish()` has rebuilt the stale pages every file must be the same as in a site built from
# scratch from a fresh load of the guide (search index: the same entries).

SAMPLES = MINIMAL.parent
SUPPORT = Path(__file__).resolve().parents[2] / "content" / "support.yml"


@dataclass(frozen=True)
class Edit:
    name: str
    save: Callable[[Path], None]
    open_page: str  # the page the browser shows, as the server names it
    shows: str  # words the open page must show once the edit is in


def _activity(guide: Path, name: str) -> Path:
    return guide / "content" / "activities" / f"{name}.yml"


def _page(guide: Path, name: str) -> Path:
    return guide / "content" / "pages" / f"{name}.md"


def _new_activity(guide: Path, name: str, title: str) -> None:
    text = _activity(guide, "questions").read_text(encoding="utf-8")
    text = re.sub(r"^id:.*$", f"id: {name}", text, count=1, flags=re.M)
    _activity(guide, name).write_text(re.sub(r"^title:.*$", f"title: {title}", text, flags=re.M), encoding="utf-8")


def _new_page(guide: Path, name: str, title: str) -> None:
    _page(guide, name).write_text(f"---\ntitle: {title}\norder: 9\n---\nMore words.\n", encoding="utf-8")


EDITS = [
    Edit(
        "text",
        lambda g: replace_line(_activity(g, "circles"), r"^aim:.*$", "aim: Agree zqxaim."),
        "activities/circles/index.html",
        "zqxaim",
    ),
    Edit(
        "title",
        lambda g: replace_line(_activity(g, "circles"), r"^title:.*$", "title: Renamed zqxtitle"),
        "activities/questions/index.html",
        "Renamed zqxtitle",
    ),
    Edit(  # circles (first by id) moves last: after questions, which now links on to it
        "order",
        lambda g: replace_line(_activity(g, "circles"), r"^title:", "order: 101\ntitle:"),
        "activities/questions/index.html",
        'href="../circles/" class="md-footer__link md-footer__link--next"',
    ),
    Edit(
        "new activity",
        lambda g: _new_activity(g, "added", "Added zqxadded"),
        "activities/circles/index.html",
        "zqxadded",
    ),
    Edit("deleted activity", lambda g: _activity(g, "doomed").unlink(), "activities/circles/index.html", "circles"),
    Edit("new page", lambda g: _new_page(g, "extra", "Extra zqxextra"), "index.html", "zqxextra"),
    Edit("renamed page", lambda g: _page(g, "mover").rename(_page(g, "moved")), "index.html", 'href="moved/"'),
    Edit("deleted page", lambda g: _page(g, "goner").unlink(), "index.html", "first-page/"),
    Edit(
        "skill's name",
        lambda g: replace_line(g / "content" / "skills.yml", r"name: Listening$", "name: Listening zqxskill"),
        "activities/circles/index.html",
        "zqxskill",
    ),
    Edit(
        "site_config.yml",
        lambda g: replace_line(g / "site_config.yml", r"^title:.*$", "title: A guide zqxconfig"),
        "activities/questions/index.html",
        "zqxconfig",
    ),
    Edit(
        "support.yml",
        lambda g: replace_line(g / "content" / "support.yml", r"^(\s+how: )Call 116 123", r"\1Call 116 123 zqxsupport"),
        "activities/questions/index.html",
        "zqxsupport",
    ),
]


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, QuickSite]]:
    """One preview site for every edit, in turn (each compares the whole site, whatever came before).
    Each edit's `shows` holds after that edit alone, whatever ran before (`-k` may pick one)."""
    tmp = tmp_path_factory.mktemp("quick-edits")
    guide = shutil.copytree(SAMPLES / "minimal", tmp / "guide")
    shutil.copyfile(SUPPORT, guide / "content" / "support.yml")
    _new_activity(guide, "doomed", "To be deleted")  # what the edits rename and delete
    _new_page(guide, "mover", "To be renamed")
    _new_page(guide, "goner", "To be deleted")
    site = QuickSite(guide, tmp / "preview")
    site.update()
    yield guide, site


@pytest.mark.parametrize("edit", EDITS, ids=[edit.name for edit in EDITS])
def test_each_kind_of_edit_shows_at_once_and_ends_as_a_full_build(
    edit: Edit, preview: tuple[Path, QuickSite], tmp_path: Path
) -> None:
    guide, site = preview
    edit.save(guide)

    first = site.update(open_pages={edit.open_page})

    assert edit.open_page not in first.stale
    full = full_site(guide, tmp_path)
    open_page = (site.site_dir / edit.open_page).read_text(encoding="utf-8")
    assert edit.shows in open_page
    assert open_page == (full / edit.open_page).read_text(encoding="utf-8")  # final at once, not half-way
    while site.stale_pages():
        site.finish()
    quick, whole = site_files(site.site_dir), site_files(full)
    assert sorted(quick) == sorted(whole)
    differ = [name for name in whole if quick[name] != whole[name]]
    assert differ == []


def test_a_change_to_every_menu_leaves_other_pages_stale_until_finished(tmp_path: Path) -> None:
    guide = shutil.copytree(SAMPLES / "minimal", tmp_path / "guide")
    site = QuickSite(guide, tmp_path / "preview")
    site.update()
    replace_line(_activity(guide, "circles"), r"^title:.*$", "title: Renamed zqxfirst")

    home = (site.site_dir / "index.html").stat().st_mtime_ns

    first = site.update(open_pages={"activities/questions/index.html"})

    assert first.built == {"activities/questions/index.html"}  # the open page alone
    assert {"index.html", "activities/circles/index.html", "404.html"} <= first.stale  # menus list activities
    assert (site.site_dir / "index.html").stat().st_mtime_ns == home  # not rebuilt yet
    last = site.finish(asked={"index.html"})
    assert last.stale == frozenset() and {"index.html", "404.html"} <= last.built
    assert (site.site_dir / "index.html").stat().st_mtime_ns > home


def test_a_same_size_edit_within_one_clock_tick_is_not_missed(
    quick: tuple[Path, QuickSite], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file system's clock can be coarse (a second on some, a kernel tick on others): two saves
    of the same length may leave the project's files with the same size and time. Here every
    update writes its files at one time, as if all were saved within one tick."""
    import generator.site.project as project

    write = project.write_mkdocs_project

    def write_at_one_time(guide: object, folder: Path, **options: object) -> Path:
        written = write(guide, folder, **options)  # type: ignore[arg-type]
        for path in folder.rglob("*"):
            os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
        return written

    monkeypatch.setattr(project, "write_mkdocs_project", write_at_one_time)
    guide, site = quick
    site.update()
    site.update()  # nothing changed: every file compared equal to the one before
    page = site.site_dir / "activities" / "circles" / "index.html"
    assert "matters most" in page.read_text(encoding="utf-8")

    replace_line(_activity(guide, "circles"), r"^aim: Agree what matters most", "aim: Agree what matters MOST")
    site.update(open_pages={"activities/circles/index.html"})

    assert "matters MOST" in page.read_text(encoding="utf-8")


def test_the_project_files_it_remembers_are_the_ones_on_disk(quick: tuple[Path, QuickSite]) -> None:
    """Each save compares the new project with the bytes the last one wrote, kept in memory rather
    than read back: they must stay those of the files, pages added and removed included."""
    guide, site = quick
    site.update()
    _new_page(guide, "extra", "Extra zqxremembered")
    site.update(open_pages={"index.html"})
    _page(guide, "extra").unlink()
    set_aim(guide, "circles", "A new aim zqxremembered.")

    result = site.update(open_pages={"activities/circles/index.html"})

    on_disk = {path.relative_to(site.project): path.read_bytes() for path in site.project.rglob("*") if path.is_file()}
    assert site.synced == on_disk
    assert Path("docs/extra.md") not in site.synced
    assert b"zqxremembered" in site.synced[Path("docs/activities/circles.md")]
    assert "activities/circles/index.html" in result.built


def test_pages_a_save_changed_but_nobody_has_open_wait_stale_until_finished(tmp_path: Path) -> None:
    """A support contact is on every activity page: the open one shows it at once, the others
    keep their last Markdown (rendering them all would cost the open page hundreds of pages'
    time) and are stale, so none is served old; finish() renders them before building any."""
    guide = shutil.copytree(SAMPLES / "minimal", tmp_path / "guide")
    shutil.copyfile(SUPPORT, guide / "content" / "support.yml")
    site = QuickSite(guide, tmp_path / "preview")
    site.update()
    replace_line(guide / "content" / "support.yml", r"^(\s+how: )Call 116 123", r"\1Call 116 123 zqxlater")
    other = site.project / "docs" / "activities" / "circles.md"

    first = site.update(open_pages={"activities/questions/index.html"})

    assert "zqxlater" in (site.site_dir / "activities" / "questions" / "index.html").read_text(encoding="utf-8")
    assert "zqxlater" not in other.read_text(encoding="utf-8")  # waiting: its last text
    assert "activities/circles/index.html" in first.stale
    site.finish(asked={"index.html"})  # another page asked for: the waiting ones are rendered first
    assert "zqxlater" in other.read_text(encoding="utf-8")
    while site.stale_pages():
        site.finish()
    assert "zqxlater" in (site.site_dir / "activities" / "circles" / "index.html").read_text(encoding="utf-8")
    assert site_files(site.site_dir) == site_files(full_site(guide, tmp_path / "full"))


def test_a_save_and_the_pages_it_left_waiting_cost_what_they_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """finish() once wrote the whole project again to render the pages a save let wait, and the
    next save paid for what was left of it. The project (assets, mkdocs.yml) is written once per
    save; the waiting pages' Markdown is made in memory, and only files whose bytes changed are
    written, whether a save comes before finish() or not."""
    import generator.site.project as project

    guide = shutil.copytree(SAMPLES / "minimal", tmp_path / "guide")
    shutil.copyfile(SUPPORT, guide / "content" / "support.yml")
    site = QuickSite(guide, tmp_path / "preview")
    site.update()
    projects: list[Path] = []
    write_project = project.write_mkdocs_project

    def counted(guide: object, folder: Path, **options: object) -> Path:
        projects.append(folder)
        return write_project(guide, folder, **options)  # type: ignore[arg-type]

    written: list[Path] = []
    write_bytes = Path.write_bytes

    def spied(path: Path, data: bytes) -> int:  # type: ignore[override]
        if path.is_relative_to(site.project):
            written.append(path.relative_to(site.project))
        return write_bytes(path, data)

    monkeypatch.setattr(project, "write_mkdocs_project", counted)
    monkeypatch.setattr(Path, "write_bytes", spied)
    open_page = {"activities/questions/index.html"}
    replace_line(guide / "content" / "support.yml", r"^(\s+how: )Call 116 123", r"\1Call 116 123 zqxwaits")

    site.update(open_pages=open_page)
    assert written == [Path("docs/activities/questions.md")]  # circles' page waits (stale)
    set_aim(guide, "questions", "A new aim zqxnext.")
    site.update(open_pages=open_page)  # the next save, before finish(): only the open page again
    assert written == [Path("docs/activities/questions.md")] * 2
    while site.stale_pages():
        site.finish()

    assert len(projects) == 2  # one per save; none for the pages that waited
    later = written[2:]
    assert Path("docs/activities/circles.md") in later
    assert len(later) == len(set(later))  # each written once
    assert all(b"zqxwaits" in site.synced[path] or b"zqxnext" in site.synced[path] for path in later)
    assert "zqxwaits" in (site.site_dir / "activities" / "circles" / "index.html").read_text(encoding="utf-8")


def test_a_save_shows_the_open_page_and_leaves_every_other_page_waiting_unrebuilt_if_unchanged(
    tmp_path: Path,
) -> None:
    """Before the open page is shown, a save does not look at whether the other pages changed: all
    wait, stale. finish() renders them and rebuilds only those whose text changed."""
    guide = shutil.copytree(SAMPLES / "minimal", tmp_path / "guide")
    site = QuickSite(guide, tmp_path / "preview")
    site.update()
    questions = site.site_dir / "activities" / "questions" / "index.html"
    untouched = questions.stat().st_mtime_ns
    set_aim(guide, "circles", "A new aim zqxfirst.")

    first = site.update(open_pages={"activities/circles/index.html"})

    assert first.built == {"activities/circles/index.html"}
    assert "zqxfirst" in (site.site_dir / "activities" / "circles" / "index.html").read_text(encoding="utf-8")
    assert "activities/questions/index.html" in first.stale  # waiting, though its data did not change
    built: set[str] = set()
    while site.stale_pages():
        built |= site.finish().built
    assert "activities/questions/index.html" not in built
    assert questions.stat().st_mtime_ns == untouched
    assert site_files(site.site_dir) == site_files(full_site(guide, tmp_path / "full"))


def test_the_search_index_it_remembers_is_the_one_on_disk(quick: tuple[Path, QuickSite]) -> None:
    """Each dirty build merges its pages' search entries into the index kept in memory since the
    last one, not read back: it must stay the file's, and the file as complete as a full build's."""
    guide, site = quick
    site.update()
    set_aim(guide, "circles", "A new aim zqxindexed.")
    site.update(open_pages={"activities/circles/index.html"})
    set_aim(guide, "questions", "Another aim zqxagain.")
    site.update(open_pages={"activities/questions/index.html"})
    while site.stale_pages():
        site.finish()

    on_disk = json.loads((site.site_dir / SEARCH_INDEX).read_text(encoding="utf-8"))
    assert site.index == on_disk
    assert "zqxindexed" in json.dumps(on_disk) and "zqxagain" in json.dumps(on_disk)
    assert index_locations(site.site_dir) == index_locations(full_site(guide, site.root.parent / "full"))
