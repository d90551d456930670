"""What the previous build made, and from which inputs, so unchanged outputs are reused.

Each output gets a key: a hash of everything it is made from (its HTML or MkDocs project,
the templates, fonts and images it can read, the generator's version). The keys are stored
in build/.guidegen-manifest.json; a rebuild copies an output from the previous build/
when its key is unchanged, and renders it otherwise.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from .. import __version__

MANIFEST = ".guidegen-manifest.json"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = PACKAGE_DIR / "templates"  # as in render/environments.py, without importing Jinja


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
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(f"{index}:{path.relative_to(folder).as_posix()}\0".encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


@cache  # installed versions do not change while a build runs; asked for once per output
def engine_versions() -> str:
    """Versions of the engines, read without importing them."""
    names = ("weasyprint", "pikepdf", "mkdocs", "mkdocs-material", "pydyf", "Markdown", "pymdown-extensions")
    found = []
    for name in names:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=none")
    return f"guidegen={__version__};" + ";".join(found)


def inputs_digest(root: Path, request: str) -> str:
    """One hash of everything any output is made from: the guide, the templates, guidegen's
    own code, the engines' versions, SOURCE_DATE_EPOCH and what was asked for."""
    return digest_bytes(
        request,
        engine_versions(),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        _file_bytes(root / "site_config.yml"),
        digest_tree(root / "content", TEMPLATES_DIR, PACKAGE_DIR),
    )


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


@dataclass
class Manifest:
    keys: dict[str, str] = field(default_factory=dict)
    inputs: str = ""  # inputs_digest() of the build that wrote this manifest
    files: dict[str, int] = field(default_factory=dict)  # every output file and its size

    @classmethod
    def read(cls, out: Path) -> Manifest:
        try:
            data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
            keys = {str(k): str(v) for k, v in data.get("keys", {}).items()}
            files = {str(k): int(v) for k, v in data.get("files", {}).items()}
            return cls(keys, str(data.get("inputs", "")), files)
        except (OSError, ValueError, AttributeError, TypeError):
            return cls()

    def record_files(self, out: Path) -> None:
        self.files = {p.relative_to(out).as_posix(): p.stat().st_size for p in sorted(out.rglob("*")) if p.is_file()}

    def write(self, out: Path) -> None:
        data = {"inputs": self.inputs, "keys": dict(sorted(self.keys.items())), "files": self.files}
        (out / MANIFEST).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def up_to_date(root: Path, out: Path, request: str) -> bool:
    """True when nothing that goes into the outputs changed since the last build and every
    output file is still there: then the build can stop before loading anything."""
    previous = Manifest.read(out)
    if not previous.inputs or not previous.files or previous.inputs != inputs_digest(root, request):
        return False
    for name, size in previous.files.items():
        path = out / name
        if not path.is_file() or path.stat().st_size != size:
            return False
    return True


def reuse(previous: Manifest, previous_out: Path, name: str, key: str, dest: Path) -> bool:
    """Copy output `name` (a file or folder relative to build/) from the last build if its key matches."""
    source = previous_out / name
    if previous.keys.get(name) != key or not source.exists():
        return False
    dest.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, dest, copy_function=link_or_copy)
    else:
        link_or_copy(source, dest)
    return True


def link_or_copy(source: str | Path, dest: str | Path) -> None:
    """Outputs are never changed in place, so the new build may share the old one's files."""
    try:
        os.link(source, dest)
    except OSError:
        shutil.copy2(source, dest)
