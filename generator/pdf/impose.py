"""An A5 (or half-letter) booklet -> sheets to print double-sided, fold once and staple.

Saddle stitch: every sheet carries four pages, two on each side, so the booklet is padded with
blank pages to a multiple of four. Printed double-sided, flipped on the short edge, the stack
folds into the booklet in reading order: the first side holds the last page beside the first.

The imposed file is for printing only: it keeps each page's drawing (as a form XObject) but not
its links, form fields, bookmarks or tags. The A5 booklet itself is never written: its parts
go straight into the sheets (join/imposed.py), so the reading copy is always guide.pdf.

`Imposer` streams: each booklet page is written as a form XObject as it comes, with the
resources it draws with (fonts, images), and only the pages' numbers are kept until the sides,
which are tiny, are written at the end. Holding the booklet and its imposed copy in pikepdf
took 2.8 GB for a 2,000-activity guide.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Name, Pdf

from .join.writer import Numbers, ObjectWriter, copy_object, renumbered

Side = tuple[int | None, int | None]  # (left page, right page), 0-based; None is a blank page

CATALOG, PAGES, INFO, METADATA = 1, 2, 3, 4
FIRST_FREE = 5
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
# A page's resources reach its fonts, images and patterns; never these. Reaching one means
# the drawing refers to the document's structure, which the sheets leave out.
NOT_A_RESOURCE = (Name.Page, Name.Pages, Name.Catalog, Name.StructElem, Name.StructTreeRoot, Name.Annot)


def padded(pages: int) -> int:
    """The page count rounded up to a whole number of sheets (four pages each)."""
    return max(4, -(-pages // 4) * 4)


def saddle_order(pages: int) -> list[Side]:
    """The pages on each side, in printing order: sheet 1 front, sheet 1 back, sheet 2 front, ...

    For 8 pages (1-based): (8, 1), (2, 7), (6, 3), (4, 5).
    """
    total = padded(pages)

    def page(index: int) -> int | None:
        return index if index < pages else None

    sides: list[Side] = []
    for sheet in range(total // 4):
        outer, inner = 2 * sheet, total - 1 - 2 * sheet
        sides.append((page(inner), page(outer)))  # front: a high page on the left
        sides.append((page(outer + 1), page(inner - 1)))  # back: flipped on the short edge
    return sides


class Imposer:
    """Booklet pages in, one at a time (`add`), from any number of PDFs; `finish` writes the sides."""

    def __init__(self, file: BinaryIO, sheet: tuple[float, float]) -> None:
        self.out = ObjectWriter(file, first_free=FIRST_FREE)
        self.sheet = sheet
        self.forms: list[int] = []  # each booklet page's form XObject, in reading order
        self.size: tuple[float, float] | None = None  # the booklet's page size, from its first page
        self.font_files: dict[str, int] = {}  # sha256 of a font file -> its number: each part embeds the font
        self._numbers: Numbers = {}  # the current PDF's objects -> their numbers in the sheets

    def begin(self, pdf: Pdf) -> None:
        """Pages from another PDF (pdf) follow: its objects have numbers of their own."""
        self._numbers = {}

    def add(self, page: Any, stamp: bytes = b"") -> None:
        """One booklet page (a pikepdf page dictionary of the PDF given to `begin`) as a form
        XObject; stamp: content drawn after the page's own (it starts with Q, closing its q)."""
        box = media_box(page)
        # qpdf copies resources set on the page tree down to each page when it lists the pages.
        resources = page.get("/Resources", pikepdf.Dictionary())
        self.reach(resources)
        group = b""
        if "/Group" in page:  # the page's transparency group, copied onto its form
            self.reach(page.Group)
            group = b" /Group " + renumbered(page.Group, self._numbers)
        self.form(box, renumbered(resources, self._numbers), group, drawing(page) + (stamp or b"Q\n"))

    def form(self, box: list[float], resources: bytes, group: bytes, drawn: bytes) -> None:
        """A page's form XObject, its resources and group (written out, with " /Group " before it)
        numbered already: what add() writes last, and join/imposed_pieces.py's replay writes."""
        self.form_data(box, resources, group, zlib.compress(drawn, 6))

    def form_data(self, box: list[float], resources: bytes, group: bytes, data: bytes) -> None:
        """form(), its drawing compressed already (zlib level 6)."""
        if self.size is None:
            self.size = (box[2] - box[0], box[3] - box[1])
        head = b"<< /Type /XObject /Subtype /Form /BBox [%s] /Resources %s%s /Filter /FlateDecode /Length %d >>" % (
            b" ".join(b"%g" % v for v in box),
            resources,
            group,
            len(data),
        )
        number = self.out.number()
        self.out.stream(number, head, data)
        self.forms.append(number)

    def reach(self, obj: Any) -> None:
        """Number and write every object obj refers to, directly or not, that is not written yet."""
        found = []
        for key, child in references(obj):
            if child.objgen in self._numbers:
                continue
            if isinstance(child, pikepdf.Dictionary | pikepdf.Stream) and child.get("/Type") in NOT_A_RESOURCE:
                raise RuntimeError(f"imposing the booklet: a page's drawing refers to a {child.get('/Type')}")
            if key in FONT_FILES and isinstance(child, pikepdf.Stream):
                digest = hashlib.sha256(child.read_raw_bytes()).hexdigest()
                if digest in self.font_files:
                    self._numbers[child.objgen] = self.font_files[digest]
                    continue
                self._numbers[child.objgen] = self.font_files[digest] = self.out.number()
            else:
                self._numbers[child.objgen] = self.out.number()
            found.append(child)
        for child in found:
            self.reach(child)
            copy_object(self.out, self._numbers[child.objgen], child, self._numbers)

    def number_of(self, obj: Any) -> int:
        """The number an object of the current PDF has in the sheets (written by `reach`)."""
        self.reach(pikepdf.Array([obj]))
        return self._numbers[obj.objgen]

    def finish(self, title: str, lang: str = "") -> None:
        """The sides, two booklet pages each, centred in their halves, and the catalog."""
        if not self.forms or self.size is None:
            raise ValueError("the booklet to impose has no pages")
        width, height = self.size
        half = self.sheet[0] / 2
        scale = min(1.0, half / width, self.sheet[1] / height)  # A5 fits half of A4 (148 of 148.5 mm)
        x, y = (half - width * scale) / 2, (self.sheet[1] - height * scale) / 2
        sides = []
        for pair in saddle_order(len(self.forms)):
            drawing, names = b"", b""
            for slot, (index, left) in enumerate(zip(pair, (x, half + x), strict=True), start=1):
                if index is not None:
                    drawing += b"q %g 0 0 %g %.3f %.3f cm /Page%d Do Q\n" % (scale, scale, left, y, slot)
                    names += b" /Page%d %d 0 R" % (slot, self.forms[index])
            contents, side = self.out.number(), self.out.number()
            self.out.stream(contents, b"<< /Length %d >>" % len(drawing), drawing)
            self.out.object(
                side,
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.3f %.3f] /Resources << /XObject <<%s >> >> "
                b"/Contents %d 0 R >>" % (PAGES, self.sheet[0], self.sheet[1], names, contents),
            )
            sides.append(b"%d 0 R" % side)
        self.out.object(PAGES, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(sides), b" ".join(sides)))
        language = b" /Lang " + pikepdf.String(lang).unparse() if lang else b""
        # Print dialogs that honour it preselect the right duplex and no scaling; viewers show the title.
        self.out.object(
            CATALOG,
            b"<< /Type /Catalog /Pages %d 0 R%s /Metadata %d 0 R /ViewerPreferences << /Duplex "
            b"/DuplexFlipShortEdge /PrintScaling /None /DisplayDocTitle true >> >>" % (PAGES, language, METADATA),
        )
        self.out.object(INFO, b"<< /Title %s >>" % pikepdf.String(title).unparse())
        xmp = print_only_xmp(title, lang)
        self.out.stream(METADATA, b"<< /Type /Metadata /Subtype /XML /Length %d >>" % len(xmp), xmp)
        self.out.finish(CATALOG, INFO)


