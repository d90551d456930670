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
    """Hash of every file's relative path and bytes below the folders (absolute paths excluded)."""
    h = hashlib.sha256()
    for index, folder in enumerate(folders):
        if not folder.exists():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(f"{index}:".encode() + os.fsencode(path.relative_to(folder).as_posix()) + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()
