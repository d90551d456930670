"""The files in content/assets/: which ones the guide uses, and SVGs checked for anything hostile.

Only assets the guide refers to are published (an unused file is not put on the website,
where it could be opened directly); every SVG is checked, used or not, so an editor learns
about a hostile file before anyone links it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..common.versions import installed_version
from ..errors import Problem
from .model import Guide
from .parse_cache import ParseCache

ASSETS = "assets"
# The SVG check's code: its problems are remembered by it, lxml's version and the file's bytes.
_SVG_CODE = Path(__file__).resolve().parent.parent / "common" / "svg.py"


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


def svg_problems(root: Path, store: ParseCache | None = None) -> list[Problem]:
    """file:line problems for every SVG in content/assets/ that carries script or outside references.

    store: a parse cache remembering each SVG's problems by its bytes and the checking code, so
    a warm check need not import lxml."""
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
        for line, field, message in _svg_file_problems(data, store):
            source = lines[line - 1] if 0 < line <= len(lines) else ""
            found.append(Problem(rel, line, 1, field, message, source))
    return found


def _svg_file_problems(data: bytes, store: ParseCache | None) -> list[tuple[int, str, str]]:
    code = _SVG_CODE.read_bytes() + installed_version("lxml", "lxml").encode()
    key = "svg\0" + hashlib.sha256(code + b"\0" + data).hexdigest()
    found = store.fact(key) if store is not None else None
    if isinstance(found, list) and all(isinstance(p, list) and len(p) == 3 for p in found):
        return [(int(line), str(field), str(message)) for line, field, message in found]
    from ..common import svg  # lxml: imported only when there is an SVG to check

    problems = [(p.line, p.field, p.message) for p in svg.problems(data)]
    if store is not None:
        store.put_fact(key, [list(p) for p in problems])
    return problems


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
