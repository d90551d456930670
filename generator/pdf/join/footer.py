"""The pages' footer: where it sits (one place, for the stylesheets and the join), and the
"Page X of Y" the join draws on every booklet page but the cover: at the end of the line, so at
the right margin, or the left one in a right-to-left language (as WeasyPrint draws the handouts').

WeasyPrint draws the handouts' footers from the stylesheets; the booklet is laid out in parts,
so only the join knows its page count and draws the page numbers itself, as a pagination
artifact, with the regular face the parts embed. `page_css` gives WeasyPrint the same
geometry, so the two footers cannot drift apart.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pikepdf import Dictionary

from .shape import fail
from .writer import ObjectWriter

MM = 72 / 25.4
SIZE = 8.5  # pt
MARGINS_MM = (15, 15, 20, 15)  # the page's top, right, bottom and left margins
PADDING_MM = 3  # between the page's content and its footer
LINE_HEIGHT = 1.4
GREY = (0.2, 0.2, 0.2)  # #333
RIGHT = MARGINS_MM[1] * MM
LEFT = MARGINS_MM[3] * MM
TOP = (MARGINS_MM[2] - PADDING_MM) * MM  # the footer's top, from the page's bottom
LABEL = "Page %(number)s of %(total)s"  # the interface catalogue gives each language its own
CHARACTERS = "Page of 0123456789"


def label_characters(label: str) -> str:
    """Every character the footer can draw for this wording: its words and the digits."""
    return "".join(sorted(set(label.replace("%(number)s", "").replace("%(total)s", "") + "0123456789")))


PREFERRED_FACE = "Atkinson-Hyperlegible-Next"  # the package's regular face (Next): its FontName after the subset tag


def page_css(size: float | None = None) -> str:
    """The margins and footers' geometry, for every PDF's stylesheets (after ours and a guide's)."""
    grey = "#" + "".join(f"{round(c * 255):02x}" for c in GREY)
    box = f"font-size: {size or SIZE}pt; color: {grey}; vertical-align: top; padding-top: {PADDING_MM}mm;"
    margins = " ".join(f"{m}mm" for m in MARGINS_MM)
    return f"@page {{ margin: {margins}; @bottom-left {{ {box} }} @bottom-right {{ {box} }} }}"


def _face_name(descriptor: Any) -> str:
    return str(descriptor.FontName).lstrip("/").split("+")[-1]


def _regular(descriptor: Any) -> bool:
    name = _face_name(descriptor).lower()
    return (
        not any(word in name for word in ("bold", "italic", "oblique"))
        and float(descriptor.get("/ItalicAngle", 0)) == 0
    )


def footer_face(descriptors: Iterable[Any], characters: str = CHARACTERS) -> Any | None:
    """The font descriptor to draw "Page X of Y" with: an embedded TrueType font that has every
    character it needs; the package's regular face first, then any regular face, then any."""
    fonts = [d for d in descriptors if "/FontFile2" in d]
    fonts.sort(key=lambda d: (_face_name(d) != PREFERRED_FACE, not _regular(d)))
    return next((d for d in fonts if _covers(d, characters)), None)


def choose_footer(descriptors: list[Any], characters: str, part: str) -> Any:
    """The face for the page numbers (footer_face), or a JoinError naming the part and saying what to do."""
    face = footer_face(descriptors, characters)
    if face is None:
        names = sorted({_face_name(d) if "/FontName" in d else "?" for d in descriptors})
        found = f"embeds no TrueType font with every character of '{characters}' (it has: {', '.join(names)})"
        needed = "such a font for the page numbers: use a TrueType font (.ttf, .woff or .woff2) in the PDF stylesheet"
        raise fail(part, found, needed)
    return face


def _covers(descriptor: Any, characters: str = CHARACTERS) -> bool:
    from fontTools.ttLib import TTFont

    try:
        cmap = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes())).getBestCmap() or {}
    except Exception:  # a font fontTools cannot read is one we cannot draw with
        return False
    return all(ord(c) in cmap for c in set(characters))


@dataclass
class FooterFont:
    """A small Type 0 font for 'Page X of Y' over the regular face's file, which the parts embed."""

    number: int
    descriptor: int
    name: bytes
    glyphs: dict[str, int]  # character -> glyph id (= CID, Identity mapping)
    advances: dict[str, float]  # character -> width in 1/1000 em
    baseline: float
    size: float = SIZE  # points: larger in the large-print booklet
    direction: str = "ltr"  # the document's: "rtl" puts the page number at the left margin

    @classmethod
    def make(
        cls,
        descriptor: Dictionary,
        descriptor_number: int,
        number: int,
        size: float = SIZE,
        text: str = CHARACTERS,
        direction: str = "ltr",
    ) -> FooterFont:
        from fontTools.ttLib import TTFont

        program = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))
        scale = 1000 / program["head"].unitsPerEm
        cmap = program.getBestCmap()
        characters = sorted(set(text))
        glyphs = {c: program.getGlyphID(cmap[ord(c)]) for c in characters}
        advances = {c: program["hmtx"][cmap[ord(c)]][0] * scale for c in characters}
        hhea = program["hhea"]
        content = (hhea.ascent - hhea.descent) * scale / 1000 * size
        half_leading = (LINE_HEIGHT * size - content) / 2
        baseline = TOP - half_leading - hhea.ascent * scale / 1000 * size
        name = descriptor.FontName.unparse()
        return cls(number, descriptor_number, name, glyphs, advances, baseline, size, direction)

    def width(self, text: str) -> float:
        return sum(self.advances[c] for c in text) * self.size / 1000

    def encode(self, text: str) -> str:
        return "".join(f"{self.glyphs[c]:04x}" for c in text)

    def stamp(self, resource: str, text: str, page_width: float) -> bytes:
        """The content stream that draws text at the footer's end (its right edge, or its left one
        right to left), as a pagination artifact. The words are the label's, drawn as they come:
        label_characters() holds the catalogue's wording, which for now is in scripts that need no shaping."""
        x = LEFT if self.direction == "rtl" else page_width - RIGHT - self.width(text)
        grey = " ".join(f"{c:g}" for c in GREY)
        return (
            f"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
            f"BT /{resource} {self.size:g} Tf {grey} rg {x:.3f} {self.baseline:.3f} Td "
            f"<{self.encode(text)}> Tj ET\nEMC\n"
        ).encode()

    def write(self, out: ObjectWriter) -> None:
        characters = sorted(self.glyphs)
        widths = b" ".join(b"%d [%d]" % (self.glyphs[c], round(self.advances[c])) for c in characters)
        to_unicode = "\n".join(
            [
                "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
                "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
                "1 begincodespacerange <0000> <ffff> endcodespacerange",
                f"{len(characters)} beginbfchar",
                *(f"<{self.glyphs[c]:04x}> <{ord(c):04x}>" for c in characters),
                "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end",
            ]
        ).encode()
        descendant, cmap = out.number(), out.number()
        out.stream(cmap, b"<< /Length %d >>" % len(to_unicode), to_unicode)
        out.object(
            descendant,
            (
                b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont %s /CIDSystemInfo << /Registry (Adobe) "
                b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /W [%s] /CIDToGIDMap /Identity >>"
            )
            % (self.name, self.descriptor, widths),
        )
        out.object(
            self.number,
            (
                b"<< /Type /Font /Subtype /Type0 /BaseFont %s /Encoding /Identity-H /DescendantFonts [%d 0 R] "
                b"/ToUnicode %d 0 R >>"
            )
            % (self.name, descendant, cmap),
        )
