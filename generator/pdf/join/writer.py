"""Join booklet parts, each laid out by WeasyPrint on its own, into one tagged PDF (PDF/UA-1).

Laying out the whole guide at once costs time and memory that grow with every activity, and
an edit to one activity would lay everything out again. Parts are cached instead, and joined
here without losing what PDF/UA needs: one structure tree (each part's Document children under
one Document, parent-tree keys renumbered), named destinations (so links between parts work),
the outline, and fonts (each part embeds the whole font; identical font files are kept once).
"Page X of Y" can only be known after joining, so it is drawn here, marked as an artifact.

The join streams: it opens one part at a time (pikepdf), writes its objects out renumbered,
keeps only the small things the end needs (page numbers, parent-tree entries, destinations,
bookmarks) and closes it. A 1,500-page booklet holds some 180,000 objects; holding them all
at once, as a merge in pikepdf would, took close to 900 MB.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf

MM = 72 / 25.4
FOOTER_FONT = "Atkinson-Hyperlegible-Next"  # the regular face: its FontName after the subset tag
FOOTER_SIZE = 8.5  # pt, as common.css draws the handouts' footers
FOOTER_RIGHT = 15 * MM  # the page's right margin
FOOTER_TOP = 17 * MM  # bottom margin (20 mm) less the footer's 3 mm padding, from the page's bottom
FOOTER_LINE_HEIGHT = 1.4
FOOTER_GREY = "0.2 0.2 0.2"  # #333
FOOTER_CHARACTERS = "Page of 0123456789"
OBJECTS_PER_STREAM = 200

# Tokens of an unparsed object: literal strings (qpdf escapes every parenthesis inside),
# hex strings, and references, the only thing rewritten.
TOKENS = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|(?<![\w.])(\d+) (\d+) R\b")
# A reference to an object of the joined PDF, put in a part's object before it is unparsed.
PLACEHOLDER = re.compile(rb"/GuidegenObject(\d+)")


def _placeholder(number: int) -> Name:
    return Name(f"/GuidegenObject{number}")


@dataclass
class Part:
    """A laid-out part: where its PDF is, and the named destinations it really holds (not its link targets)."""

    source: bytes | Path  # the PDF, or its file: a large booklet's parts are not all held in memory
    link_targets: frozenset[str]
    page_count: int = 0
    anchors: dict[str, int] = field(default_factory=dict)  # name -> page index within the part

    @classmethod
    def open(cls, source: bytes | Path, link_targets: Sequence[str] = ()) -> Part:
        part = cls(source, frozenset(link_targets))
        with part.pdf() as pdf:
            part.page_count = len(pdf.pages)
            pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
            for name, dest in _named_dests(pdf):
                if name not in part.link_targets:
                    part.anchors[name] = pages[dest[0].objgen]
        return part

    def pdf(self) -> Pdf:
        data = self.source.read_bytes() if isinstance(self.source, Path) else self.source
        return Pdf.open(io.BytesIO(data))


def page_numbers(parts: Sequence[Part], first_page: int) -> dict[str, int]:
    """Anchor -> page number in the joined PDF, when the first part starts on first_page."""
    numbers: dict[str, int] = {}
    start = first_page
    for part in parts:
        for name, index in part.anchors.items():
            numbers.setdefault(name, start + index)
        start += part.page_count
    return numbers


def join(front: Part, parts: Sequence[Part], nested: Sequence[bool], footer_size: float = FOOTER_SIZE) -> bytes:
    """The front part with every other part after it, as one PDF.

    nested[i] says the outline entries of parts[i] belong under the last top-level entry before
    it (an activity after the first sits under "Activities", which the first activity's part holds).
    footer_size: of "Page X of Y", in points (larger in the large-print booklet).
    """
    joined = _Joined(front.page_count + sum(part.page_count for part in parts), footer_size)
    joined.add(front, nested=False, front=True)
    for part, under_previous in zip(parts, nested, strict=True):
        joined.add(part, nested=under_previous)
    return joined.finish()


Entry = tuple[bytes, bytes, list["Entry"]]  # title and destination, unparsed; children


class _Joined:
    """The joined PDF as it is written: numbers 1-9 are the objects made at the end."""

    CATALOG, PAGES, TREE, DOCUMENT, PARENT_TREE, DESTS, OUTLINES, FONT, INFO = range(1, 10)

    def __init__(self, total_pages: int, footer_size: float) -> None:
        self.out = _Writer(first_free=10)
        self.total_pages, self.footer_size = total_pages, footer_size
        self.pages: list[int] = []
        self.document_kids: list[int] = []
        self.parent_tree: list[tuple[int, bytes]] = []
        self.next_key = 0
        self.dests: dict[str, bytes] = {}
        self.outline: list[Entry] = []
        self.font_files: dict[str, int] = {}  # sha256 of a font file -> its number
        self.footer: _FooterFont | None = None
        self.catalog = b""
        self.info = b""

    def add(self, part: Part, *, nested: bool, front: bool = False) -> None:
        with part.pdf() as pdf:
            self._add(pdf, part, nested=nested, front=front)

    def _add(self, pdf: Pdf, part: Part, *, nested: bool, front: bool) -> None:
        root = pdf.Root
        tree = root.StructTreeRoot
        document = tree.K[0]
        skip = {root.objgen, root.Pages.objgen, tree.objgen, document.objgen, tree.ParentTree.objgen}
        skip |= {item.objgen for item in _outline_objects(pdf)}
        names = root.get("/Names")
        if names is not None:
            skip |= {obj.objgen for obj in (names, names.get("/Dests")) if obj is not None and obj.is_indirect}
        if not front and "/Metadata" in root:
            skip.add(root.Metadata.objgen)
        if "/Info" in pdf.trailer and pdf.trailer.Info.is_indirect:
            skip.add(pdf.trailer.Info.objgen)
        kids = [kid for kid in document.K if _has_content(kid)]
        skip |= {obj.objgen for kid in document.K if not _has_content(kid) for obj in _elements(kid)}
        objects = list(pdf.objects)
        descriptors = []
        for obj in objects:
            kind = obj.get("/Type") if isinstance(obj, Dictionary) else None
            if kind == Name.FontDescriptor:
                descriptors.append(obj)
            elif kind == Name.StructElem and "/P" in obj and obj.P.is_indirect and obj.P.objgen == document.objgen:
                # Elements whose parent is the part's Document (its kids, and the NonStruct
                # WeasyPrint makes of each page's running footer) get the joined Document.
                obj.P = _placeholder(self.DOCUMENT)
        numbers = self._number(objects, descriptors, skip)
        part_keys = [(key, value) for key, value in _number_tree(tree.ParentTree)]
        for index, page in enumerate(pdf.pages):
            self._page(page.obj, len(self.pages) + index + 1)
        for obj in objects:
            if obj.objgen in numbers and obj.objgen not in skip:
                self._write(numbers[obj.objgen], obj, numbers)
        for key, value in part_keys:
            self.parent_tree.append((key + self.next_key, _value(value, numbers)))
        self.next_key += max((key for key, _ in part_keys), default=-1) + 1
        self.pages += [numbers[page.obj.objgen] for page in pdf.pages]
        self.document_kids += [numbers[kid.objgen] for kid in kids]
        for name, dest in _named_dests(pdf):
            if name not in part.link_targets:
                self.dests.setdefault(name, _value(dest, numbers))
        entries = [self._entry(item, numbers) for item in _outline_items(pdf)]
        if nested and self.outline:
            self.outline[-1][2].extend(entries)
        else:
            self.outline.extend(entries)
        if front:
            self._front(pdf, numbers)

    def _number(
        self, objects: list[Any], descriptors: list[Any], skip: set[tuple[int, int]]
    ) -> dict[tuple[int, int], int]:
        """A number in the joined PDF for each object written; a font file seen before gets the first one's."""
        numbers: dict[tuple[int, int], int] = {}
        for descriptor in descriptors:
            program = descriptor.get("/FontFile2")
            if program is None:
                continue
            digest = hashlib.sha256(program.read_raw_bytes()).hexdigest()
            if digest in self.font_files:
                numbers[program.objgen] = self.font_files[digest]
                skip.add(program.objgen)
            else:
                numbers[program.objgen] = self.font_files[digest] = self.out.number()
        for obj in objects:
            if obj.objgen in skip or obj.objgen in numbers:
                continue
            if isinstance(obj, pikepdf.Stream) and obj.get("/Type") in (Name.ObjStm, Name.XRef):
                continue
            numbers[obj.objgen] = self.out.number()
        # The footer's font is the regular face, which every part embeds.
        regular = [d for d in descriptors if str(d.FontName).split("+")[-1] == FOOTER_FONT]
        if self.footer is None and regular:
            self.footer = _FooterFont.make(regular[0], numbers[regular[0].objgen], self.FONT, self.footer_size)
        return numbers

    def _page(self, page: Dictionary, number: int) -> None:
        """Renumber its parent-tree keys; add 'Page X of Y' (not on the cover)."""
        page.Parent = _placeholder(self.PAGES)
        page.StructParents = int(page.StructParents) + self.next_key
        for annotation in page.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + self.next_key
        if number == 1:
            return
        assert self.footer is not None, "the parts embed the regular face of the footer's font"
        resources = page.Resources
        if "/Font" not in resources:
            resources.Font = Dictionary()
        resources.Font.GGPageNumber = _placeholder(self.FONT)
        width = float(page.MediaBox[2]) - float(page.MediaBox[0])
        text = f"Page {number} of {self.total_pages}"
        x = width - FOOTER_RIGHT - self.footer.width(text)
        stamp = (
            f"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
            f"BT /GGPageNumber {self.footer.size} Tf {FOOTER_GREY} rg {x:.3f} {self.footer.baseline:.3f} Td "
            f"<{self.footer.encode(text)}> Tj ET\nEMC\n"
        ).encode()
        before, after = self.out.number(), self.out.number()
        self.out.stream(before, b"<< /Length 2 >>", b"q\n")
        self.out.stream(after, b"<< /Length %d >>" % len(stamp), stamp)
        contents = page.Contents
        inner = list(contents) if isinstance(contents, Array) else [contents]
        page.Contents = Array([_placeholder(before), *inner, _placeholder(after)])

    def _write(self, number: int, obj: Any, numbers: dict[tuple[int, int], int]) -> None:
        if isinstance(obj, pikepdf.Stream):
            raw = obj.read_raw_bytes()
            head = obj.stream_dict
            head.Length = len(raw)
            self.out.stream(number, _unparse(head, numbers), raw)
        else:
            self.out.object(number, _unparse(obj, numbers))

    def _entry(self, item: pikepdf.OutlineItem, numbers: dict[tuple[int, int], int]) -> Entry:
        dest = item.destination
        assert isinstance(dest, Array), "WeasyPrint writes explicit destinations in the outline"
        children = [self._entry(child, numbers) for child in item.children]
        return pikepdf.String(item.title).unparse(), _value(dest, numbers), children

    def _front(self, pdf: Pdf, numbers: dict[tuple[int, int], int]) -> None:
        """The catalog and document information come from the front (title, language, metadata)."""
        root = pdf.Root
        for key in ("/Pages", "/StructTreeRoot", "/Names", "/Outlines"):
            if key in root:
                del root[key]
        root.Pages = _placeholder(self.PAGES)
        root.StructTreeRoot = _placeholder(self.TREE)
        root.Names = Dictionary(Dests=_placeholder(self.DESTS))
        root.Outlines = _placeholder(self.OUTLINES)
        self.catalog = _unparse(root, numbers)
        self.info = _unparse(pdf.trailer.Info, numbers) if "/Info" in pdf.trailer else b"<< >>"

    def finish(self) -> bytes:
        out = self.out
        out.object(self.PAGES, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(self.pages), _refs(self.pages)))
        out.object(
            self.DOCUMENT,
            b"<< /Type /StructElem /S /Document /P %d 0 R /K [%s] >>" % (self.TREE, _refs(self.document_kids)),
        )
        nums = b" ".join(b"%d %s" % (key, value) for key, value in sorted(self.parent_tree))
        out.object(self.PARENT_TREE, b"<< /Nums [%s] >>" % nums)
        out.object(
            self.TREE,
            b"<< /Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d >>"
            % (self.DOCUMENT, self.PARENT_TREE, self.next_key),
        )
        names = b" ".join(pikepdf.String(name).unparse() + b" " + self.dests[name] for name in sorted(self.dests))
        out.object(self.DESTS, b"<< /Names [%s] >>" % names)
        self._write_outline()
        assert self.footer is not None
        self.footer.write(out)
        out.object(self.CATALOG, self.catalog)
        out.object(self.INFO, self.info)
        return out.finish(self.CATALOG, self.INFO)

    def _write_outline(self) -> None:
        def place(entries: list[Entry], parent: int) -> int:
            """Write entries under parent; return how many are visible (every entry is open)."""
            numbers = [self.out.number() for _ in entries]
            visible = len(entries)
            for index, (title, dest, children) in enumerate(entries):
                fields = [b"/Title " + title, b"/Dest " + dest, b"/Parent %d 0 R" % parent]
                if index:
                    fields.append(b"/Prev %d 0 R" % numbers[index - 1])
                if index + 1 < len(entries):
                    fields.append(b"/Next %d 0 R" % numbers[index + 1])
                if children:
                    count = place(children, numbers[index])
                    first, last = self._outline_ends[numbers[index]]
                    fields += [b"/First %d 0 R" % first, b"/Last %d 0 R" % last, b"/Count %d" % count]
                    visible += count
                self.out.object(numbers[index], b"<< " + b" ".join(fields) + b" >>")
            if numbers:
                self._outline_ends[parent] = (numbers[0], numbers[-1])
            return visible

        self._outline_ends: dict[int, tuple[int, int]] = {}
        count = place(self.outline, self.OUTLINES)
        fields = b"/Type /Outlines"
        if self.outline:
            first, last = self._outline_ends[self.OUTLINES]
            fields += b" /First %d 0 R /Last %d 0 R /Count %d" % (first, last, count)
        self.out.object(self.OUTLINES, b"<< " + fields + b" >>")


