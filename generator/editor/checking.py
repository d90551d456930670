"""Would the guide still pass `guidegen check` with these files changed? Asked before any save.

The change is tried on a copy of the guide (site_config.yml and content/, hard links where the
disk allows, so a large guide costs little), with the same loader and the same translation
checks as `guidegen check`: an id used twice, a link to a page that is not there, a translation
whose list no longer matches the source are found in context, not only in the one file. Paths
in the problems are relative to the guide, as `check` prints them. Files in the copy are
replaced by unlinking first: a hard link is never written through.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..content.loader import load_guide
from ..content.model import Guide
from ..content.parse_cache import ParseCache
from ..content.translations import check_translations
from ..errors import ContentError, Problem
from .collections import CONFIG_FILE

Changes = dict[str, bytes | None]  # path relative to the guide -> new bytes, or None to delete


class Checker:
    """Checks changes against the guide at root; keeps the parse cache between saves.

    known: what YAML texts parsed to elsewhere (the preview's own loads), so the first check of
    a large guide does not parse every file again (35 s at 500 activities on a busy machine).
    """

    def __init__(self, root: Path, known: Callable[[], dict[str, Any]] | None = None) -> None:
        self.root = root
        self.known = known or dict
        self._entries: dict[str, Any] = {}
        self._lock = threading.Lock()  # one check at a time: they share the cache

    def problems(self, changes: Changes) -> list[Problem]:
        with self._lock, tempfile.TemporaryDirectory(prefix="guidegen-editor-") as folder:
            copy = Path(folder) / "guide"
            _mirror(self.root, copy)
            for rel, data in changes.items():
                _replace(copy / rel, data)
            cache = ParseCache({**self.known(), **self._entries})
            try:
                guide = load_guide(copy, parse_cache=cache)
                errors = check_translations(guide)[0]
            except ContentError as error:
                errors = list(error.problems)
            finally:
                self._entries = cache.entries_used()
            return errors

    def guide(self) -> Guide | None:
        """The guide as it is on disk now (the translations' hints are its words), or None
        while it has a problem; parsed with what the checks parsed."""
        with self._lock:
            cache = ParseCache({**self.known(), **self._entries})
            try:
                return load_guide(self.root, parse_cache=cache)
            except ContentError:
                return None
            finally:
                self._entries = cache.entries_used()


def _mirror(root: Path, copy: Path) -> None:
    copy.mkdir()
    if (root / CONFIG_FILE).exists() or (root / CONFIG_FILE).is_symlink():
        _link_or_copy(root / CONFIG_FILE, copy / CONFIG_FILE)
    if (root / "content").is_dir():
        shutil.copytree(root / "content", copy / "content", symlinks=True, copy_function=_link_or_copy)


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    if Path(source).is_symlink():
        os.symlink(os.readlink(source), target)  # the loader reports links as it would in the guide
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _replace(path: Path, data: bytes | None) -> None:
    if path.is_symlink() or path.exists():
        path.unlink()
    if data is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
