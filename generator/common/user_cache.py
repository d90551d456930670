"""The user's own cache folder for guidegen: $XDG_CACHE_HOME/guidegen (~/.cache when unset).

What is kept there only ever saves time (fonts decoded or merged, compiled templates, what
`check` found last time): never in the guide or build/, so neither depends on who built it.
A reader must treat anything found there as possibly damaged or missing.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


def user_cache(*parts: str) -> Path:
    """$XDG_CACHE_HOME/guidegen/<parts>, not made: the caller makes what it writes."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base.joinpath("guidegen", *parts)


def private_folder(*parts: str) -> Path | None:
    """user_cache(*parts), made and only ours (mode 0700), for files that are run when read
    (compiled templates); None when it cannot be made, or someone else owns it or may write to it."""
    folder = user_cache(*parts)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        found = folder.lstat()
    except OSError:
        return None
    mine = found.st_uid == os.getuid() and stat.S_ISDIR(found.st_mode)
    return folder if mine and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH) else None


def keep(path: Path, data: bytes) -> None:
    """Write data to path whole or not at all (a build killed meanwhile, or another worker keeping
    the same file, leaves no half a file); nothing is raised when it cannot be kept."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