class _Writer:
    """Numbered objects written as they come: streams at once, the rest packed into compressed
    object streams; a cross-reference stream at the end. Same objects, same bytes."""

    def __init__(self, first_free: int) -> None:
        self.buffer = io.BytesIO()
        self.buffer.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        self.next = first_free
        self.where: dict[int, tuple[int, int, int]] = {}  # number -> xref entry (type, field 2, field 3)
        self.packed: list[tuple[int, bytes]] = []

    def number(self) -> int:
        self.next += 1
        return self.next - 1

    def object(self, number: int, body: bytes) -> None:
        self.packed.append((number, body))
        if len(self.packed) >= OBJECTS_PER_STREAM:
            self._pack()

    def stream(self, number: int, head: bytes, data: bytes) -> None:
        self.where[number] = (1, self.buffer.tell(), 0)
        self.buffer.write(b"%d 0 obj\n%s\nstream\n" % (number, head))
        self.buffer.write(data)
        self.buffer.write(b"\nendstream\nendobj\n")

    def _pack(self) -> None:
        if not self.packed:
            return
        number = self.number()
        offsets, bodies, at = [], [], 0
        for index, (packed, body) in enumerate(self.packed):
            offsets.append(b"%d %d" % (packed, at))
            bodies.append(body)
            at += len(body) + 1
            self.where[packed] = (2, number, index)
        header = b" ".join(offsets) + b"\n"
        data = zlib.compress(header + b"\n".join(bodies) + b"\n", 6)
        head = b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>" % (
            len(self.packed),
            len(header),
            len(data),
        )
        self.packed = []
        self.stream(number, head, data)

    def finish(self, root: int, info: int) -> bytes:
        self._pack()
        xref = self.number()
        identity = hashlib.md5(self.buffer.getvalue(), usedforsecurity=False).hexdigest().encode()
        self.where[xref] = (1, self.buffer.tell(), 0)
        rows = bytearray()
        for number in range(self.next):
            kind, second, third = self.where.get(number, (0, 0, 65535 if number == 0 else 0))
            rows += bytes([kind]) + second.to_bytes(4, "big") + third.to_bytes(2, "big")
        data = zlib.compress(bytes(rows), 6)
        head = (
            b"<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] "
            b"/Filter /FlateDecode /Length %d >>" % (self.next, root, info, identity, identity, len(data))
        )
        start = self.buffer.tell()
        self.buffer.write(b"%d 0 obj\n%s\nstream\n" % (xref, head) + data + b"\nendstream\nendobj\n")
        self.buffer.write(b"startxref\n%d\n%%%%EOF\n" % start)
        return self.buffer.getvalue()


