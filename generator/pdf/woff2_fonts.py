"""WOFF2 fonts decoded once, not once per stylesheet set in every PDF worker.

WeasyPrint turns each @font-face's WOFF2 file into a TrueType file (fontTools' woff2.decompress)
whenever a stylesheet set is parsed: once per kind of PDF (handout, poster, booklet part, each
variant's) in every worker. That was about 0.3 s of CPU per set for our eight fonts, most of
the CPU a rebuild after one edit spent outside laying out its five PDFs. WeasyPrint stores a
font that does not start with "wOF" as it is, so the fetcher (pdf/fetcher.py) serves it the
very bytes its own decoding makes: the PDFs are byte for byte the same.

A decoded font is kept in this process (each stylesheet set after the first takes it from
memory) and in the user's cache folder (never in the guide or build/), named by the WOFF2
file's digest and fontTools' version, with the decoded bytes' own digest in front, so a file
damaged there is decoded again, never trusted. Anything unreadable there is ignored: the cache
only ever saves time.
"""

from __future__ import annotations

import hashlib
import io
from functools import cache
from pathlib import Path

from ..common.user_cache import keep, user_cache

MAGIC = b"wOF2"
_DIGEST_SIZE = 32  # sha256 of the decoded font, in front of it in the kept file
_decoded: dict[Path, bytes] = {}  # where a decoded font is kept -> its bytes, this process's


def is_woff2(data: bytes) -> bool:
    return data[:4] == MAGIC


def decoded(data: bytes, folder: Path | None = None) -> bytes:
    """The TrueType font WeasyPrint would make of WOFF2 data; folder: where decoded fonts are
    kept (default: the user's cache folder)."""
    digest = hashlib.sha256(data).hexdigest()
    path = (folder or cache_folder()) / f"{digest}-fonttools-{_fonttools_version()}.ttf"
    found = _decoded.get(path)
    if found is None:
        found = kept_font(path)
        if found is None:
            found = decode(data)
            keep_font(path, found)
        _decoded[path] = found
    return found


def cache_folder() -> Path:
    """$XDG_CACHE_HOME/guidegen/fonts (~/.cache when unset)."""
    return user_cache("fonts")


@cache  # the installed fontTools does not change while a build runs
def _fonttools_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("fonttools")
    except metadata.PackageNotFoundError:
        return "none"


def decode(data: bytes) -> bytes:
    from fontTools.ttLib import woff2  # slow to import: only when a font is not kept yet

    out = io.BytesIO()
    woff2.decompress(io.BytesIO(data), out)  # as WeasyPrint's FontConfiguration.add_font_face does
    return out.getvalue()


def kept_font(path: Path) -> bytes | None:
    """The decoded font kept at path, if it is whole (its digest in front matches)."""
    try:
        kept = path.read_bytes()
    except OSError:
        return None
    font = kept[_DIGEST_SIZE:]
    return font if len(kept) > _DIGEST_SIZE and hashlib.sha256(font).digest() == kept[:_DIGEST_SIZE] else None


def keep_font(path: Path, font: bytes) -> None:
    """Kept with its digest in front (a worker beside this one may be keeping the same font)."""
    keep(path, hashlib.sha256(font).digest() + font)
