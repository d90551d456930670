"""The preview's answer to a change: a save in the browser editor updates it at once, and only
once (the file watcher reports the same write a moment later; that is not a second change)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.preview.http import PreviewState
from generator.preview.serve import Previewer

REPO = Path(__file__).resolve().parents[2]


def _previewer(tmp_path: Path) -> tuple[Previewer, Path]:
    guide = tmp_path / "guide"
    shutil.copytree(REPO / "tests" / "samples" / "minimal", guide)
    return Previewer(guide, tmp_path / "out", PreviewState(), None), guide


def test_the_watchers_news_of_an_editor_save_is_not_a_second_update(tmp_path: Path) -> None:
    previewer, guide = _previewer(tmp_path)
    path = next((guide / "content").rglob("*.yml"))
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    previewer.changed([str(path)])
    assert previewer.dirty.is_set()  # the preview starts at once
    previewer.dirty.clear()
    previewer.changed([str(path)])
    assert not previewer.dirty.is_set()


def test_a_later_change_to_a_file_the_editor_saved_is_a_change(tmp_path: Path) -> None:
    previewer, guide = _previewer(tmp_path)
    path = next((guide / "content").rglob("*.yml"))
    previewer.changed([str(path)])
    previewer.dirty.clear()
    path.write_text(path.read_text(encoding="utf-8") + "# changed in a text editor\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))  # even within a tick
    previewer.changed([str(path)])
    assert previewer.dirty.is_set()


def test_a_file_the_editor_did_not_save_is_a_change(tmp_path: Path) -> None:
    previewer, guide = _previewer(tmp_path)
    previewer.changed([str(guide / "site_config.yml")])
    assert previewer.dirty.is_set()


def test_the_watcher_may_tell_first_and_the_editors_news_is_then_the_echo(tmp_path: Path) -> None:
    previewer, guide = _previewer(tmp_path)
    path = next((guide / "content").rglob("*.yml"))
    previewer.changed([str(path)])  # the watcher, on a busy machine, before the API's thread
    previewer.dirty.clear()
    previewer.changed([str(path)])
    assert not previewer.dirty.is_set()


def test_a_deleted_file_is_a_change_once(tmp_path: Path) -> None:
    previewer, guide = _previewer(tmp_path)
    path = next((guide / "content").rglob("*.yml"))
    path.unlink()
    previewer.changed([str(path)])
    assert previewer.dirty.is_set()
    previewer.dirty.clear()
    previewer.changed([str(path)])
    assert not previewer.dirty.is_set()


def test_a_second_save_of_the_same_length_within_one_clock_tick_is_a_change(tmp_path: Path) -> None:
    """A file system's clock can be coarse (a second on some): two saves of the same length to the
    same file may leave it with the same time, size and inode. The second is still a change."""
    previewer, guide = _previewer(tmp_path)
    path = guide / "content" / "activities" / "circles.yml"
    text = path.read_text(encoding="utf-8")
    previewer.changed([str(path)])
    previewer.dirty.clear()
    before = path.stat()
    path.write_text(text.replace("matters most", "matters MOST", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # saved within the same tick
    assert (path.stat().st_size, path.stat().st_ino) == (before.st_size, before.st_ino)
    previewer.changed([str(path)])
    assert previewer.dirty.is_set()