def _refs(numbers: list[int]) -> bytes:
    return b" ".join(b"%d 0 R" % n for n in numbers)


def _unparse(obj: Any, numbers: dict[tuple[int, int], int]) -> bytes:
    """An object of a part, written out in full, its references renumbered for the joined PDF."""

    def renumber(match: re.Match[bytes]) -> bytes:
        if match.group(1) is None:
            return match.group(0)  # a string: left as it is
        reference = (int(match.group(1)), int(match.group(2)))
        if reference not in numbers:
            raise RuntimeError(f"joining the booklet: object {reference} refers to one the join leaves out")
        return b"%d 0 R" % numbers[reference]

    text = TOKENS.sub(renumber, obj.unparse(resolved=True))
    return PLACEHOLDER.sub(rb"\1 0 R", text)


def _value(value: Any, numbers: dict[tuple[int, int], int]) -> bytes:
    """A value held elsewhere (a parent-tree entry, a destination): a reference stays one."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return b"%d 0 R" % numbers[value.objgen]
    if isinstance(value, pikepdf.Object):
        return _unparse(value, numbers)
    return pikepdf.Array([value]).unparse()[1:-1].strip()  # a number or a boolean


def _number_tree(node: Any) -> Iterator[tuple[int, Any]]:
    """Every (key, value) of a number tree, WeasyPrint's flat one or one with kids."""
    if "/Nums" in node:
        flat = list(node.Nums)
        for index in range(0, len(flat), 2):
            yield int(flat[index]), flat[index + 1]
    for kid in node.get("/Kids", []):
        yield from _number_tree(kid)


