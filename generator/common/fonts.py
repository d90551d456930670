"""Font files as any stage reads them: a file's family name and advance widths, which letters
decide a script, and the fontconfig file that keeps the build machine's fonts out of PDFs.

Nothing here knows a guide: the guide's own list of fonts, and the CSS made from it, are
render/fonts.py's; which letters they can draw is content/font_coverage.py's.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path


def drawn_letter(char: str) -> bool:
    """A letter, mark or digit (not a space, punctuation or a control): what decides a script."""
    return unicodedata.category(char)[0] in "LMN"


@cache
def advances(path: str, mtime: float) -> dict[int, float]:
    """Code point -> its glyph's advance width in em, for one font file (mtime keys the cache,
    so a font replaced while a preview runs is read again)."""
    from fontTools.ttLib import TTFont  # fontTools is slow to import and most commands never need it

    with TTFont(path, lazy=True) as font:
        per_em = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        return {code: metrics[name][0] / per_em for code, name in (font.getBestCmap() or {}).items()}


@cache
def family_name(path: str, mtime: float) -> str:
    """The font's own family name (typographic first, then legacy), "" when it has none."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        names = font["name"]
        return str(names.getDebugName(16) or names.getDebugName(1) or "")


def fontconfig_file(folders: Iterable[Path], cache_dir: Path) -> Path:
    """A fontconfig file that knows only folders, written once per distinct list of folders.

    WeasyPrint adds the @font-face fonts itself; with this file as FONTCONFIG_FILE it can
    find nothing else, so no system font is ever embedded.
    """
    dirs = "".join(f"  <dir>{_xml(str(f.resolve()))}</dir>\n" for f in folders if f.is_dir())
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>\n{dirs}</fontconfig>\n"
    )
    path = cache_dir / f"guidegen-fonts-{hashlib.sha256(text.encode()).hexdigest()[:16]}.conf"
    if not path.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    return path


@contextmanager
def environment_variable(name: str, value: str) -> Iterator[None]:
    """name=value while the block runs, then as it was."""
    saved = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if saved is None:
            del os.environ[name]
        else:
            os.environ[name] = saved


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
