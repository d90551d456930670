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
import stat as stat_module
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .. import __version__
from ..common.digest import digest_bytes, digest_tree, files_below
from ..common.versions import installed_version
from ..content.source_date import source_date_text

MANIFEST = ".guidegen-manifest.json"
# The build's working copies, kept in build/ for the next build to start from. Readers get
# pdf/, site/, the zip and the e-book; a no-op build looks at those (a 2,000-activity build's
# working copies are 48,000 of its 61,000 files), and a working copy is checked byte for byte
# when a later build reuses it (reuse(), copy_verified()), so a damaged one is made again then.
PARTS = ".booklet-parts"  # the booklets' laid-out parts
OFFLINE = ".offline"  # the offline site and its MkDocs project
OFFLINE_TRANSLATIONS = ".offline-translations"  # each language's file:// site, for the zip
PROJECT = "mkdocs"  # the website's MkDocs project
WORKING_FOLDERS = frozenset({PARTS, OFFLINE, OFFLINE_TRANSLATIONS, PROJECT})
PACKAGE_DIR = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = PACKAGE_DIR / "templates"  # as in render/environments.py, without importing Jinja


# Each engine's distribution and the module it is imported as.
ENGINES = (
    ("weasyprint", "weasyprint"),
    ("pikepdf", "pikepdf"),
    ("mkdocs", "mkdocs"),
    ("mkdocs-material", "material"),
    ("pydyf", "pydyf"),
    ("Markdown", "markdown"),
    ("pymdown-extensions", "pymdownx"),
)


@cache  # installed versions do not change while a build runs; asked for once per output
def engine_versions() -> str:
    """Versions of the engines, read without importing them, nor importlib.metadata (a tenth of
    a second, a third of a no-op build) unless a version is unclear."""
    found = []
    for distribution, module in ENGINES:
        try:
            found.append(f"{distribution}={installed_version(distribution, module)}")
        except ModuleNotFoundError:  # importlib.metadata's PackageNotFoundError is one
            found.append(f"{distribution}=none")
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
    # Files of this (the last) build found intact and linked into the new one: (device, inode)
    # -> (size, mtime, sha256), so the new manifest need not hash them again (record_files).
    verified: dict[tuple[int, int], tuple[int, int, str]] = field(default_factory=dict)

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

    def record_files(self, out: Path, previous: Manifest | None = None) -> None:
        """Size and content hash of every output, read back from the staging folder.

        A file linked from the last build and hashed then (previous.verified) is not read
        again if it is still older than the last build's manifest: a write since would have
        made it newer (every output is written before its manifest, and never through a link).
        """
        self.files = {}
        known: dict[tuple[int, int], str] = {}  # a file linked in several places is read once
        for rel, path in regular_files(out):
            stat = os.stat(path)
            inode = (stat.st_dev, stat.st_ino)
            digest = known.get(inode) or (previous and previous.trusted_digest(stat)) or file_digest(path)
            known[inode] = digest
            self.files[rel] = (stat.st_size, digest)

    def known_digest(self, path: Path) -> str | None:
        """The content hash of a file of the last build linked into this one and hashed then
        (verified), if it is untouched since: its size and time as they were, and older than
        the last build's manifest (as record_files trusts them); else None."""
        try:
            return self.trusted_digest(path.stat())
        except OSError:
            return None

    def trusted_digest(self, stat: os.stat_result) -> str | None:
        """known_digest, for a file already stat()ed."""
        seen = self.verified.get((stat.st_dev, stat.st_ino))
        if seen is None or stat.st_mtime_ns > self.written_ns or (stat.st_size, stat.st_mtime_ns) != seen[:2]:
            return None
        return seen[2]

    def write(self, out: Path) -> None:
        data = {"inputs": self.inputs, "keys": dict(sorted(self.keys.items())), "files": self.files}
        (out / MANIFEST).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    def under(self, name: str) -> dict[str, FileRecord]:
        """The recorded files of output `name`: the file itself, or every file in the folder."""
        if name in self.files:
            return {name: self.files[name]}
        prefix = name.rstrip("/") + "/"
        return {rel: record for rel, record in self.files.items() if rel.startswith(prefix)}

    def unchanged(self, path: str, record: FileRecord) -> bool:
        """The cheap test: a regular file of the recorded size, not modified after the manifest
        was written. One stat of a string: a no-op build asks it of every output (tens of
        thousands at 2,000 activities), and a Path's stat and is_file cost three times as much
        (40,000 files: 1.1-1.4 s against 0.3-0.4 s)."""
        try:
            found = os.stat(path)
        except OSError:
            return False
        regular = stat_module.S_ISREG(found.st_mode)
        return regular and found.st_size == record[0] and found.st_mtime_ns <= self.written_ns


