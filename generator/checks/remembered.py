"""The last check's warnings per file, so `guidegen check` reads again only what changed.

The warnings need the line and column of every word, so every YAML file had to be parsed
with positions on every check (about 2 s at 100 activities). A file's warnings depend only on
its own text, the guide's settings and guidegen's own code, so they are kept by a digest of
those three, with the YAML parse cache, in the user's cache folder (never in the guide or in
build/, which belongs to the build). Anything unreadable there is ignored: the cache only
ever saves time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import astuple
from functools import cache
from pathlib import Path

from .. import __version__
from ..common.user_cache import user_cache
from ..common.versions import installed_version
from ..content.model_cache import ModelCache
from ..content.parse_cache import ParseCache
from ..errors import Problem

FILE = "check-warnings.json"
PACKAGE = Path(__file__).resolve().parents[1]


def cache_folder(root: Path) -> Path:
    """$XDG_CACHE_HOME/guidegen/<digest of the guide's folder> (~/.cache when unset)."""
    return user_cache(hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20])


@cache
def code_digest() -> str:
    """Changes with guidegen's version, its checks' code and word list, or ruamel.yaml."""
    h = hashlib.sha256(f"{__version__} {installed_version('ruamel.yaml', 'ruamel.yaml')}".encode())
    for path in sorted(
        [*(PACKAGE / "checks").glob("*.py"), *(PACKAGE / "data").glob("*"), *(PACKAGE / "content").glob("*.py")]
    ):
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


class RememberedWarnings:
    def __init__(self, folder: Path, entries: dict[str, list[list[object]]] | None = None) -> None:
        self.folder = folder
        self.parse_cache = ParseCache.read(folder)
        self.parse_cache.models = ModelCache.read(folder)
        self._old = entries or {}
        self._new: dict[str, list[list[object]]] = {}

    @classmethod
    def read(cls, folder: Path) -> RememberedWarnings:
        try:
            data = json.loads((folder / FILE).read_text(encoding="utf-8"))
            if data.get("code") == code_digest() and isinstance(data.get("files"), dict):
                return cls(folder, data["files"])
        except (OSError, ValueError, AttributeError):
            pass
        return cls(folder)

    def get(self, key: str) -> list[Problem] | None:
        found = self._old.get(key)
        if not isinstance(found, list):
            return None
        try:
            problems = [Problem(*fields) for fields in found]  # type: ignore[arg-type]
        except TypeError:
            return None
        self._new[key] = found
        return problems

    def put(self, key: str, problems: list[Problem]) -> None:
        self._new[key] = [list(astuple(problem)) for problem in problems]

    def write(self) -> None:
        """Only this check's files, so the cache never grows past the guide; best effort."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.parse_cache.write(self.folder)
            if self.parse_cache.models is not None:
                self.parse_cache.models.write(self.folder)
            data = {"code": code_digest(), "files": dict(sorted(self._new.items()))}
            (self.folder / FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # a read-only home folder only means the next check is not quicker


def file_key(path: str, lines: tuple[str, ...], settings: str) -> str:
    """One file's warnings depend on its path, its text and the guide's settings."""
    return hashlib.sha256("\0".join((path, settings, *lines)).encode("utf-8")).hexdigest()
