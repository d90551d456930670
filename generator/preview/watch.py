"""Watching the guide's files for the live preview: content/, the guide's own templates/, and
site_config.yml; temporary files editors make while saving are left out."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..render.template_files import GUIDE_TEMPLATES, PACKAGE_TEMPLATES

if TYPE_CHECKING:
    from watchfiles import Change

CONFIG = "site_config.yml"


def watch_sources(root: Path, on_change: Callable[[list[str]], None], stop: threading.Event) -> None:
    """content/ and templates/ with everything in them; the guide folder itself for site_config.yml only.

    The guide folder is watched on its own, not file by file, because many editors save by
    writing a new file and renaming it, which ends a watch on the old file.
    """
    from watchfiles import DefaultFilter

    # The guide's own templates, and the package's (when guidegen is being worked on).
    folders = [folder for folder in (root / "content", root / GUIDE_TEMPLATES, PACKAGE_TEMPLATES) if folder.is_dir()]
    if folders:
        start_thread(_watch, folders, True, DefaultFilter(), on_change, stop)
    start_thread(_watch, [root], False, lambda change, path: Path(path).name == CONFIG, on_change, stop)


def _watch(
    paths: list[Path],
    recursive: bool,
    accept: Callable[..., bool],
    on_change: Callable[[list[str]], None],
    stop: threading.Event,
) -> None:
    from watchfiles import watch

    for changes in watch(*paths, watch_filter=accept, recursive=recursive, stop_event=stop, raise_interrupt=False):
        on_change(_lasting(changes))


def _lasting(changes: set[tuple[Change, str]]) -> list[str]:
    """Changed paths without the temporary files editors and tools create and delete while saving."""
    from watchfiles import Change

    added = {path for change, path in changes if change == Change.added}
    deleted = {path for change, path in changes if change == Change.deleted}
    gone = {path for path in added & deleted if not Path(path).exists()}
    return sorted({path for _, path in changes} - gone)


def start_thread(target: Callable[..., None], *args: object) -> threading.Thread:
    thread = threading.Thread(target=target, args=args, daemon=True)
    thread.start()
    return thread
