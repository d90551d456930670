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
import time
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..common.digest import digest_bytes, digest_tree
from ..content.source_date import source_date_text

MANIFEST = ".guidegen-manifest.json"
PACKAGE_DIR = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = PACKAGE_DIR / "templates"  # as in render/environments.py, without importing Jinja


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


@cache  # the code does not change while a build runs
def code_digest(*subpackages: str) -> str:
    """Hash of guidegen's own code in these sub-packages. A fix in how PDFs are made (the tag
    repair, the join) changes no HTML, so without this an upgrade would reuse the old PDFs."""
    return digest_tree(*(PACKAGE_DIR / name for name in subpackages))


def inputs_digest(root: Path, request: str) -> str:
    """One hash of everything any output is made from: the guide, the templates, guidegen's
    own code, the engines' versions, SOURCE_DATE_EPOCH and what was asked for."""
    return digest_bytes(
        request,
        engine_versions(),
        source_date_text(),
        _file_bytes(root / "site_config.yml"),
        digest_tree(root / "content", TEMPLATES_DIR, PACKAGE_DIR),
    )


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


FileRecord = tuple[int, str]  # size, sha256 of the bytes


@dataclass
class Manifest:
    """What one build made. Written last, so every output is older than it: a file changed
    afterwards is newer, which up_to_date() sees without reading a byte (and reuse hashes)."""

    keys: dict[str, str] = field(default_factory=dict)
    inputs: str = ""  # inputs_digest() of the build that wrote this manifest
    files: dict[str, FileRecord] = field(default_factory=dict)  # every output file
    written_ns: int = 0  # when the manifest was written (its mtime); not stored, so builds stay identical
    damaged: list[str] = field(default_factory=list)  # outputs found changed since: not reused

    @classmethod
    def read(cls, out: Path) -> Manifest:
        try:
            path = out / MANIFEST
            data = json.loads(path.read_text(encoding="utf-8"))
            keys = {str(k): str(v) for k, v in data.get("keys", {}).items()}
            files = {str(k): (int(v[0]), str(v[1])) for k, v in data.get("files", {}).items()}
            return cls(keys, str(data.get("inputs", "")), files, path.stat().st_mtime_ns)
        except (OSError, ValueError, AttributeError, TypeError, IndexError, KeyError):
            return cls()  # no manifest, or one from an older guidegen: build everything

    def record_files(self, out: Path) -> None:
        """Size and content hash of every output, read back from the staging folder."""
        self.files = {}
        known: dict[tuple[int, int], str] = {}  # a file linked in several places is read once
        for path in sorted(out.rglob("*")):
            if path.is_file() and not path.is_symlink():
                stat = path.stat()
                digest = known.get((stat.st_dev, stat.st_ino)) or KNOWN_DIGESTS.digest(path)  # verified: not read again
                known[(stat.st_dev, stat.st_ino)] = digest
                self.files[path.relative_to(out).as_posix()] = (stat.st_size, digest)

    def write(self, out: Path) -> None:
        data = {"inputs": self.inputs, "keys": dict(sorted(self.keys.items())), "files": self.files}
        (out / MANIFEST).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    def under(self, name: str) -> dict[str, FileRecord]:
        """The recorded files of output `name`: the file itself, or every file in the folder."""
        if name in self.files:
            return {name: self.files[name]}
        prefix = name.rstrip("/") + "/"
        return {rel: record for rel, record in self.files.items() if rel.startswith(prefix)}

    def unchanged(self, path: Path, record: FileRecord) -> bool:
        """The cheap test: the recorded size, and not modified after the manifest was written."""
        try:
            stat = path.stat()
        except OSError:
            return False
        return path.is_file() and stat.st_size == record[0] and stat.st_mtime_ns <= self.written_ns


def file_digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


class _KnownDigests:
    """Digests read during one build, of files no newer than its start.

    A reused output is hashed when it is verified (_link_verified), and record_files hashed it
    again (with the sites' copies of the PDFs, some 100 MB at 100 activities, on every build).
    Outputs are never changed in place (link_or_copy), so a file last changed before the build
    began, still with the same inode, size and time, holds the bytes that were hashed. A file
    written during the build is always hashed: an inode freed and used again within one clock
    tick could otherwise look the same.
    """

    def __init__(self) -> None:
        self.before_ns = 0  # files changed before this are remembered; 0: none (no build began)
        self.digests: dict[tuple[int, int, int, int], str] = {}

    def begin(self) -> None:
        """A build begins: forget the last build's digests (a long-lived preview builds many times).
        Two seconds of margin, as a file system's clock can lag the system's."""
        self.digests = {}
        self.before_ns = time.time_ns() - 2_000_000_000

    def digest(self, path: Path) -> str:
        stat = path.stat()
        if stat.st_mtime_ns >= self.before_ns:
            return file_digest(path)
        identity = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
        found = self.digests.get(identity)
        if found is None:
            found = self.digests[identity] = file_digest(path)
        return found


KNOWN_DIGESTS = _KnownDigests()


def up_to_date(root: Path, out: Path, request: str) -> bool:
    """True when nothing that goes into the outputs changed since the last build and every
    output file is still as it was made: then the build can stop before loading anything."""
    previous = Manifest.read(out)
    if not previous.inputs or not previous.files or previous.inputs != inputs_digest(root, request):
        return False
    return all(previous.unchanged(out / name, record) for name, record in previous.files.items())


def reuse(previous: Manifest, previous_out: Path, name: str, key: str, dest: Path) -> bool:
    """Copy output `name` (a file or folder relative to build/) from the last build if its key
    matches and every file in it is exactly as that build made it (checked by content hash).
    A changed, missing or unreadable file means the output is made again (noted in damaged)."""
    if previous.keys.get(name) != key:
        return False
    if copy_verified(previous, previous_out, name, dest):
        return True
    previous.damaged.append(name)
    if dest.is_dir():
        shutil.rmtree(dest, ignore_errors=True)
    else:
        dest.unlink(missing_ok=True)
    return False


def copy_verified(previous: Manifest, previous_out: Path, name: str, dest: Path) -> bool:
    """Link (or copy) each recorded file of `name` to dest; False as soon as one does not match."""
    records = previous.under(name)
    source = previous_out / name
    if not records or (source.is_dir() and _listed(source) != {rel[len(name) + 1 :] for rel in records}):
        return False
    for rel, record in records.items():
        target = dest if rel == name else dest / rel[len(name) + 1 :]
        if not _link_verified(previous_out / rel, record, target):
            return False
    return True


def _listed(folder: Path) -> set[str]:
    try:
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir()}
    except OSError:
        return set()


def _link_verified(source: Path, record: FileRecord, dest: Path) -> bool:
    """Link source to dest if its bytes still hash to the recorded digest; hashed after linking,
    so a file replaced between the test and the link cannot slip through. (Times are not
    trusted here: a copied build/ has new ones, and a restored file may have old ones.)"""
    try:
        if not source.is_file() or source.stat().st_size != record[0]:
            return False
        dest.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(source, dest)
        if KNOWN_DIGESTS.digest(dest) == record[1]:
            return True
    except OSError:
        pass
    dest.unlink(missing_ok=True)
    return False


def link_or_copy(source: str | Path, dest: str | Path) -> None:
    """Outputs are never changed in place, so the new build may share the old one's files."""
    try:
        os.link(source, dest)
    except OSError:
        shutil.copy2(source, dest)
