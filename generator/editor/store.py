"""The guide's files as the editor reads and writes them: never bad content, never a lost change.

A save is refused, with nothing written, when the file changed on disk since the editor opened
it (409), or when `guidegen check` would find a problem with the new file in place (422, with
check's own words). Otherwise the editor's data is merged into the file on disk (comments,
order and layout of untouched parts kept) and written atomically. One save at a time.
"""

from __future__ import annotations

import base64
import binascii
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml.error import YAMLError

from ..content.images import image_problem
from ..content.reader import MAX_FILE_BYTES
from ..content.roundtrip import MergeError, merge_markdown, merge_yaml, write_atomically
from ..errors import Problem
from . import entries
from .checking import Changes, Checker
from .collections import CONFIG_FILE, Kind, kind_of, kinds
from .config import read_settings, translation_languages
from .paths import IMAGE_SUFFIXES, Refused, guide_file, guide_folder

MAX_IMAGE_BYTES = 5_000_000  # a photo for a handout; larger ones slow every page down
SHOWN_WAIT = 20.0  # seconds the warm-up's check waits for the editor's first list


class Store:
    def __init__(self, root: Path, known: Callable[[], dict[str, Any]] | None = None) -> None:
        self.root = root
        self.checker = Checker(root, known)
        self._lock = threading.Lock()
        # path -> (the file's stat signature, its answer): a list of 500 activities is read
        # again each time the editor shows it, and most files have not changed since.
        self._views: dict[str, tuple[tuple[int, int, int], dict[str, Any]]] = {}
        self._warmed = threading.Event()
        self.shown = threading.Event()  # set by the API once it has answered for entries

    def warm(self, first: Callable[[], object] = lambda: None) -> None:
        """Once, in the background when the editor is first opened: first (the configuration,
        which Decap asks for as soon as its code has loaded), then every collection's entries
        read, and the guide checked once, so the first list and the first save need not wait
        for every file to be parsed. The check waits until the editor has shown an entry (or
        SHOWN_WAIT): at 500 activities it is seconds of work, which would slow the opening."""
        if self._warmed.is_set():
            return
        self._warmed.set()
        first()
        folders = [kind for kind in kinds(translation_languages(read_settings(self.root))) if kind.folder]
        for kind in sorted(folders, key=lambda kind: kind.name != "activities"):  # the largest, most edited
            self.folder_entries(kind.folder, kind.extension)
        self.shown.wait(timeout=SHOWN_WAIT)
        self.checker.problems({})

    # ------------------------------------------------------------ reading

    def entry(self, rel: object) -> dict[str, Any]:
        path = guide_file(self.root, rel)
        kind = _kind(str(rel))
        if kind.language and not path.exists():  # an item not translated yet: listed, empty
            return {"data": entries.blank(kind, str(rel)), "file": {"path": rel}}
        try:
            status = path.stat()
            if status.st_size > MAX_FILE_BYTES:
                raise Refused(413, f"{rel} is larger than {MAX_FILE_BYTES // 1_000_000} MB; split it in a text editor.")
            signature = (status.st_mtime_ns, status.st_size, status.st_ino)
            known = self._views.get(str(rel))
            if known is not None and known[0] == signature:
                return known[1]
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise Refused(404, f"{rel} could not be read.") from None
        answer = {"data": entries.view(kind, str(rel), text), "file": {"path": rel, "id": entries.version(text)}}
        self._views[str(rel)] = (signature, answer)
        return answer

    def folder_entries(self, rel: object, extension: object) -> list[dict[str, Any]]:
        folder = guide_folder(self.root, rel)
        if not folder.is_dir():
            return []
        suffix = f".{extension}" if isinstance(extension, str) else ""
        names = sorted(p.name for p in folder.iterdir() if p.name.endswith(suffix) and not p.name.startswith("."))
        return [self.entry(f"{rel}/{name}") for name in names if (folder / name).is_file()]

    def files_entries(self, files: object) -> list[dict[str, Any]]:
        paths = [f.get("path") for f in files if isinstance(f, dict)] if isinstance(files, list) else []
        return [self.entry(path) for path in paths if self._listed(path)]

    def _listed(self, rel: object) -> bool:
        """A file that is there, or a translation's file not written yet (its entry is empty)."""
        path = guide_file(self.root, rel)
        if path.is_file():
            return True
        kind = kind_of(str(rel))
        return not path.exists() and kind is not None and kind.language is not None

    def media(self, rel: object) -> list[dict[str, Any]]:
        folder = guide_folder(self.root, rel)
        if not folder.is_dir():
            return []
        names = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        return [self.media_file(f"{rel}/{name}") for name in names if not (folder / name).is_symlink()]

    def media_file(self, rel: object) -> dict[str, Any]:
        path = guide_file(self.root, rel, media=True)
        if not path.is_file():
            raise Refused(404, f"{rel} is not there.")
        content = base64.b64encode(path.read_bytes()).decode("ascii")
        return {"id": str(rel), "content": content, "encoding": "base64", "path": rel, "name": path.name}

    # ------------------------------------------------------------ writing

    def save_entry(self, rel: object, raw: object, new_rel: object = None, assets: object = ()) -> None:
        if not isinstance(raw, str) or len(raw.encode("utf-8")) > MAX_FILE_BYTES:
            raise Refused(413, f"The file is larger than {MAX_FILE_BYTES // 1_000_000} MB; split it.")
        target = new_rel if isinstance(new_rel, str) and new_rel else rel
        path, new_path = guide_file(self.root, rel), guide_file(self.root, target)
        kind = _kind(str(target))
        try:
            data, body, opened = entries.edited(kind, str(rel), raw)
        except entries.Unparsable as error:
            raise Refused(422, _report(error.problems)) from None
        uploads = self._uploads(assets)
        with self._lock:
            old = _current(path)
            _not_stale(str(rel), old, opened)
            if target != rel and new_path.exists():
                raise Refused(409, f"{target} already exists; choose another name.")
            text = _merged(kind, old or "", data, body)
            changes: Changes = {**uploads, str(target): text.encode("utf-8")}
            if target != rel:
                changes[str(rel)] = None
            self._apply(changes)

    def save_media(self, asset: object) -> dict[str, Any]:
        uploads = self._uploads([asset])
        with self._lock:
            self._apply(dict(uploads))
        (rel,) = uploads
        return self.media_file(rel)

    def delete(self, paths: object) -> None:
        rels = paths if isinstance(paths, list) else [paths]
        for rel in rels:
            guide_file(self.root, rel)
            if rel == CONFIG_FILE:
                raise Refused(403, f"{CONFIG_FILE} holds the guide's settings; it cannot be deleted.")
        with self._lock:
            self._apply({str(rel): None for rel in rels})

    def _uploads(self, assets: object) -> Changes:
        uploads: Changes = {}
        for asset in assets if isinstance(assets, list) else []:
            if not isinstance(asset, dict):
                raise Refused(400, "An upload must give a path and its content.")
            rel = asset.get("path")
            guide_file(self.root, rel, media=True)
            data = _decoded(asset.get("content"), asset.get("encoding"))
            problem = _image_problem(str(rel), data)
            if problem:
                raise Refused(422, f"{rel}: {problem}")
            uploads[str(rel)] = data
        return uploads

    def _apply(self, changes: Changes) -> None:
        """Check the guide with these changes; write them only if it has no problems."""
        problems = self.checker.problems(changes)
        if problems:
            raise Refused(422, _report(problems))
        for rel, data in changes.items():
            path = self.root / rel
            if data is None:
                path.unlink(missing_ok=True)
            else:
                write_atomically(path, data)