def media_box(page: Any) -> list[float]:
    return [float(v) for v in page.MediaBox]


def drawing(page: Any) -> bytes:
    """A page's content streams as one drawing, opened with q (its stamp, or Q, closes it)."""
    contents = page.get("/Contents")
    streams = [] if contents is None else list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    return b"q\n" + b"\n".join(stream.read_bytes() for stream in streams) + b"\n"


def print_only_xmp(title: str, lang: str) -> bytes:
    """The sheets' XMP: their title and language, and no PDF/UA identification.

    The sheets hold the pages two to a side in printing order (the last page beside the first),
    untagged: they do not claim to be accessible, and the accessible booklet (guide.pdf) is
    offered beside them wherever they are. Uncompressed, as XMP is meant to be findable."""
    text = escape(title)
    language = escape(lang or "x-default")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text}</rdf:li></rdf:Alt></dc:title>'
        f"<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>"
        "<dc:format>application/pdf</dc:format>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode()


def references(obj: Any) -> Iterator[tuple[str, Any]]:
    """(key, object) for each indirect object obj holds, looking inside direct dictionaries and arrays."""
    stack: list[tuple[str, Any]] = [("", obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj)]
    while stack:
        key, item = stack.pop()
        if isinstance(item, pikepdf.Dictionary):
            children = list(item.items())
        elif isinstance(item, pikepdf.Array):
            children = [(key, v) for v in item]
        else:
            continue
        for child_key, child in reversed(children):
            if not isinstance(child, pikepdf.Object):
                continue  # a number or a boolean
            if child.is_indirect:
                yield child_key, child
            else:
                stack.append((child_key, child))


def impose(booklet: bytes, title: str, sheet: tuple[float, float], lang: str = "") -> bytes:
    """A whole booklet PDF, imposed (the build imposes its parts instead: join/imposed.py)."""
    data = io.BytesIO()
    imposer = Imposer(data, sheet)
    with Pdf.open(io.BytesIO(booklet)) as source:
        imposer.begin(source)
        for page in source.pages:
            imposer.add(page.obj)
    imposer.finish(title, lang)
    return data.getvalue()
