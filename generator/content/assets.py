"""The files in content/assets/: which ones the guide uses, and SVGs checked for anything hostile.

Only assets the guide refers to are published (an unused file is not put on the website,
where it could be opened directly); every SVG is checked, used or not, so an editor learns
about a hostile file before anyone links it.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from .model import Guide

ASSETS = "assets"


def asset_files(content_dir: Path) -> list[Path]:
    """Regular files inside content/assets/ (no hidden files, no symlinks, nothing outside)."""
    source = content_dir / ASSETS
    if not source.is_dir():
        return []
    root = source.resolve()
    found = []
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        hidden = any(part.startswith(".") for part in rel.parts)
        if hidden or path.is_symlink() or not path.is_file() or not path.resolve().is_relative_to(root):
            continue
        found.append(path)
    return found


def used_assets(guide: Guide) -> set[str]:
    """Names (relative to content/assets/) that the guide's pages, activities or settings mention."""
    text = guide.model_dump_json()
    source = guide.content_dir / ASSETS
    names = {path.relative_to(source).as_posix() for path in asset_files(guide.content_dir)}
    return {name for name in names if f"{ASSETS}/{name}" in text}


def svg_problems(root: Path) -> list[Problem]:
    """file:line problems for every SVG in content/assets/ that carries script or outside references."""
    from ..common import svg  # lxml: imported only when there is an SVG to check

    found = []
    for path in asset_files(root / "content"):
        if path.suffix.lower() != ".svg":
            continue
        rel = path.relative_to(root).as_posix()
        try:
            data = path.read_bytes()
        except OSError as error:
            found.append(Problem(rel, 1, 1, "file", f"cannot be read ({(error.strerror or '').lower()})"))
            continue
        lines = data.decode("utf-8", errors="replace").splitlines()
        for problem in svg.problems(data):
            source = lines[problem.line - 1] if 0 < problem.line <= len(lines) else ""
            found.append(Problem(rel, problem.line, 1, problem.field, problem.message, source))
    return found


def file_name_problems(root: Path) -> list[Problem]:
    """Names under content/ that are not UTF-8 (files unpacked from an old zip, say): every
    later step needs a name it can write into a web address, a manifest or a message."""
    found = []
    for path in sorted((root / "content").rglob("*")):
        rel = path.relative_to(root).as_posix()
        try:
            rel.encode("utf-8")
        except UnicodeEncodeError:
            shown = rel.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")
            message = "is not written in UTF-8 (a file from an old zip, perhaps); rename it with plain letters"
            found.append(Problem(shown, 1, 1, "file name", message))
    return found