def _named_dests(pdf: Pdf) -> Iterator[tuple[str, Any]]:
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return
    tree = pikepdf.NameTree(names.Dests)
    for name in tree.keys():  # noqa: SIM118 (NameTree is not a plain mapping)
        dest = tree[name]
        yield name, dest.D if isinstance(dest, Dictionary) else dest


def _outline_items(pdf: Pdf) -> list[pikepdf.OutlineItem]:
    with pdf.open_outline() as outline:
        return list(outline.root)


def _outline_objects(pdf: Pdf) -> Iterator[Any]:
    """The outline's own dictionaries, which the join writes anew."""
    outlines = pdf.Root.get("/Outlines")
    if outlines is None:
        return
    yield outlines
    stack = [outlines.get("/First")]
    while stack:
        item = stack.pop()
        while item is not None:
            yield item
            stack.append(item.get("/First"))
            item = item.get("/Next")


def _elements(element: Any) -> Iterator[Any]:
    yield element
    kids = element.get("/K")
    for kid in kids if isinstance(kids, Array) else [kids]:
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.StructElem:
            yield from _elements(kid)


def _has_content(element: Any) -> bool:
    """True if a structure element marks any content: the parts' empty link targets do not."""
    if isinstance(element, int):
        return True  # a marked-content id
    if isinstance(element, Array):
        return any(_has_content(kid) for kid in element)
    if isinstance(element, Dictionary):
        if element.get("/Type") in (Name.MCR, Name.OBJR) or "/MCID" in element:
            return True
        return "/K" in element and _has_content(element.K)
    return False


