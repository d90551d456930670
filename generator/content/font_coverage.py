"""Which letters the guide's fonts can draw: what the loader checks every file against.

Atkinson Hyperlegible Next (shipped, in templates/assets/vendor/fonts/) and the fonts the guide
declares in site_config.yml's `fonts:`; a declared font that cannot be read is a problem at
its line. The CSS, form fields and measures made from the same fonts are render/fonts.py's.
Reading a font's letters (fontTools) costs about a tenth of a second of a warm `check`, so a
caller with a parse cache keeps them there, by the digest of the font file's bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from .parse_cache import ParseCache

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"  # as in environments.py, without Jinja
SHIPPED_DIR = TEMPLATES_DIR / "assets" / "vendor" / "fonts"
SUBSETS = ("latin", "latin-ext")
FACES = (("400", "normal"), ("700", "normal"), ("400", "italic"), ("700", "italic"))
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")


def shipped_file(subset: str, weight: str = "400", style: str = "normal", suffix: str = "woff2") -> Path:
    return SHIPPED_DIR / f"atkinson-hyperlegible-next-{subset}-{weight}-{style}.{suffix}"


def declared_files(content_dir: Path, declared: Sequence[str]) -> list[Path]:
    return [content_dir / path for path in declared]


def covered(content_dir: Path, declared: Sequence[str], store: ParseCache | None = None) -> frozenset[int]:
    """Every code point some configured font can draw, in every shipped face."""
    letters: set[int] = set()
    for subset in SUBSETS:
        faces = [_letters(shipped_file(subset, w, s, "woff"), store) for w, s in FACES]
        letters |= frozenset.intersection(*faces)  # a letter only the bold face has would still go missing
    for path in declared_files(content_dir, declared):
        letters |= _letters(path, store)
    return frozenset(letters)


def _letters(path: Path, store: ParseCache | None) -> frozenset[int]:
    """code_points, or what store remembers of a file with the same bytes (fontTools not imported)."""
    if store is None:
        return code_points(str(path), modified_time(path))
    key = "font-letters\0" + hashlib.sha256(path.read_bytes()).hexdigest()
    found = store.fact(key)
    if isinstance(found, list):
        try:
            return frozenset(c for first, last in found for c in range(first, last + 1))
        except (TypeError, ValueError):
            pass  # not what put_fact wrote: read the font again
    letters = code_points(str(path), modified_time(path))
    store.put_fact(key, _ranges(letters))
    return letters


def _ranges(letters: frozenset[int]) -> list[list[int]]:
    """[[first, last], ...]: a font's thousand letters in a few dozen pairs."""
    ranges: list[list[int]] = []
    for letter in sorted(letters):
        if ranges and ranges[-1][1] == letter - 1:
            ranges[-1][1] = letter
        else:
            ranges.append([letter, letter])
    return ranges


def font_problem(path: Path, store: ParseCache | None = None) -> str | None:
    """None if path is a font file we can read, else what is wrong with it."""
    if path.suffix.lower() not in FONT_SUFFIXES:
        return f"'{path.name}' is not a font file: use a .ttf, .otf, .woff or .woff2 file"
    if not path.is_file():
        return f"the font file '{path.name}' was not found in content/assets/fonts/; check the spelling"
    try:
        _letters(path, store)
    except Exception:  # fontTools raises many kinds of error for a damaged file
        return f"'{path.name}' could not be read as a font; download it again or choose another font"
    return None


def modified_time(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@cache
def code_points(path: str, mtime: float) -> frozenset[int]:
    """The code points a font file maps to glyphs (mtime makes an edited file read again)."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})
