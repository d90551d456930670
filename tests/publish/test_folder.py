"""`guidegen publish folder DIR` (publish/folder.py): DIR made to match the build, never someone's other files."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.publish.folder import MARKER, publish_folder
from generator.publish.source import BuiltSite, PublishError


def built(tmp_path: Path, files: dict[str, str]) -> BuiltSite:
    folder = tmp_path / "build" / "site"
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return BuiltSite(tmp_path / "guide", folder, "0" * 64)


def contents(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()}


def test_the_folder_ends_up_holding_exactly_the_site(tmp_path: Path) -> None:
    site = built(tmp_path, {"index.html": "home", "old/index.html": "old page"})
    dest, said = tmp_path / "public", []
    publish_folder(site, dest, dry_run=False, say=said.append)
    (site.folder / "old" / "index.html").unlink()
    (site.folder / "index.html").write_text("new home", encoding="utf-8")
    changes = publish_folder(site, dest, dry_run=False, say=said.append)
    assert (changes.changed, changes.removed) == (["index.html"], ["old/index.html"])
    assert contents(dest) == {"index.html": "new home", MARKER: (dest / MARKER).read_text(encoding="utf-8")}
    assert not (dest / "old").exists()  # an emptied folder goes too
    assert said[0].startswith(f"Publishing {site.folder} to {dest.resolve()}: ")


def test_a_dry_run_says_what_would_change_and_writes_nothing(tmp_path: Path) -> None:
    site = built(tmp_path, {"index.html": "home"})
    said: list[str] = []
    changes = publish_folder(site, tmp_path / "public", dry_run=True, say=said.append)
    assert changes.added == ["index.html"] and len(said) > 1 and not (tmp_path / "public").exists()


def test_a_folder_of_other_files_or_one_overlapping_the_build_is_refused(tmp_path: Path) -> None:
    site = built(tmp_path, {"index.html": "home"})
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "thesis.docx").write_text("years of work", encoding="utf-8")
    with pytest.raises(PublishError, match="already holds files that guidegen did not publish"):
        publish_folder(site, theirs, dry_run=False, say=print)
    assert contents(theirs) == {"thesis.docx": "years of work"}
    with pytest.raises(PublishError, match="overlaps the build folder"):
        publish_folder(site, tmp_path / "build", dry_run=False, say=print)
