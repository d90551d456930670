"""What YAML texts parsed to last time, so a rebuild parses only the files that changed.

Parsing is most of the cost of loading a large guide (about 4 s for 500 activities), and
ruamel.yaml keeps positions the build only needs for a message. The cache maps the SHA-256 of
a text to its plain data (dicts, lists, strings, numbers, and dates in a tagged form: support.yml's
`checked:` dates would otherwise make it parsed on every check); when a cached file has a problem,
the loader parses it again for the line and column. Its file lives in build/ and is replaced
with it, so a failed build leaves the last good one. Anything unexpected in it is ignored.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..common.versions import installed_version

if TYPE_CHECKING:
    from .model_cache import ModelCache

CACHE_FILE = ".guidegen-yaml-cache.json"
_YAMLREAD = Path(__file__).with_name("reader.py")
_FORMAT = b"2"  # 2: dates tagged
_DATE = "\x00date"  # a key YAML text would need an escape to spell: data holding one is not cached


class _Uncacheable(Exception):
    pass


def _version() -> str:
    """Changes whenever the parsing could: another ruamel.yaml, or our reader's code."""
    return hashlib.sha256(
        _FORMAT + installed_version("ruamel.yaml", "ruamel.yaml").encode() + _YAMLREAD.read_bytes()
    ).hexdigest()


class ParseCache:
    """Also keeps facts other slow readers found in files (JSON values, by a digest of what they
    depend on): which letters a font file can draw, an SVG's problems, a language's direction."""

    def __init__(self, entries: dict[str, Any] | None = None, facts: dict[str, Any] | None = None) -> None:
        self._old = entries or {}
        self._used: dict[str, Any] = {}
        self._facts_old = facts or {}
        self._facts_used: dict[str, Any] = {}
        # Validated models too, where a caller keeps them (only `check`: content/model_cache.py).
        self.models: ModelCache | None = None

    @classmethod
    def read(cls, folder: Path) -> ParseCache:
        try:
            data = json.loads((folder / CACHE_FILE).read_text(encoding="utf-8"))
            if data.get("version") == _version() and isinstance(data.get("entries"), dict):
                facts = data.get("facts")
                return cls(data["entries"], facts if isinstance(facts, dict) else None)
        except (OSError, ValueError, AttributeError):
            pass
        return cls()

    def get(self, text: str) -> Any | None:
        key = _key(text)
        found = self._old.get(key)
        if isinstance(found, dict):
            try:
                data = _decode(found)
            except (TypeError, ValueError):
                return None
            self._used[key] = found
            return data
        return None

    def put(self, text: str, data: Any) -> None:
        try:
            stored = _encode(data)
            json.dumps(stored)  # other types JSON cannot keep are simply not cached
        except (TypeError, ValueError, _Uncacheable):
            return
        self._used[_key(text)] = stored

    def fact(self, key: str) -> Any | None:
        """What put_fact kept under key last time (None if nothing): the caller checks its shape."""
        found = self._facts_old.get(key)
        if found is not None:
            self._facts_used[key] = found
        return found

    def put_fact(self, key: str, value: Any) -> None:
        self._facts_used[key] = value

    def entries_used(self) -> dict[str, Any]:
        """What this load used: the cache for the next load in the same process (the preview)."""
        return dict(self._used)

    def write(self, folder: Path) -> None:
        write_cache(folder, self.text())

    def text(self) -> str:
        """Only the texts of this build: the cache never grows past the guide."""
        data = {"version": _version(), "entries": dict(sorted(self._used.items())), "facts": self._facts_used}
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


def write_cache(folder: Path, text: str) -> None:
    """Keep a cache's text (ParseCache.text), made in another process, for the next build."""
    (folder / CACHE_FILE).write_text(text, encoding="utf-8")


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _encode(data: Any) -> Any:
    if isinstance(data, dict):
        if any(str(key).startswith("\x00") for key in data):
            raise _Uncacheable
        return {key: _encode(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_encode(item) for item in data]
    if type(data) is date:  # exactly: a datetime (or ruamel's TimeStamp) is left uncached
        return {_DATE: data.isoformat()}
    return data


def _decode(data: Any) -> Any:
    if isinstance(data, dict):
        if len(data) == 1 and _DATE in data:
            return date.fromisoformat(data[_DATE])
        return {key: _decode(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_decode(item) for item in data]
    return data
