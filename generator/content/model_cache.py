"""The models validated from each file's data last time, so a warm `guidegen check` builds no validator.

pydantic builds a model's validator when the model is first validated (the models defer it:
model.py), and building those of the whole content model cost about a sixth of a warm check's
CPU time (0.06 of 0.37 s on the default guide), to validate data that had not changed. This
cache maps a digest of (model, data) to the validated model, pickled: unpickling sets the
fields without a validator. Only a valid result is kept; data that fails is validated again
every time, so its problems are reported with their line and column as before.

It lives in the user's cache folder beside `check`'s remembered warnings (checks/remembered.py),
never in the guide or in build/: a pickle runs code when read, so it is read only from where
nobody but the user writes. The key of the whole file changes with the code validation runs
(content/ and common/, the interface's message catalogues) and with pydantic's version, so an
upgrade or an edit of a validator starts it afresh. Anything unreadable in it is ignored.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from ..common.versions import installed_version

FILE = "validated-models.pickle"
PACKAGE = Path(__file__).resolve().parents[1]

M = TypeVar("M")


@cache
def code_digest() -> str:
    """Changes with what a validation's result can depend on besides the data."""
    h = hashlib.sha256(sys.version.encode())
    for name in ("pydantic", "pydantic_core"):
        h.update(installed_version(name, name).encode() + b"\0")
    paths = [*(PACKAGE / "content").glob("*.py"), *(PACKAGE / "common").glob("*.py"), *PACKAGE.glob("locale/*/*/*.po")]
    for path in sorted(paths):
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _key(model: type, data: Any) -> str:
    # repr, not JSON: a date and the text of that date validate differently, and repr tells them apart.
    return hashlib.sha256(f"{model.__module__}.{model.__qualname__}\0{_in_order(data)!r}".encode()).hexdigest()


def _in_order(data: Any) -> Any:
    """Mappings by their keys' order: the parse cache keeps keys sorted, a fresh parse as written."""
    if isinstance(data, dict):
        return ("\0dict", sorted(((key, _in_order(value)) for key, value in data.items()), key=lambda kv: repr(kv[0])))
    if isinstance(data, list | tuple):
        return type(data)(_in_order(item) for item in data)
    return data


class ModelCache:
    def __init__(self, entries: dict[str, Any] | None = None) -> None:
        self._old = entries or {}
        self._used: dict[str, Any] = {}

    @classmethod
    def read(cls, folder: Path) -> ModelCache:
        try:
            stored = pickle.loads((folder / FILE).read_bytes())
            if isinstance(stored, dict) and stored.get("code") == code_digest():
                entries = stored.get("entries")
                return cls(entries if isinstance(entries, dict) else None)
        except Exception:  # an older pickle whose classes are gone, a truncated file: start afresh
            pass
        return cls()

    def get(self, model: type[M], data: Any) -> M | None:
        key = _key(model, data)
        found = self._old.get(key)
        if type(found) is not model:
            return None
        self._used[key] = found
        return found

    def put(self, model: type[M], data: Any, value: M) -> None:
        self._used[_key(model, data)] = value

    def write(self, folder: Path) -> None:
        """Only this check's models, so the cache never grows past the guide; unchanged, not written."""
        if self._used.keys() == self._old.keys():
            return
        data = pickle.dumps({"code": code_digest(), "entries": self._used}, protocol=pickle.HIGHEST_PROTOCOL)
        temporary = folder / f"{FILE}.{id(self)}.tmp"
        temporary.write_bytes(data)
        temporary.replace(folder / FILE)