def _kind(rel: str) -> Kind:
    kind = kind_of(rel)
    if kind is None:
        raise Refused(403, f"{rel[:80]} is not a file the editor knows how to change.")
    return kind


def _current(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8") if path.exists() else None
    except (OSError, UnicodeDecodeError):
        raise Refused(409, f"{path.name} cannot be read now; fix it in a text editor first.") from None


def _not_stale(rel: str, old: str | None, opened: str | None) -> None:
    """Refuse to overwrite a change made since the editor opened the file."""
    if old is None and opened is not None:
        raise Refused(409, f"{rel} was removed or renamed since you opened it; nothing was saved.")
    if old is not None and opened is None:
        raise Refused(409, f"{rel} already exists: give the new entry another id or title. Nothing was saved.")
    if old is not None and opened != entries.version(old):
        raise Refused(
            409,
            f"{rel} was changed by someone else (or in a text editor) since you opened it, and saving "
            "would undo their change. Nothing was saved: copy your change, reload the page and make it again.",
        )


def _merged(kind: Kind, old: str, data: dict[str, Any], body: str) -> str:
    try:
        return merge_markdown(old, data, body) if kind.markdown else merge_yaml(old, data)
    except YAMLError:
        raise Refused(
            422, "The file on disk is not valid YAML now; fix it in a text editor, then save again."
        ) from None
    except MergeError as error:
        raise Refused(500, f"guidegen could not write this change safely ({error}); nothing was saved.") from None


def _decoded(content: object, encoding: object) -> bytes:
    if not isinstance(content, str) or encoding != "base64":
        raise Refused(400, "An upload must be sent as base64.")
    if len(content) > MAX_IMAGE_BYTES * 4 // 3 + 4:
        raise Refused(413, f"The image is larger than {MAX_IMAGE_BYTES // 1_000_000} MB; save a smaller copy.")
    try:
        return base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        raise Refused(400, "The upload is not valid base64.") from None


def _image_problem(rel: str, data: bytes) -> str | None:
    """The checks every image of the guide gets: the PDFs can use it (not damaged, not too
    many pixels); an SVG's hostile parts are found by the guide's check in context."""
    with tempfile.TemporaryDirectory(prefix="guidegen-upload-") as folder:
        path = Path(folder) / Path(rel).name  # the message names the editor's own file
        path.write_bytes(data)
        return image_problem(path)


def _report(problems: list[Problem]) -> str:
    count = len(problems)
    lines = [problem.render() for problem in problems]
    noun = "problem" if count == 1 else "problems"
    lines.append(f"Nothing was saved: `guidegen check` found {count} {noun}. Fix it and save again.")
    return "\n".join(lines)