@dataclass
class _FooterFont:
    """A small Type 0 font for 'Page X of Y' over the regular face's file, which the parts embed."""

    number: int
    descriptor: int
    name: bytes
    glyphs: dict[str, int]  # character -> glyph id (= CID, Identity mapping)
    advances: dict[str, float]  # character -> width in 1/1000 em
    baseline: float
    size: float  # points

    @classmethod
    def make(cls, descriptor: Dictionary, descriptor_number: int, number: int, size: float) -> _FooterFont:
        from fontTools.ttLib import TTFont

        program = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))
        scale = 1000 / program["head"].unitsPerEm
        cmap = program.getBestCmap()
        characters = sorted(set(FOOTER_CHARACTERS))
        glyphs = {c: program.getGlyphID(cmap[ord(c)]) for c in characters}
        advances = {c: program["hmtx"][cmap[ord(c)]][0] * scale for c in characters}
        hhea = program["hhea"]
        content = (hhea.ascent - hhea.descent) * scale / 1000 * size
        half_leading = (FOOTER_LINE_HEIGHT * size - content) / 2
        baseline = FOOTER_TOP - half_leading - hhea.ascent * scale / 1000 * size
        return cls(number, descriptor_number, descriptor.FontName.unparse(), glyphs, advances, baseline, size)

    def width(self, text: str) -> float:
        return sum(self.advances[c] for c in text) * self.size / 1000

    def encode(self, text: str) -> str:
        return "".join(f"{self.glyphs[c]:04x}" for c in text)

    def write(self, out: _Writer) -> None:
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
