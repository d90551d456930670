"""The local editor's config.yml, made once per state of the guide, not on every request.

Making it costs a tenth of a second and more on a busy machine (the model's JSON schemas; with
translations, the source guide loaded for its words, which are the hints). It only changes when
what it is made of changes, so that is its key: the address Decap calls, site_config.yml's bytes
(language, wording, translations) and, only with translations, each content file's size and
modification time. A change made in a text editor is therefore in the next page load, as before.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

from ..content.model import Guide
from ..content.translations import source_items
from .collections import CONFIG_FILE
from .config import config_text, read_settings, translation_languages


class LocalConfig:
    def __init__(self, root: Path, guide: Callable[[], Guide | None]) -> None:
        """guide: the guide as it is on disk now, or None if it does not load (no hints then)."""
        self.root = root
        self.guide = guide
        self._made: tuple[str, bytes] | None = None
        self._lock = threading.Lock()  # one making at a time: two tabs opening need it once

    def text(self, origin: str) -> bytes:
        with self._lock:
            translated = bool(translation_languages(read_settings(self.root)))
            key = self._key(origin, translated)
            if self._made is None or self._made[0] != key:
                guide = self.guide() if translated else None
                sources = source_items(guide) if guide is not None else None
                self._made = key, config_text(self.root, origin, sources)
            return self._made[1]

    def _key(self, origin: str, translated: bool) -> str:
        digest = hashlib.sha256(origin.encode() + b"\0")
        try:
            digest.update((self.root / CONFIG_FILE).read_bytes())
        except OSError:
            digest.update(b"\0unreadable")
        if translated:
            for folder, names, files in sorted(os.walk(self.root / "content")):
                names.sort()
                for name in sorted(files):
                    try:
                        status = os.stat(os.path.join(folder, name))
                    except OSError:
                        continue
                    digest.update(f"{folder}/{name}\0{status.st_mtime_ns}\0{status.st_size}\n".encode())
        return digest.hexdigest()
