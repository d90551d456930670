"""A rebuild after an edit does only the changed pages' work, and gives the full build's bytes (issue 32).

Each edit is made in a built guide, which is then built again (reusing what it can: unchanged
website and offline pages, the zip's unchanged members) and compared, file by file, with a
clean build of the same content in another folder. The edits reach other pages in different
ways: an activity's text (its own page), its title (every page's menu and the links to it), a
skill's name (the pages of the activities that use it), a support contact (every activity
page, every handout, the booklets and the e-book), a handout's question, a page's text, the
settings and the guide's own stylesheet (every PDF: not in any HTML).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.builder.cache import MANIFEST
from generator.builder.pipeline import BuildOptions, build
from generator.builder.site_reuse import FRAME
from generator.content.source_date import VARIABLE as SOURCE_DATE

pytestmark = pytest.mark.slow
MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"
SUPPORT = """heading: If someone is in crisis
intro: If a life is at risk right now, call 999 or go to A&E.
checked: 2026-12-06
contacts:
  - name: Emergency services
    how: Call 999, or go to A&E
    when: When someone is badly hurt or their life is at risk
    section: If a life is at risk
    checked_at: https://www.lpft.nhs.uk/contact-us/need-help-now
  - name: Samaritans
    how: Call 116 123
    when: Free, day or night, for anyone who is struggling
    section: Anywhere in the UK
    checked_at: https://www.samaritans.org/how-we-can-help/contact-samaritan/
"""


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def activity(root: Path) -> Path:
    return root / "content" / "activities" / "questions.yml"


EDITS: dict[str, Callable[[Path], None]] = {
    "text": lambda root: replace(activity(root), "Reflect on how the group runs.", "Look at how the group runs."),
    "title": lambda root: replace(activity(root), "title: Talking it through", "title: Talking it over"),
    "skill name": lambda root: replace(root / "content" / "skills.yml", "name: Empathy", "name: Feeling with others"),
    "support contact": lambda root: replace(root / "content" / "support.yml", "Call 116 123", "Call 116 123 free"),
    "handout question": lambda root: replace(activity(root), "without our facilitator?", "without a facilitator?"),
    "page text": lambda root: replace(root / "content" / "pages" / "first-page.md", "helps everyone", "helps us all"),
    "settings": lambda root: replace(root / "site_config.yml", "organisation: Test Group", "organisation: Test CIC"),
    "own template": lambda root: own_stylesheet(root),
}


def own_stylesheet(root: Path) -> None:
    """The guide's own handout stylesheet (templates/ beside content/), which the PDFs read but not their HTML."""
    own = root / "templates" / "pdf" / "handout.css"
    own.parent.mkdir(parents=True)
    package = Path(__file__).resolve().parents[2] / "generator" / "templates" / "pdf" / "handout.css"
    own.write_text(package.read_text(encoding="utf-8") + "\nh1 { letter-spacing: 0.05em; }\n", encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    guide = tmp_path_factory.mktemp("built") / "guide"
    shutil.copytree(MINIMAL, guide)
    (guide / "content" / "support.yml").write_text(SUPPORT, encoding="utf-8")
    config = guide / "site_config.yml"  # with an address, so the sitemap lists every page with its date
    config.write_text(config.read_text(encoding="utf-8") + "site_url: https://example.org/small-guide/\n")
    build(guide, BuildOptions(quiet=True))
    return guide


@pytest.fixture(scope="module")
def rebuilt(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Path, dict[str, int]]]:
    """rebuilt(edit): a copy of the built guide with that edit, built again, and the inode of
    each file its build/ held before. Made once per edit for every test that reads it."""
    done: dict[str, tuple[Path, dict[str, int]]] = {}

    def make(edit: str) -> tuple[Path, dict[str, int]]:
        if edit not in done:
            guide = tmp_path_factory.mktemp("edited") / "guide"
            shutil.copytree(built, guide)
            out = guide / "build"
            before = {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
            EDITS[edit](guide)
            build(guide, BuildOptions(quiet=True))
            done[edit] = guide, before
        return done[edit]

    return make


@pytest.mark.parametrize("edit", EDITS)
def test_a_rebuild_after_an_edit_is_byte_identical_to_a_full_build(
    tmp_path: Path, rebuilt: Callable[[str], tuple[Path, dict[str, int]]], edit: str
) -> None:
    guide, _ = rebuilt(edit)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copy2(guide / "site_config.yml", fresh / "site_config.yml")
    shutil.copytree(guide / "content", fresh / "content")
    if (guide / "templates").is_dir():
        shutil.copytree(guide / "templates", fresh / "templates")
    build(fresh, BuildOptions(quiet=True))
    rebuilt_files, full = snapshot(guide / "build"), snapshot(fresh / "build")
    assert sorted(rebuilt_files) == sorted(full)
    assert [name for name in full if rebuilt_files[name] != full[name]] == []


def test_a_rebuild_with_another_date_dates_the_sitemap_as_a_full_build(
    tmp_path: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    guide = tmp_path / "edited"
    shutil.copytree(built, guide)
    monkeypatch.setenv(SOURCE_DATE, "1767225600")  # 2026-01-01: every sitemap date changes
    EDITS["text"](guide)
    build(guide, BuildOptions(quiet=True))
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copy2(guide / "site_config.yml", fresh / "site_config.yml")
    shutil.copytree(guide / "content", fresh / "content")
    build(fresh, BuildOptions(quiet=True, only=("site", "offline")))
    for name in ("site/sitemap.xml", ".offline/site/sitemap.xml", "site/404.html"):
        assert (guide / "build" / name).read_bytes() == (fresh / "build" / name).read_bytes()
    assert "2026-01-01" in (guide / "build" / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_a_text_edit_leaves_the_other_pages_as_they_were(rebuilt: Callable[[str], tuple[Path, dict[str, int]]]) -> None:
    guide, before = rebuilt("text")  # the same rebuild the test above compares with a full build
    out = guide / "build"
    others = ["site/first-page/index.html", ".offline/site/first-page.html"]
    # 404.html and the sitemap show only the navigation and the date, which the edit left alone.
    others += [f"{site}/{name}" for site in ("site", ".offline/site") for name in ("404.html", "sitemap.xml")]
    assert [(out / name).stat().st_ino for name in others] == [before[name] for name in others]  # linked, not written
    # The projects' unchanged pages are the last build's files too; the edited one is new.
    projects = ["mkdocs/docs", ".offline/mkdocs/docs"]
    kept = [f"{docs}/{name}" for docs in projects for name in ("first-page.md", "index.md", "skills.md")]
    assert [(out / name).stat().st_ino for name in kept] == [before[name] for name in kept]
    assert [(out / docs / "activities" / "questions.md").stat().st_ino for docs in projects] != [
        before[f"{docs}/activities/questions.md"] for docs in projects
    ]
    edited = out / "site" / "activities" / "questions" / "index.html"
    assert "Look at how the group runs." in edited.read_text(encoding="utf-8")
    keys = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["keys"]
    assert {FRAME + "site", FRAME + ".offline/site"} <= set(keys)  # what the next rebuild compares
