"""Join booklet parts, each laid out by WeasyPrint on its own, into one tagged PDF (PDF/UA-1).

Laying out the whole guide at once costs time and memory that grow with every activity, and
an edit to one activity would lay everything out again. Parts are cached instead, and joined
here without losing what PDF/UA needs: one structure tree (join/tags.py), named destinations
(so links between parts work), the bookmarks (join/outline.py), and fonts (each part embeds
the whole font; identical font files are kept once). "Page X of Y" can only be known after
joining, so it is drawn here (join/footer.py).

Every part is opened and checked first (join/shape.py): a part the join cannot handle stops it
with a message naming the part, before anything is written. Then the join streams: it opens
one part at a time (pikepdf), writes its objects out renumbered (join/writer.py) into the
output file, keeps only the small things the end needs (page numbers, parent-tree entries,
destinations, bookmarks) and closes it. A 1,500-page booklet holds some 180,000 objects;
holding them all at once, as a merge in pikepdf would, took close to 900 MB.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf

from .footer import LABEL, SIZE, FooterFont, choose_footer, label_characters
from .outline import Entry, entry, outline_items, outline_objects, write_outline
from .shape import Size, check_destination, check_part, check_same_paper
from .tags import document_kids, elements, has_content, number_tree, write_tree
from .writer import Numbers, ObjectWriter, copy_object, placeholder, renumbered, value

FRONT_NAME = "the cover and contents"


@dataclass
class Part:
    """A laid-out part: where its PDF is, and the named destinations it really holds (not its link targets)."""

    source: bytes | Path  # the PDF, or its file: a large booklet's parts are not all held in memory
    link_targets: frozenset[str]
    name: str = FRONT_NAME
    page_count: int = 0
    size: Size = (0.0, 0.0)
    anchors: dict[str, int] = field(default_factory=dict)  # name -> page index within the part

    @classmethod
    def open(cls, source: bytes | Path, link_targets: Sequence[str] = (), name: str = "") -> Part:
        """Open and check a part (join/shape.py): raises JoinError naming it if the join cannot use it."""
        part = cls(source, frozenset(link_targets), name or (source.stem if isinstance(source, Path) else FRONT_NAME))
        with part.pdf() as pdf:
            part.size = check_part(pdf, part.name)
            part.page_count = len(pdf.pages)
            pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
            for anchor, dest in _named_dests(pdf):
                index = check_destination(dest, pages, f"a link target ('{anchor}')", part.name)
                if anchor not in part.link_targets:
                    part.anchors[anchor] = index
            for item in _all_items(outline_items(pdf)):
                check_destination(item.destination, pages, f"a bookmark ('{item.title}')", part.name)
        return part

    def pdf(self) -> Pdf:
        if isinstance(self.source, Path):
            return Pdf.open(self.source)
        return Pdf.open(io.BytesIO(self.source))


def page_numbers(parts: Sequence[Part], first_page: int) -> dict[str, int]:
    """Anchor -> page number in the joined PDF, when the first part starts on first_page."""
    numbers: dict[str, int] = {}
    start = first_page
    for part in parts:
        for name, index in part.anchors.items():
            numbers.setdefault(name, start + index)
        start += part.page_count
    return numbers


def join(
    front: Part,
    parts: Sequence[Part],
    nested: Sequence[bool],
    out: Path,
    footer_size: float = SIZE,
    page_label: str = LABEL,
    direction: str = "ltr",
) -> None:
    """Write the front part with every other part after it, as one PDF, into the file out.

    nested[i] says the outline entries of parts[i] belong under the last top-level entry before
    it (an activity after the first sits under "Activities", which the first activity's part holds).
    footer_size: of "Page X of Y", in points (larger in the large-print booklet); page_label: its
    wording with %(number)s and %(total)s, in the guide's language; direction: the guide's ("rtl"
    mirrors the footer).
    """
    for part in parts:
        check_same_paper(part.size, front.size, part.name)
    with out.open("wb") as file:
        total = front.page_count + sum(part.page_count for part in parts)
        joined = _Joined(file, total, footer_size, page_label, direction)
        joined.add(front, nested=False, front=True)
        for part, under_previous in zip(parts, nested, strict=True):
            joined.add(part, nested=under_previous)
        joined.finish()


class _Joined:
    """The joined PDF as it is written: numbers 1-9 are the objects made at the end."""

    CATALOG, PAGES, TREE, DOCUMENT, PARENT_TREE, DESTS, OUTLINES, FONT, INFO = range(1, 10)

    def __init__(
        self, file: Any, total_pages: int, footer_size: float = SIZE, page_label: str = LABEL, direction: str = "ltr"
    ) -> None:
        self.out = ObjectWriter(file, first_free=10)
        self.total_pages, self.footer_size, self.page_label = total_pages, footer_size, page_label
        self.direction = direction
        self.characters = label_characters(page_label)
        self.pages: list[int] = []
        self.document_kids: list[int] = []
        self.parent_tree: list[tuple[int, bytes]] = []
        self.next_key = 0
        self.dests: dict[str, bytes] = {}
        self.outline: list[Entry] = []
        self.font_files: dict[str, int] = {}  # sha256 of a font file -> its number
        self.footer: FooterFont | None = None
        self.catalog = b""
        self.info = b""

    def add(self, part: Part, *, nested: bool, front: bool = False) -> None:
        with part.pdf() as pdf:
            self._add(pdf, part, nested=nested, front=front)

    def _add(self, pdf: Pdf, part: Part, *, nested: bool, front: bool) -> None:
        root = pdf.Root
        tree = root.StructTreeRoot
        document = document_kids(tree)[0]  # checked by Part.open
        skip = self._skipped(pdf, document, front)
        kids = [kid for kid in document_kids(document) if has_content(kid)]
        objects = list(pdf.objects)
        descriptors = []
        for obj in objects:
            kind = obj.get("/Type") if isinstance(obj, Dictionary) else None
            if kind == Name.FontDescriptor:
                descriptors.append(obj)
            elif kind == Name.StructElem and "/P" in obj and obj.P.is_indirect and obj.P.objgen == document.objgen:
                # Elements whose parent is the part's Document (its kids, and the NonStruct
                # WeasyPrint makes of each page's running footer) get the joined Document.
                obj.P = placeholder(self.DOCUMENT)
        numbers = self._number(objects, descriptors, skip, part)
        part_keys = list(number_tree(tree.ParentTree))
        for index, page in enumerate(pdf.pages):
            self._page(page.obj, len(self.pages) + index + 1)
        for obj in objects:
            if obj.objgen in numbers and obj.objgen not in skip:
                copy_object(self.out, numbers[obj.objgen], obj, numbers)
        for key, item in part_keys:
            self.parent_tree.append((key + self.next_key, value(item, numbers)))
        self.next_key += max((key for key, _ in part_keys), default=-1) + 1
        self.pages += [numbers[page.obj.objgen] for page in pdf.pages]
        self.document_kids += [numbers[kid.objgen] for kid in kids]
        for name, dest in _named_dests(pdf):
            if name not in part.link_targets:
                self.dests.setdefault(name, value(dest, numbers))
        entries = [entry(item, numbers) for item in outline_items(pdf)]
        if nested and self.outline:
            self.outline[-1][2].extend(entries)
        else:
            self.outline.extend(entries)
        if front:
            self._front(pdf, numbers)

    def _skipped(self, pdf: Pdf, document: Any, front: bool) -> set[tuple[int, int]]:
        """Objects of the part the join writes anew (or leaves out: empty link targets)."""
        root = pdf.Root
        tree = root.StructTreeRoot
        skip = {root.objgen, root.Pages.objgen, tree.objgen, document.objgen, tree.ParentTree.objgen}
        skip |= {item.objgen for item in outline_objects(pdf)}
        names = root.get("/Names")
        if names is not None:
            skip |= {obj.objgen for obj in (names, names.get("/Dests")) if obj is not None and obj.is_indirect}
        if not front and "/Metadata" in root:
            skip.add(root.Metadata.objgen)
        if "/Info" in pdf.trailer and pdf.trailer.Info.is_indirect:
            skip.add(pdf.trailer.Info.objgen)
        for kid in document_kids(document):
            if not has_content(kid):
                skip |= {obj.objgen for obj in elements(kid)}
        return skip

    def _number(self, objects: list[Any], descriptors: list[Any], skip: set[tuple[int, int]], part: Part) -> Numbers:
        """A number in the joined PDF for each object written; a font file seen before gets the first one's."""
        numbers: Numbers = {}
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
        if self.footer is None:
            self._choose_footer(descriptors, numbers, part)
        return numbers

    def _choose_footer(self, descriptors: list[Any], numbers: Numbers, part: Part) -> None:
        """The page numbers are drawn with the regular face the front embeds (from the stylesheet)."""
        face = choose_footer(descriptors, self.characters, part.name)
        number = numbers[face.objgen]
        self.footer = FooterFont.make(face, number, self.FONT, self.footer_size, self.characters, self.direction)

    def _page(self, page: Dictionary, number: int) -> None:
        """Renumber its parent-tree keys; add 'Page X of Y' (not on the cover)."""
        page.Parent = placeholder(self.PAGES)
        page.StructParents = int(page.StructParents) + self.next_key
        for annotation in page.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + self.next_key
        if number == 1 or self.footer is None:  # the footer is chosen from the front, before its pages
            return
        resources = page.Resources
        if "/Font" not in resources:
            resources.Font = Dictionary()
        resources.Font.GGPageNumber = placeholder(self.FONT)
        width = float(page.MediaBox[2]) - float(page.MediaBox[0])
        text = self.page_label % {"number": number, "total": self.total_pages}
        stamp = self.footer.stamp("GGPageNumber", text, width)
        before, after = self.out.number(), self.out.number()
        self.out.stream(before, b"<< /Length 2 >>", b"q\n")
        self.out.stream(after, b"<< /Length %d >>" % len(stamp), stamp)
        contents = page.Contents
        inner = list(contents) if isinstance(contents, Array) else [contents]
        page.Contents = Array([placeholder(before), *inner, placeholder(after)])

    def _front(self, pdf: Pdf, numbers: Numbers) -> None:
        """The catalog and document information come from the front (title, language, metadata)."""
        root = pdf.Root
        for key in ("/Pages", "/StructTreeRoot", "/Names", "/Outlines"):
            if key in root:
                del root[key]
        root.Pages = placeholder(self.PAGES)
        root.StructTreeRoot = placeholder(self.TREE)
        root.Names = Dictionary(Dests=placeholder(self.DESTS))
        root.Outlines = placeholder(self.OUTLINES)
        self.catalog = renumbered(root, numbers)
        self.info = renumbered(pdf.trailer.Info, numbers) if "/Info" in pdf.trailer else b"<< >>"

    def finish(self) -> None:
        out = self.out
        out.object(self.PAGES, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(self.pages), _refs(self.pages)))
        write_tree(
            out, (self.TREE, self.DOCUMENT, self.PARENT_TREE), self.document_kids, self.parent_tree, self.next_key
        )
        names = b" ".join(pikepdf.String(name).unparse() + b" " + self.dests[name] for name in sorted(self.dests))
        out.object(self.DESTS, b"<< /Names [%s] >>" % names)
        write_outline(out, self.outline, self.OUTLINES)
        if self.footer is not None:
            self.footer.write(out)
        out.object(self.CATALOG, self.catalog)
        out.object(self.INFO, self.info)
        out.finish(self.CATALOG, self.INFO)


def _refs(numbers: list[int]) -> bytes:
    return b" ".join(b"%d 0 R" % n for n in numbers)


def _named_dests(pdf: Pdf) -> Iterator[tuple[str, Any]]:
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return
    tree = pikepdf.NameTree(names.Dests)
    for name in tree.keys():  # noqa: SIM118 (NameTree is not a plain mapping)
        dest = tree[name]
        yield name, dest.D if isinstance(dest, Dictionary) else dest


def _all_items(items: list[pikepdf.OutlineItem]) -> Iterator[pikepdf.OutlineItem]:
    for item in items:
        yield item
        yield from _all_items(list(item.children))
