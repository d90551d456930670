"""Digests of text, bytes and folders: the cache keys of every output, and what the EPUB and the
booklet's front are keyed by. Here, below every stage, so that an output can key what it makes
without importing the builder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def digest_bytes(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def digest_tree(*folders: Path) -> str:
    """Hash of every file's relative path and bytes below the folders (absolute paths excluded).
    A link to a file counts as the file; a link to a folder is not followed; __pycache__ is left
    out. The same digest as hashing sorted(folder.rglob("*")) Path by Path, with strings: a no-op
    build hashes the guide's content this way (3,000 files at 2,000 activities)."""
    h = hashlib.sha256()
    for index, folder in enumerate(folders):
        for parts, path in files_below(folder, linked_files=True, skip="__pycache__"):
            h.update(f"{index}:".encode() + os.fsencode("/".join(parts)) + b"\0")
            with open(path, "rb") as stream:
                h.update(hashlib.sha256(stream.read()).digest())
    return h.hexdigest()


def files_below(
    folder: str | Path, *, linked_files: bool, skip: str | None = None
) -> list[tuple[tuple[str, ...], str]]:
    """(parts of the path relative to folder, full path) of every file below folder, sorted part
    by part (as Paths sort), links to folders not followed, anything named `skip` left out; links
    to files listed only when linked_files; nothing when folder is missing. Strings, not Paths:
    at 500 activities a build's 15,000 files took a second as Paths."""
    found: list[tuple[tuple[str, ...], str]] = []

    def walk(where: str, parts: tuple[str, ...]) -> None:
        with os.scandir(where) as entries:
            listed = list(entries)
        for entry in listed:
            if entry.name == skip:
                continue
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, (*parts, entry.name))
            elif entry.is_file(follow_symlinks=linked_files):
                found.append(((*parts, entry.name), entry.path))

    if os.path.isdir(folder):
        walk(os.fspath(folder), ())
    found.sort(key=lambda item: item[0])
    return found
