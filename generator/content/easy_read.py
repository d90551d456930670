"""Easy Read versions: content/easy-read/*.yml -> validated EasyRead items, checked across files.

Each file is one Easy Read text: points (a short text, a picture and its description) and the
hard words it uses. The loader calls `load_easy_read` after the rest of the guide is read, so it
knows every page and activity a text may be the version of, and every picture it may name.
The rules of Easy Read writing (short sentences, one idea, pictures described) are warnings
for `guidegen check` (checks/easy_read.py), not load errors: the editor decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem
from ..render.pictures import unknown_picture_message
from .messages import did_you_mean
from .model import EasyRead
from .parse_cache import ParseCache

if TYPE_CHECKING:
    from .loader import SourceFile

FOLDER = "easy-read"  # content/easy-read/


@dataclass
class LoadedEasyRead:
    items: tuple[EasyRead, ...]
    files: list[tuple[SourceFile, EasyRead | None]]  # each file with what loaded from it
    problems: list[Problem]


def load_easy_read(root: Path, cache: ParseCache | None, pages: set[str], activities: set[str]) -> LoadedEasyRead:
    """Every content/easy-read/*.yml; version_of must name an existing page or activity, once."""
    from .loader import SourceFile, list_content_files, load_yaml_file  # the loader calls this module

    srcs = [SourceFile(root, p) for p in list_content_files(root / "content" / FOLDER, (".yml", ".yaml"))]
    loaded = [load_yaml_file(src, EasyRead, root, cache) for src in srcs]
    ids: dict[str, str] = {}
    versions: dict[str, str] = {}
    for src, item in zip(srcs, loaded, strict=True):
        if item is None:
            continue
        _check_id(src, item, ids)
        _check_version_of(src, item, versions, pages, activities)
        for index, point in enumerate(item.points):
            message = unknown_picture_message(point.picture, root / "content") if point.picture else None
            if message:
                src.problem_at(("points", index, "picture"), f"points[{index + 1}].picture", message)
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


def _check_version_of(
    src: SourceFile, item: EasyRead, seen: dict[str, str], pages: set[str], activities: set[str]
) -> None:
    target = item.version_of
    if target is None:
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
