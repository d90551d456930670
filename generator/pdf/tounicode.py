"""Fonts' ToUnicode maps completed, so every glyph drawn reads back as text (PDF/UA-1, 7.21.7).

WeasyPrint 70 writes each font's ToUnicode map in one of two ways:

- a font embedded whole (`full_fonts`, our booklet parts; a form field's font) gets the font's
  cmap only: a glyph that shaping substitutes (Arabic lam-alef, Bengali conjuncts, positional
  forms) has no cmap entry, so it is drawn with no text at all; and a cmap entry for U+0000 (the
  Noto fonts' NULL glyph) is written as `<05d5> <0000>`, a value PDF/UA forbids;
- a subset font gets the text of each HarfBuzz cluster on the cluster's first glyph and nothing
  (`<>`) on the others (a Bengali vowel sign drawn before its consonant).

`complete_to_unicode` touches only a font that needs it (a code drawn with no text, an empty or
forbidden value), so other fonts keep their bytes. The text for a glyph comes from the embedded
font file: its cmap, then its GSUB substitutions (fontTools), followed until nothing changes:
a single or alternate substitution's glyph reads as the glyph it replaces, a ligature as its
components in order (Identity-H codes are glyph ids, so the font file alone decides), an Arabic
presentation form (the cmap's name for a positional glyph) as its letters. What the
page looks like does not change; only the ToUnicode stream is replaced.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name

FORBIDDEN = {"\x00", "\ufeff", "\ufffe"}
TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")


# ------------------------------------------------------------------ the CMap, read and written
def read_cmap(data: bytes) -> dict[int, str]:
    """Code -> text of a ToUnicode CMap with 2-byte codes (bfchar and bfrange)."""
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        values = HEX.findall(block)
        for code, text in zip(values[::2], values[1::2], strict=False):
            mapping[int(_hex(code), 16)] = _text(text)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in re.findall(rb"<[^>]*>\s*<[^>]*>\s*(?:<[^>]*>|\[[^\]]*\])", block):
            values = HEX.findall(line)
            low, high = int(_hex(values[0]), 16), int(_hex(values[1]), 16)
            if b"[" in line:
                for code, text in zip(range(low, high + 1), values[2:], strict=False):
                    mapping[code] = _text(text)
            else:
                first = _text(values[2])
                for code in range(low, high + 1):
                    mapping[code] = first[:-1] + chr(ord(first[-1]) + code - low) if first else ""
    return mapping


def _hex(value: bytes) -> str:
    return re.sub(rb"\s", b"", value).decode() or "0"


def _text(value: bytes) -> str:
    digits = re.sub(rb"\s", b"", value)
    return bytes.fromhex(digits.decode()).decode("utf-16-be", errors="replace") if digits else ""


def write_cmap(mapping: dict[int, str]) -> bytes:
    """A ToUnicode CMap, as WeasyPrint writes one: bfchar entries, 100 a block."""
    lines = [
        b"/CIDInit /ProcSet findresource begin",
        b"12 dict begin",
        b"begincmap",
        b"/CIDSystemInfo",
        b"<< /Registry (Adobe)",
        b"/Ordering (UCS)",
        b"/Supplement 0",
        b">> def",
        b"/CMapName /Adobe-Identity-UCS def",
        b"/CMapType 2 def",
        b"1 begincodespacerange",
        b"<0000> <ffff>",
        b"endcodespacerange",
    ]
    items = sorted(mapping.items())
    for start in range(0, len(items), 100):
        batch = items[start : start + 100]
        lines.append(b"%d beginbfchar" % len(batch))
        lines += [b"<%04x> <%s>" % (code, text.encode("utf-16-be").hex().encode()) for code, text in batch]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)


def valid(text: str | None) -> bool:
    return bool(text) and not (set(text or "") & FORBIDDEN)


# ------------------------------------------------------------------ text of glyphs, from the font
def glyph_texts(font_file: bytes) -> dict[int, str]:
    """Glyph id -> text, from a TrueType/OpenType font's cmap and GSUB substitutions."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_file), lazy=True)
    ids = {name: index for index, name in enumerate(font.getGlyphOrder())}
    texts: dict[str, str] = {}
    for code, name in sorted((font.getBestCmap() or {}).items()):
        if chr(code) not in FORBIDDEN:
            texts.setdefault(name, chr(code))
    rules = list(_substitutions(font)) if "GSUB" in font else []
    changed = True
    while changed:
        changed = False
        for inputs, outputs in rules:
            if outputs in texts or not all(name in texts for name in inputs):
                continue
            texts[outputs] = "".join(texts[name] for name in inputs)
            changed = True
    return {ids[name]: _letters(text) for name, text in texts.items() if name in ids}


def _letters(text: str) -> str:
    """Arabic presentation forms (a font's cmap maps its positional glyphs to them) as the letters."""
    if any(0xFB50 <= ord(char) <= 0xFDFF or 0xFE70 <= ord(char) <= 0xFEFE for char in text):
        return unicodedata.normalize("NFKC", text)
    return text


def _substitutions(font: Any) -> Iterator[tuple[tuple[str, ...], str]]:
    """(input glyphs, output glyph) of every single, alternate and ligature substitution."""
    lookups = font["GSUB"].table.LookupList
    for lookup in lookups.Lookup if lookups else []:
        for table in lookup.SubTable:
            kind = lookup.LookupType
            if kind == 7:  # an extension: the real subtable inside
                kind, table = table.ExtensionLookupType, table.ExtSubTable
            if kind == 1:
                for source, target in table.mapping.items():
                    yield (source,), target
            elif kind == 3:
                for source, targets in table.alternates.items():
                    for target in targets:
                        yield (source,), target
            elif kind == 4:
                for first, ligatures in table.ligatures.items():
                    for ligature in ligatures:
                        yield (first, *ligature.Component), ligature.LigGlyph
            elif kind == 8:
                for source, target in zip(table.Coverage.glyphs, table.Substitute, strict=False):
                    yield (source,), target


