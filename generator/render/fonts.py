"""The guide's fonts: the shipped Atkinson Hyperlegible Next, then the editor's fallbacks.

One list, used in the same order everywhere: the website's CSS, every PDF's @font-face
rules and the letters `guidegen check` knows can be drawn. PDFs must never borrow the build
machine's fonts (the same guide would look different elsewhere, and a letter no font has
would silently become a box), so WeasyPrint gets a fontconfig file naming only these folders.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"  # as in environments.py, without Jinja

FAMILY = "Atkinson Hyperlegible Next"
SHIPPED_DIR = TEMPLATES_DIR / "assets" / "vendor" / "fonts"
SUBSETS = ("latin", "latin-ext")
FACES = (("400", "normal"), ("700", "normal"), ("400", "italic"), ("700", "italic"))
# As published by @fontsource: which letters each subset file has.
RANGES = {
    "latin": "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, "
    "U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD",
    "latin-ext": "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, "
    "U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, "
    "U+2C60-2C7F, U+A720-A7FF",
}
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")
FIELDS = " Fields"  # a declared font's second family, for the form fields only (field_family)


def shipped_file(subset: str, weight: str = "400", style: str = "normal", suffix: str = "woff2") -> Path:
    return SHIPPED_DIR / f"atkinson-hyperlegible-next-{subset}-{weight}-{style}.{suffix}"


def fallback_families(content_dir: Path, declared: Sequence[str]) -> list[str]:
    """The CSS family of each of the editor's fonts: the font's own family name, so the PDFs
    name it as the editor knows it (a readable file is checked by the loader first)."""
    families = []
    for index, path in enumerate(declared_files(content_dir, declared)):
        name = _family(str(path), _mtime(path))
        safe = "".join(c for c in name if c.isalnum() or c in " -_")  # it goes into CSS quotes
        families.append(safe if safe.strip() and safe != FAMILY else f"Guide Fallback {chr(65 + index)}")
    return families


def font_stack(content_dir: Path, declared: Sequence[str]) -> str:
    """The PDFs' CSS font-family list: ours, then the editor's in their order."""
    pdf_ext = [f'"{FAMILY} Ext"']  # PDFs load latin-ext as its own family (see pdf_font_css)
    names = [f'"{FAMILY}"', *pdf_ext, *(f'"{f}"' for f in fallback_families(content_dir, declared))]
    return ", ".join(names)


def pdf_font_css(content_dir: Path, declared: Sequence[str]) -> str:
    """@font-face rules and font-family for every PDF; declared are paths like assets/fonts/x.ttf.

    Shipped files are read from the templates' assets and declared ones relative to content/
    (both through the PDF fetcher). latin-ext is a family of its own, which Pango falls back
    to for the letters the latin file lacks: WeasyPrint ignores unicode-range.
    """
    rules = []
    for subset, family in (("latin", FAMILY), ("latin-ext", f"{FAMILY} Ext")):
        for weight, style in FACES:
            url = shipped_file(subset, weight, style).as_uri()
            rules.append(_face(family, url, weight, style))
    for family, path in zip(fallback_families(content_dir, declared), declared, strict=True):
        rules.append(_face(family, path, "100 900", "normal"))
        # The same file again for the form fields (field_family): WeasyPrint embeds a field's font
        # whole, with a text map made from its character table, which would replace the map of
        # the letters drawn on the page (Arabic then came back as presentation forms, some lost).
        rules.append(_face(family + FIELDS, path, "100 900", "normal"))
    stack = font_stack(content_dir, declared)
    rules.append(f"html {{ font-family: {stack}; }}")
    rules.append(_margin_boxes(stack))
    return "\n".join(rules) + "\n"


def _margin_boxes(stack: str) -> str:
    boxes = (f"@{box} {{ font-family: {stack}; overflow-wrap: anywhere; }}" for box in ("bottom-left", "bottom-right"))
    return "@page { " + " ".join(boxes) + " }"


def _face(family: str, url: str, weight: str, style: str) -> str:
    return f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; src: url("{url}"); }}'


def site_font_css(content_dir: Path, declared: Sequence[str]) -> str:
    """fonts.css of the website (in assets/guidegen/): the shipped faces with their ranges, then
    the editor's fonts, and Material's text font set to the whole list."""
    rules = ["/* Atkinson Hyperlegible Next, served from this site (no font service is contacted). SIL Open"]
    rules.append("   Font License 1.1: see fonts/LICENSE.txt. Generated by guidegen from site_config.yml. */")
    for subset in SUBSETS:
        for weight, style in FACES:
            url = f"fonts/{shipped_file(subset, weight, style).name}"
            face = _face(FAMILY, url, weight, style)
            rules.append(face[:-2] + f" font-display: swap; unicode-range: {RANGES[subset]}; }}")
    fallbacks = fallback_families(content_dir, declared)
    for family, path in zip(fallbacks, declared, strict=True):
        rules.append(_face(family, f"../../{path}", "100 900", "normal"))
    rules.append(f":root {{ --md-text-font: {site_font_stack(content_dir, declared)}; }}")
    return "\n".join(rules) + "\n"


def site_font_stack(content_dir: Path, declared: Sequence[str]) -> str:
    """The website's CSS font-family list (fonts.css defines each): ours, then the editor's."""
    return ", ".join([f'"{FAMILY}"', *(f'"{f}"' for f in fallback_families(content_dir, declared))])


def declared_files(content_dir: Path, declared: Sequence[str]) -> list[Path]:
    return [content_dir / path for path in declared]


def covered(content_dir: Path, declared: Sequence[str]) -> frozenset[int]:
    """Every code point some configured font can draw, in every shipped face."""
    letters: set[int] = set()
    for subset in SUBSETS:
        faces = [_cmap(str(shipped_file(subset, w, s, "woff")), 0.0) for w, s in FACES]
        letters |= frozenset.intersection(*faces)  # a letter only the bold face has would still go missing
    for path in declared_files(content_dir, declared):
        letters |= _cmap(str(path), _mtime(path))
    return frozenset(letters)


def field_family(content_dir: Path, declared: Sequence[str], sample: str) -> str | None:
    """The family the PDFs' form fields should use when ours cannot write the guide's language:
    the first declared font with every letter of sample (the guide's own words in that language),
    else the one with most of them; None when Atkinson Hyperlegible Next has them all.

    A field names one font, which WeasyPrint embeds whole, and a viewer draws what is typed in it
    with that font alone: a Latin font there made Urdu typed into a field invisible."""
    letters = {ord(c) for c in sample if drawn_letter(c)}
    shipped = covered(content_dir, ())
    if letters <= shipped:
        return None
    files = declared_files(content_dir, declared)
    counts = [len(letters & _cmap(str(path), _mtime(path))) for path in files]
    if not counts or max(counts) == 0:
        return None
    return fallback_families(content_dir, declared)[counts.index(max(counts))] + FIELDS


def drawn_letter(char: str) -> bool:
    """A letter, mark or digit (not a space, punctuation or a control): what decides a script."""
    import unicodedata

    return unicodedata.category(char)[0] in "LMN"


def text_measure(content_dir: Path, declared: Sequence[str]) -> Callable[[str], float]:
    """A ring label's width in em as the PDFs draw it (bold): each letter's advance in the first
    of the guide's fonts that has it. Letters are measured one by one, unshaped: joined Arabic
    and Nastaliq, and Bengali's conjuncts, come out narrower than their letters alone, so the
    measure errs on the wide side, and a label fitted with it does not spill. A declared font
    has one face, which WeasyPrint emboldens itself: a little wider."""
    shipped = [shipped_file(subset, "700", "normal", "woff") for subset in SUBSETS]
    tables = [_advances(str(path), 0.0) for path in shipped]
    tables += [_advances(str(path), _mtime(path)) for path in declared_files(content_dir, declared)]
    widen = [1.0] * len(shipped) + [1.05] * (len(tables) - len(shipped))

    def measure(text: str) -> float:
        total = 0.0
        for char in text:
            found = next(((table, k) for table, k in zip(tables, widen, strict=True) if ord(char) in table), None)
            total += found[0][ord(char)] * found[1] if found else 0.6  # a box, about this wide
        return total * 1.03  # the bold of a label and a little room either side

    return measure


@cache
def _advances(path: str, mtime: float) -> dict[int, float]:
    """Code point -> its glyph's advance width in em, for one font file."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        per_em = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        return {code: metrics[name][0] / per_em for code, name in (font.getBestCmap() or {}).items()}


def font_problem(path: Path) -> str | None:
    """None if path is a font file we can read, else what is wrong with it."""
    if path.suffix.lower() not in FONT_SUFFIXES:
        return f"'{path.name}' is not a font file: use a .ttf, .otf, .woff or .woff2 file"
    if not path.is_file():
        return f"the font file '{path.name}' was not found in content/assets/fonts/; check the spelling"
    try:
        _cmap(str(path), _mtime(path))
    except Exception:  # fontTools raises many kinds of error for a damaged file
        return f"'{path.name}' could not be read as a font; download it again or choose another font"
    return None


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@cache
def _cmap(path: str, mtime: float) -> frozenset[int]:
    """The code points a font file maps to glyphs (mtime makes an edited file read again)."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


@cache
def _family(path: str, mtime: float) -> str:
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
