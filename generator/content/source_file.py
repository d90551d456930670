"""One content file as every loader reads it: its path for messages, its problems, its YAML tree.

Shared by content/loader.py and the loaders of the other content folders (content/sessions/,
content/easy-read/, content/translations/), which the loader calls: they import this module,
never the loader.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import ProblemCollector
from .model import RENAMED_SETTINGS
from .parse_cache import ParseCache
from .problem_text import describe, field_label, yaml_loc
from .reader import Unreadable, parse_yaml, plain, position, read_text

M = TypeVar("M", bound=BaseModel)


class SourceFile:
    """One content file: its path for messages, its collector and its YAML tree."""

    def __init__(self, root: Path, path: Path) -> None:
        self.path = path
        self.rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        self.collector = ProblemCollector(self.rel)
        self._node: Any = None
        self._unparsed: str | None = None  # text whose parse came from the cache: parsed again if asked
        self._text: str | None = None  # the YAML text parsed() was given, and its cache, which
        self._cache: ParseCache | None = None  # also remembers the positions asked for
        self.data: Any = None  # the plain data read, kept for cross-checks of a file that failed validation
        self.body: tuple[str, int] | None = None  # a page's Markdown and its first line
        self.line_offset = 0

    @property
    def node(self) -> Any:
        """The ruamel tree with positions (parsed now if the data came from the parse cache)."""
        if self._node is None and self._unparsed is not None:
            self._node = parse_yaml(self._unparsed, ProblemCollector(self.rel), self.line_offset)
            self._unparsed = None
        return self._node

    @node.setter
    def node(self, value: Any) -> None:
        self._node = value

    @property
    def from_cache(self) -> bool:
        """Its data came from the parse cache and its tree (the positions) is not parsed yet."""
        return self._node is None and self._unparsed is not None

    def position(self, loc: tuple[str | int, ...]) -> tuple[int, int]:
        """reader.position in node; remembered in the parse cache, so a warm check need not parse
        the file again for a message it always prints (site_url's publishing note)."""
        if self._text is None or self._cache is None:
            return position(self.node, loc)
        key = "position\0" + json.dumps([hashlib.sha256(self._text.encode()).hexdigest(), self.line_offset, loc])
        found = self._cache.fact(key)
        if isinstance(found, list) and len(found) == 2 and all(type(n) is int for n in found):
            return found[0], found[1]
        line, column = position(self.node, loc)
        self._cache.put_fact(key, [line, column])
        return line, column

    def parsed(self, text: str, cache: ParseCache | None) -> Any:
        """Plain data of a YAML text: from the cache, or parsed (problems go to the collector)."""
        self._text, self._cache = text, cache
        cached = cache.get(text) if cache is not None else None
        if cached is not None:
            self._unparsed = text
            self.data = cached
            return cached
        self.node = parse_yaml(text, self.collector, self.line_offset)
        if not isinstance(self.node, dict):
            return self.node
        data = self.data = plain(self.node)
        if cache is not None:
            cache.put(text, data)
        return data

    def problem_at(self, loc: tuple[str | int, ...], field: str, message: str) -> None:
        line, column = position(self.node, _as_written(self.node, loc))
        self.collector.add(line + self.line_offset, column, field, message)

    def validate(self, model: type[M], data: Any) -> M | None:
        models = self._cache.models if self._cache is not None else None
        found = models.get(model, data) if models is not None else None
        if found is not None:
            return found
        try:
            valid = model.model_validate(data)
            if models is not None:
                models.put(model, data, valid)
            return valid
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            inner = [tuple(e["loc"]) for e in errors]
            for error in errors:
                loc = tuple(error["loc"])
                if error["type"] == "too_short" and any(o[: len(loc)] == loc and o != loc for o in inner):
                    continue  # pydantic also calls a list "too short" when one of its items failed
                where = loc
                if error["type"] == "missing" and loc and isinstance(loc[-1], int):
                    where = loc[:-1]  # a fixed-length list that is too short: point at the list, say its length
                    error = {**error, "input": _value_at(data, yaml_loc(where))}
                elif error["type"] == "union_tag_invalid":
                    where = (*loc, "kind")  # the line that names the unknown kind
                self.problem_at(yaml_loc(where), field_label(where), describe(error, model))
            return None

    def made(self, model: type[M], **fields: Any) -> M:
        """model(**fields), from the model cache when these fields were validated before (a page
        made of its front matter and body): ValidationError is raised as model() raises it."""
        models = self._cache.models if self._cache is not None else None
        found = models.get(model, fields) if models is not None else None
        if found is None:
            found = model(**fields)
            if models is not None:
                models.put(model, fields, found)
        return found


def _as_written(node: Any, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """loc with a renamed setting's old name, where the file still uses it (model.RENAMED_SETTINGS)."""
    old = {new: name for name, new in RENAMED_SETTINGS.items()}.get(str(loc[0])) if loc else None
    if old and isinstance(node, dict) and loc[0] not in node and old in node:
        return (old, *loc[1:])
    return loc


def _value_at(data: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        found = part in data if isinstance(data, dict) else isinstance(part, int) and part < len(data or ())
        if not found or not isinstance(data, dict | list):
            return None
        data = data[part]  # type: ignore[index]
    return data


def listing(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in suffixes and not p.name.startswith("."))


def read_inside(src: SourceFile, root: Path) -> str | None:
    """The file's text, or None (with a problem recorded) if missing or unsafe."""
    if not src.path.exists() and not src.path.is_symlink():
        src.collector.add(1, 1, "file", "is missing; every guide needs this file (see docs/content-format.md)")
        return None
    if not src.path.resolve().is_relative_to(root):
        src.collector.add(1, 1, "file", "points outside the guide's folder; copy the real file into content/")
        return None
    try:
        return read_text(src.path, src.collector)
    except Unreadable:
        return None


def load_yaml_model(src: SourceFile, model: type[M], root: Path, cache: ParseCache | None) -> M | None:
    text = read_inside(src, root)
    if text is None:
        return None
    if not text.strip() or all(line.lstrip().startswith("#") for line in text.splitlines() if line.strip()):
        src.collector.add(1, 1, "file", "is empty; fill it in or delete it")
        return None
    try:
        data = src.parsed(text, cache)
    except Unreadable:
        return None
    if not isinstance(data, dict):
        src.collector.add(1, 1, "file", "should be a list of 'key: value' lines at the top level")
        return None
    return src.validate(model, data)
