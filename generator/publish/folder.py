"""`guidegen publish folder DIR`: the website as a plain folder, for any web server or Netlify Drop.

DIR is made to match the build exactly (new files copied, changed ones replaced, files the site
no longer has removed). It must be new, empty, or a folder guidegen published to before: a
marker file says so, so a mistyped DIR never loses someone's other files.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

from .changes import Changes
from .source import BuiltSite, PublishError

MARKER = ".guidegen-published"  # in DIR: guidegen may replace what is here


def _digests(folder: Path, names: list[str]) -> dict[str, str]:
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in names}


def _existing(dest: Path) -> dict[str, str]:
    if not dest.exists():
        return {}
    if not dest.is_dir():
        raise PublishError(f"{dest} is a file, not a folder: choose a folder to publish into")
    names = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file() or p.is_symlink())
    names = [name for name in names if name != MARKER]
    if names and not (dest / MARKER).is_file():
        raise PublishError(
            f"{dest} already holds files that guidegen did not publish, and publishing replaces the folder's "
            "contents: choose a new or empty folder"
        )
    return _digests(dest, names)


def publish_folder(site: BuiltSite, dest: Path, *, dry_run: bool, say: Callable[[str], None]) -> Changes:
    """Make dest hold exactly the built website; with dry_run only say what would change."""
    dest = dest.resolve()
    if dest.is_relative_to(site.folder) or site.folder.is_relative_to(dest):
        raise PublishError(f"{dest} overlaps the build folder {site.folder}: choose a folder outside it")
    changes = Changes.between(_digests(site.folder, site.files()), _existing(dest))
    say(f"Publishing {site.folder} to {dest}: {changes.summary()}")
    if dry_run:
        for line in changes.listing():
            say(line)
        return changes
    dest.mkdir(parents=True, exist_ok=True)
    (dest / MARKER).write_text("This folder is published by guidegen; it replaces what is here.\n", encoding="utf-8")
    for name in changes.removed:
        (dest / name).unlink()
    for name in changes.added + changes.changed:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)  # never write through a link into someone else's file
        shutil.copyfile(site.folder / name, target)
    _remove_empty_folders(dest)
    return changes


def _remove_empty_folders(dest: Path) -> None:
    for folder in sorted((p for p in dest.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
