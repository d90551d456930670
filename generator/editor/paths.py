"""Which files the editor's API may read and write: site_config.yml and files under content/.

A path comes from the browser, so it is checked as text first (relative, no `..`, no hidden
parts, no backslash or NUL) and then on disk: no part of it may be a symbolic link, so nothing
outside the guide is ever read or replaced through one.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .collections import CONFIG_FILE

CONTENT = "content"
ASSETS = "content/assets"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")
MAX_PATH = 300


class Refused(Exception):
    """A request the editor does not carry out, with the HTTP status and a plain reason."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)


def guide_file(root: Path, rel: object, *, media: bool = False) -> Path:
    """The file at rel inside the guide, if the editor may touch it; else Refused (403)."""
    if not isinstance(rel, str) or not rel or len(rel) > MAX_PATH or "\\" in rel or "\0" in rel:
        raise Refused(403, "The editor can only open files of this guide.")
    parts = PurePosixPath(rel).parts
    if rel.startswith("/") or any(part in ("..", ".") or part.startswith(".") for part in parts):
        raise Refused(403, f"'{rel[:80]}' is not a file of this guide's content.")
    if media and not (rel.startswith(ASSETS + "/") and rel.lower().endswith(IMAGE_SUFFIXES)):
        raise Refused(403, f"Images go in {ASSETS}/ as PNG, JPEG, GIF, WebP or SVG; '{rel[:80]}' is not one.")
    if rel != CONFIG_FILE and parts[0] != CONTENT:
        raise Refused(403, f"The editor only changes {CONFIG_FILE} and files in {CONTENT}/.")
    _no_links(root, parts)
    return root / rel


def guide_folder(root: Path, rel: object) -> Path:
    """A folder under content/ the editor may list."""
    if not isinstance(rel, str) or not (rel == CONTENT or rel.startswith(CONTENT + "/")):
        raise Refused(403, f"The editor only lists folders in {CONTENT}/.")
    guide_file(root, rel)
    return root / rel


def _no_links(root: Path, parts: tuple[str, ...]) -> None:
    here = root
    for part in parts:
        here = here / part
        if here.is_symlink():
            raise Refused(403, f"'{'/'.join(parts)[:80]}' goes through a link; the editor only changes real files.")
    if not here.resolve().is_relative_to(root.resolve()):
        raise Refused(403, "The editor can only open files of this guide.")
