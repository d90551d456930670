"""Easy Read versions: content/easy-read/*.yml -> validated EasyRead items, checked across files.

Each file is one Easy Read text: points (a short text, a picture and its description) and the
hard words it uses. The loader calls `load_easy_read` after the rest of the guide is read, so it
knows every page and activity a text may be the version of, and every picture it may name.
The rules of Easy Read writing (short sentences, one idea, pictures described) are warnings
for `guidegen check` (checks/easy_read.py), not load errors: the editor decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from .model import EASY_READ_OF, PICTURE_NAME, EasyRead, as_data
from .parse_cache import ParseCache
from .pictures import unknown_picture_message
from .problem_text import did_you_mean
from .source_file import SourceFile, listing, load_yaml_model

FOLDER = "easy-read"  # content/easy-read/
# What the model accepts: anything else has its own problem from the model already.
VERSION_OF, PICTURE = re.compile(EASY_READ_OF), re.compile(PICTURE_NAME)


@dataclass
class LoadedEasyRead:
    items: tuple[EasyRead, ...]
    files: list[tuple[SourceFile, EasyRead | None]]  # each file with what loaded from it
    problems: list[Problem]


def load_easy_read(root: Path, cache: ParseCache | None, pages: set[str], activities: set[str]) -> LoadedEasyRead:
    """Every content/easy-read/*.yml; version_of must name an existing page or activity, once."""
    srcs = [SourceFile(root, p) for p in listing(root / "content" / FOLDER, (".yml", ".yaml"))]
    loaded = [load_yaml_model(src, EasyRead, root, cache) for src in srcs]
    ids: dict[str, str] = {}
    versions: dict[str, str] = {}
    for src, item in zip(srcs, loaded, strict=True):
        if item is not None:
            _check_id(src, item, ids)
        # a file with other problems is checked too, from what it holds, so every problem comes in one run
        data = as_data(item) if item is not None else src.data
        if isinstance(data, dict):
            _check_version_of(src, data.get("version_of"), versions, pages, activities)
            _check_pictures(src, data.get("points"), root)
    items = tuple(sorted((i for i in loaded if i), key=lambda i: (i.order, i.id)))
    problems = [p for src in srcs for p in src.collector.problems]
    return LoadedEasyRead(items, list(zip(srcs, loaded, strict=True)), problems)


def _check_id(src: SourceFile, item: EasyRead, seen: dict[str, str]) -> None:
    if src.path.stem != item.id:
        message = (
            f"'{item.id}' is not the file's name '{src.path.name}': they must match, so rename the file "
            f"to {item.id}{src.path.suffix} (or set id: {src.path.stem})"
        )
        src.problem_at(("id",), "id", message)
    elif item.id in seen:
        src.problem_at(("id",), "id", f"'{item.id}' is already the id of {seen[item.id]}; choose another id")
    seen.setdefault(item.id, src.rel)


def _check_pictures(src: SourceFile, points: object, root: Path) -> None:
    for index, point in enumerate(points if isinstance(points, list | tuple) else ()):
        picture = point.get("picture") if isinstance(point, dict) else None
        if not isinstance(picture, str) or not PICTURE.match(picture):
            continue  # no picture (check warns), or one the model reports itself
        message = unknown_picture_message(picture, root / "content")
        if message:
            src.problem_at(("points", index, "picture"), f"points[{index + 1}].picture", message)


def _check_version_of(
    src: SourceFile, target: object, seen: dict[str, str], pages: set[str], activities: set[str]
) -> None:
    if not isinstance(target, str) or not VERSION_OF.match(target):
        return
    kind, _, ident = target.partition(":")
    known = {"page": pages, "activity": activities}.get(kind)
    if known is not None and ident not in known:
        where = "content/pages/" if kind == "page" else "content/activities/"
        message = f"there is no {kind} with id '{ident}' in {where}.{did_you_mean(ident, known)}"
        src.problem_at(("version_of",), "version_of", message)
    elif target in seen:
        message = f"{seen[target]} is already the Easy Read version of {target}; give each page one version"
        src.problem_at(("version_of",), "version_of", message)
    seen.setdefault(target, src.rel)


def easy_read_for(items: tuple[EasyRead, ...], target: str) -> EasyRead | None:
    """The Easy Read version of "home", "page:ID" or "activity:ID", if the guide has one."""
    return next((item for item in items if item.version_of == target), None)