def file_digest(path: str | Path) -> str:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def regular_files(folder: Path) -> list[tuple[str, str]]:
    """(path relative to folder, full path) of every regular file below folder, symbolic links
    neither listed nor followed, in the order sorted(folder.rglob("*")) gives (part by part)."""
    return [("/".join(parts), path) for parts, path in files_below(folder, linked_files=False)]


def up_to_date(root: Path, out: Path, request: str) -> bool:
    """True when nothing that goes into the outputs changed since the last build and every
    file readers get is still as it was made (the working copies are checked when reused):
    then the build can stop before loading anything."""
    previous = Manifest.read(out)
    if not previous.inputs or not previous.files or previous.inputs != inputs_digest(root, request):
        return False
    folder = os.fspath(out)
    return all(
        previous.unchanged(f"{folder}/{name}", record)
        for name, record in previous.files.items()
        if name.partition("/")[0] not in WORKING_FOLDERS
    )


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
    made: set[str] = set()  # folders made for the links: each asked for once, not once per file
    for rel, record in records.items():
        target = dest if rel == name else dest / rel[len(name) + 1 :]
        if not _link_verified(previous_out / rel, record, target, previous.verified, made):
            return False
    return True


def link_same(previous: Manifest, previous_out: Path, rel: str, data: bytes, dest: Path) -> bool:
    """Link the last build's file rel to dest if it holds exactly data (its bytes hashed, as
    copy_verified does): the same file without making a new one. The file system charges for a
    new file's inode (here 0.02 to 0.7 ms, a link 0.02 ms), and a 500-activity guide's two MkDocs
    projects hold some 1,500 pages, of which an edit changes a few."""
    record = previous.files.get(rel)
    if record is None or record != (len(data), hashlib.sha256(data).hexdigest()):
        return False
    return _link_verified(previous_out / rel, record, dest, previous.verified)


def _listed(folder: Path) -> set[str]:
    """Every name below folder that is not a folder (as rglob finds them: links not followed into folders)."""
    found: set[str] = set()

    def walk(where: str, prefix: str) -> None:
        with os.scandir(where) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif not entry.is_dir():
                    found.add(prefix + entry.name)

    try:
        walk(os.fspath(folder), "")
    except OSError:
        return set()
    return found


def _link_verified(
    source: Path,
    record: FileRecord,
    dest: Path,
    verified: dict[tuple[int, int], tuple[int, int, str]],
    made: set[str] | None = None,
) -> bool:
    """Link source to dest if its bytes still hash to the recorded digest; hashed after linking,
    so a file replaced between the test and the link cannot slip through. (Times are not
    trusted here: a copied build/ has new ones, and a restored file may have old ones.)
    made: folders already made (shared by the files of one output)."""
    try:
        found = os.stat(source)
        if not stat_module.S_ISREG(found.st_mode) or found.st_size != record[0]:
            return False
        parent = os.path.dirname(dest)
        if made is None or parent not in made:
            os.makedirs(parent, exist_ok=True)
            if made is not None:
                made.add(parent)
        link_or_copy(source, dest)
        with open(dest, "rb") as stream:
            digest = hashlib.file_digest(stream, "sha256").hexdigest()
            stat = os.fstat(stream.fileno())
        if digest == record[1]:
            verified[(stat.st_dev, stat.st_ino)] = (stat.st_size, stat.st_mtime_ns, record[1])
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
