"""A rebuild after an edit does only the changed pages' work, and gives the full build's bytes (issue 32).

Each edit is made in a built guide, which is then built again (reusing what it can: unchanged
website and offline pages, the zip's unchanged members) and compared, file by file, with a
clean build of the same content in another folder. The edits reach other pages in different
ways: an activity's text (its own page), its title (every page's menu and the links to it), a
skill's name (the pages of the activities that use it) and a support contact (every activity
page, every handout, the booklets and the e-book).
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
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    guide = tmp_path_factory.mktemp("built") / "guide"
    shutil.copytree(MINIMAL, guide)
    (guide / "content" / "support.yml").write_text(SUPPORT, encoding="utf-8")
    config = guide / "site_config.yml"  # with an address, so the sitemap lists every page with its date
    config.write_text(config.read_text(encoding="utf-8") + "site_url: https://example.org/small-guide/\n")
    build(guide, BuildOptions(quiet=True))
    return guide


@pytest.mark.parametrize("edit", EDITS)
def test_a_rebuild_after_an_edit_is_byte_identical_to_a_full_build(tmp_path: Path, built: Path, edit: str) -> None:
    guide = tmp_path / "edited"
    shutil.copytree(built, guide)
    EDITS[edit](guide)
    build(guide, BuildOptions(quiet=True))
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copy2(guide / "site_config.yml", fresh / "site_config.yml")
    shutil.copytree(guide / "content", fresh / "content")
    build(fresh, BuildOptions(quiet=True))
    rebuilt, full = snapshot(guide / "build"), snapshot(fresh / "build")
    assert sorted(rebuilt) == sorted(full)
    assert [name for name in full if rebuilt[name] != full[name]] == []


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


def test_a_text_edit_leaves_the_other_pages_as_they_were(tmp_path: Path, built: Path) -> None:
    guide = tmp_path / "edited"
    shutil.copytree(built, guide)
    out = guide / "build"
    others = [out / "site" / "first-page" / "index.html", out / ".offline" / "site" / "first-page.html"]
    # 404.html and the sitemap show only the navigation and the date, which the edit left alone.
    others += [out / site / name for site in ("site", ".offline/site") for name in ("404.html", "sitemap.xml")]
    before = [page.stat().st_ino for page in others]
    edited = out / "site" / "activities" / "questions" / "index.html"
    EDITS["text"](guide)
    build(guide, BuildOptions(quiet=True))
    assert [page.stat().st_ino for page in others] == before  # linked from the last build, not written again
    assert "Look at how the group runs." in edited.read_text(encoding="utf-8")
    keys = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["keys"]
    assert {FRAME + "site", FRAME + ".offline/site"} <= set(keys)  # what the next rebuild compares