# ------------------------------------------------------------------ codes drawn, per font
def drawn_codes(pdf: pikepdf.Pdf) -> dict[tuple[int, int], set[int]]:
    """Font object -> the 2-byte codes its Type0 font draws on pages, in forms and appearances."""
    drawn: dict[tuple[int, int], set[int]] = {}
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        _scan(page.obj, page.obj.get("/Resources"), drawn, seen)
        for annotation in page.obj.get("/Annots", []):
            appearance = annotation.get("/AP")
            normal = appearance.get("/N") if isinstance(appearance, Dictionary) else None
            streams = [normal] if isinstance(normal, pikepdf.Stream) else []
            if isinstance(normal, Dictionary) and not isinstance(normal, pikepdf.Stream):
                streams = [value for value in normal.values() if isinstance(value, pikepdf.Stream)]
            for stream in streams:
                _scan(stream, stream.get("/Resources"), drawn, seen)
    return drawn


def _scan(content: Any, resources: Any, drawn: dict[tuple[int, int], set[int]], seen: set[tuple[int, int]]) -> None:
    if content.is_indirect:
        if content.objgen in seen:
            return
        seen.add(content.objgen)
    fonts: Any = resources.get("/Font", {}) if isinstance(resources, Dictionary) else {}
    xobjects: Any = resources.get("/XObject", {}) if isinstance(resources, Dictionary) else {}
    font: set[int] | None = None
    for instruction in pikepdf.parse_content_stream(content):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        operands, name = instruction.operands, str(instruction.operator)
        if name == "Tf":
            candidate: Any = fonts.get(str(operands[0]))
            composite = isinstance(candidate, Dictionary) and candidate.get("/Subtype") == Name.Type0
            font = drawn.setdefault(candidate.objgen, set()) if composite and candidate.is_indirect else None
        elif name in TEXT_OPERATORS and font is not None:
            strings = operands[0] if name == "TJ" else operands[-1:]
            for item in strings:
                if isinstance(item, pikepdf.String):
                    data = bytes(item)
                    font.update(int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2))
        elif name == "Do":
            xobject = xobjects.get(str(operands[0]))
            if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == Name.Form:
                _scan(xobject, xobject.get("/Resources", resources), drawn, seen)


# ------------------------------------------------------------------ the repair
def complete_to_unicode(pdf: pikepdf.Pdf, font_files: Sequence[Path] = ()) -> bool:
    """Give every drawn code of every Type0 font a valid ToUnicode value; True if any map changed.

    font_files: the fonts the document was laid out with (the guide's declared fonts). A subset
    WeasyPrint embeds keeps the glyph ids of its font but not its GSUB table: the text of a
    glyph only GSUB reaches is taken from the whole font the subset was made of."""
    changed = False
    for objgen, codes in drawn_codes(pdf).items():
        font = pdf.get_object(objgen)
        stream = font.get("/ToUnicode")
        mapping = read_cmap(stream.read_bytes()) if isinstance(stream, pikepdf.Stream) else {}
        if all(valid(text) for text in mapping.values()) and all(code in mapping for code in codes):
            continue
        kept = {code: text for code, text in mapping.items() if valid(text)}
        texts = _font_texts(font, font_files)
        for code in codes:
            if code not in kept and code in texts:
                kept[code] = texts[code]
        font.ToUnicode = pdf.make_stream(write_cmap(kept))
        changed = True
    return changed


def _font_texts(font: Any, font_files: Sequence[Path]) -> dict[int, str]:
    """Glyph id -> text of the font file a Type0 font with Identity-H (CID = glyph id) embeds."""
    if font.get("/Encoding") != Name("/Identity-H"):
        return {}
    descendant = font.DescendantFonts[0]
    if descendant.get("/CIDToGIDMap", Name.Identity) != Name.Identity:
        return {}
    program = descendant.FontDescriptor.get("/FontFile2")
    if program is None:
        program = descendant.FontDescriptor.get("/FontFile3")
    if program is None:
        return {}
    embedded = program.read_bytes()
    texts = glyph_texts(embedded)
    whole = _whole_font(embedded, font_files)
    return {**glyph_texts(whole.read_bytes()), **texts} if whole is not None else texts


def _whole_font(embedded: bytes, font_files: Sequence[Path]) -> Path | None:
    """The font a GSUB-less subset was made of: same PostScript name, same glyph for every letter."""
    from fontTools.ttLib import TTFont

    subset = TTFont(io.BytesIO(embedded), lazy=True)
    if "GSUB" in subset or "name" not in subset:
        return None
    name = subset["name"].getDebugName(6)
    letters = subset.getBestCmap() or {}
    subset_ids = {code: subset.getGlyphID(glyph) for code, glyph in letters.items()}
    for path in font_files:
        try:
            whole = TTFont(path, lazy=True)
        except Exception:  # not a font fontTools reads: not the one
            continue
        if "GSUB" not in whole or "name" not in whole or whole["name"].getDebugName(6) != name:
            continue
        cmap = whole.getBestCmap() or {}
        if all(code in cmap and whole.getGlyphID(cmap[code]) == gid for code, gid in subset_ids.items()):
            return path
    return None
