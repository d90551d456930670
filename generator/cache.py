"""What the previous build made, and from which inputs, so unchanged outputs are reused.

Each output gets a key: a hash of everything it is made from (its HTML or MkDocs project,
the templates, fonts and images it can read, the generator's version). The keys are stored
in build/.guidegen-manifest.json; a rebuild copies an output from the previous build/
when its key is unchanged, and renders it otherwise.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import __version__

MANIFEST = ".guidegen-manifest.json"


def digest_bytes(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def digest_tree(*folders: Path) -> str:
    """Hash of every file's relative path and bytes below the folders (absolute paths excluded)."""
    h = hashlib.sha256()
    for index, folder in enumerate(folders):
        if not folder.exists():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(f"{index}:{path.relative_to(folder).as_posix()}\0".encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def engine_versions() -> str:
    """Versions of the engines, read without importing them."""
    names = ("weasyprint", "mkdocs", "mkdocs-material", "pydyf", "Markdown", "pymdown-extensions")
    found = []
    for name in names:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=none")
    return f"guidegen={__version__};" + ";".join(found)


@dataclass
class Manifest:
    keys: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, out: Path) -> Manifest:
        try:
            data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
            return cls({str(k): str(v) for k, v in data.get("keys", {}).items()})
        except (OSError, ValueError, AttributeError):
            return cls()

    def write(self, out: Path) -> None:
        text = json.dumps({"keys": dict(sorted(self.keys.items()))}, indent=1) + "\n"
        (out / MANIFEST).write_text(text, encoding="utf-8")


def reuse(previous: Manifest, previous_out: Path, name: str, key: str, dest: Path) -> bool:
    """Copy output `name` (a file or folder relative to build/) from the last build if its key matches."""
    source = previous_out / name
    if previous.keys.get(name) != key or not source.exists():
        return False
    dest.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, dest)
    else:
        shutil.copy2(source, dest)
    return True
