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

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Pdf

from .footer import LABEL, SIZE, FooterFont, choose_footer, label_characters
from .outline import Entry, outline_items, write_outline
from .pieces import (
    CATALOG,
    DESTS,
    DOCUMENT,
    FONT,
    IMPOSED,
    INFO,
    JOINED,
    OUTLINES,
    PAGES,
    PARENT_TREE,
    SUFFIX,
    TREE,
    Header,
    Pieces,
    TemplateEntry,
    fill,
    is_descriptor,
    named_dests,
    part_digest,
    read,
    read_header,
    read_pieces,
)
from .pieces import keep as keep_pieces
from .shape import Size, check_destination, check_part, check_same_paper
from .tags import write_tree
from .writer import ObjectWriter, refs

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
    kept: Path | None = None  # the part's pieces (join/pieces.py), kept beside its file
    digest: str = ""  # of its bytes and link targets, when its pieces are kept (or to be)
    keep_at: Path | None = None  # where the A5 imposition keeps what it writes of the part

    @classmethod
    def open(cls, source: bytes | Path, link_targets: Sequence[str] = (), name: str = "", keep: str = "") -> Part:
        """Open and check a part (join/shape.py): raises JoinError naming it if the join cannot use it.

        keep (a part in a file only): "pieces" to keep what the join writes of it beside it
        (join/pieces.py), "imposed" for what the A5 imposition writes of it (kept by
        join/imposed.py), "header" to keep only what this reads; each is read back, not made
        again, while the part's bytes are the same."""
        part = cls(source, frozenset(link_targets), name or (source.stem if isinstance(source, Path) else FRONT_NAME))
        data = source.read_bytes() if isinstance(source, Path) else source
        kept = source.with_suffix(SUFFIX) if keep and isinstance(source, Path) else None
        digest = part_digest(data, part.link_targets) if kept else ""
        body = {"pieces": JOINED, "imposed": IMPOSED}.get(keep, "")
        header = read_header(kept, digest, body) if kept else None
        part.digest = digest
        if header is not None:
            part.size, part.page_count, part.anchors, part.kept = header.size, header.page_count, header.anchors, kept
            return part
        with Pdf.open(io.BytesIO(data)) as pdf:
            part.size = check_part(pdf, part.name)
            part.page_count = len(pdf.pages)
            pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
            for anchor, dest in named_dests(pdf):
                index = check_destination(dest, pages, f"a link target ('{anchor}')", part.name)
                if anchor not in part.link_targets:
                    part.anchors[anchor] = index
            for item in all_items(outline_items(pdf)):
                check_destination(item.destination, pages, f"a bookmark ('{item.title}')", part.name)
            if kept is not None and keep == "imposed":  # written by the imposition, which reads the part
                part.keep_at = kept
            elif kept is not None:
                pieces = read(pdf, part.link_targets, front=False)[0] if keep == "pieces" else None
                keep_pieces(kept, part.header(), pieces)
                part.kept = kept if pieces is not None else None
        return part

    def header(self) -> Header:
        return Header(self.digest, self.size, self.page_count, self.anchors)

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
    """The joined PDF as it is written: numbers 1-9 are the objects made at the end (join/pieces.py)."""

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
        self.deduplicated: set[int] = set()  # the current part's font files that an earlier part brought
        self.catalog = b""
        self.info = b""

    def add(self, part: Part, *, nested: bool, front: bool = False) -> None:
        """The part's pieces, kept by the last join if its bytes are the same, or read now."""
        face = None
        if part.kept is not None and not front:
            pieces = read_pieces(part.kept)
        else:
            with part.pdf() as pdf:
                pieces, locals_ = read(pdf, part.link_targets, front)
                if self.footer is None:  # the page numbers use the regular face the front embeds
                    descriptor = choose_footer([o for o in pdf.objects if is_descriptor(o)], self.characters, part.name)
                    size, characters, direction = self.footer_size, self.characters, self.direction
                    self.footer = FooterFont.make(descriptor, 0, FONT, size, characters, direction)
                    face = locals_[descriptor.objgen]
        numbers = self._place(pieces)
        if face is not None and self.footer is not None:
            self.footer.descriptor = numbers[face]
        self._write(pieces, numbers)
        entries = [self._entry(item, numbers) for item in pieces.outline]
        if nested and self.outline:
            self.outline[-1][2].extend(entries)
        else:
            self.outline.extend(entries)

    def _place(self, pieces: Pieces) -> list[int]:
        """A number in the joined PDF for each of the part's objects; a font file seen before gets the first one's."""
        numbers = [0] * pieces.count
        self.deduplicated = set()
        for local, digest in pieces.fonts:
            if digest in self.font_files:
                numbers[local] = self.font_files[digest]
                self.deduplicated.add(local)
            else:
                numbers[local] = self.font_files[digest] = self.out.number()
        first = len(pieces.fonts)
        numbers[first:] = range(self.out.next, self.out.next + pieces.count - first)
        self.out.next += pieces.count - first
        return numbers

    def _write(self, pieces: Pieces, numbers: list[int]) -> None:
        """The pages' footers, then the part's objects, holes filled; what the end needs is kept."""
        out, key = self.out, self.next_key
        streams = [0] * (2 * len(pieces.pages))
        for index, (_, width, footer) in enumerate(pieces.pages):
            if not footer or self.footer is None:
                continue
            label = self.page_label % {"number": len(self.pages) + index + 1, "total": self.total_pages}
            stamp = self.footer.stamp("GGPageNumber", label, width)
            streams[2 * index], streams[2 * index + 1] = out.number(), out.number()
            out.stream(streams[2 * index], b"<< /Length 2 >>", b"q\n")
            out.stream(streams[2 * index + 1], b"<< /Length %d >>" % len(stamp), stamp)
        for local, text, raw in pieces.writes:
            if local in self.deduplicated:
                continue
            if raw is None:
                out.object(numbers[local], fill(text, numbers, key, streams))
            else:
                out.stream(numbers[local], fill(text, numbers, key, streams), raw)
        self.parent_tree += [(k + key, fill(item, numbers, key, streams)) for k, item in pieces.parent_tree]
        self.next_key += pieces.key_span
        self.pages += [numbers[local] for local, _, _ in pieces.pages]
        self.document_kids += [numbers[local] for local in pieces.kids]
        for name, dest in pieces.dests:
            self.dests.setdefault(name, fill(dest, numbers, key, streams))
        if pieces.catalog is not None:  # the front's: title, language, metadata
            self.catalog = fill(pieces.catalog, numbers, key, streams)
            self.info = fill(pieces.info, numbers, key, streams) if pieces.info is not None else b"<< >>"

    def _entry(self, item: TemplateEntry, numbers: list[int]) -> Entry:
        title, dest, children = item
        return title, fill(dest, numbers, 0, []), [self._entry(child, numbers) for child in children]

    def finish(self) -> None:
        out = self.out
        out.object(PAGES, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(self.pages), refs(self.pages)))
        write_tree(out, (TREE, DOCUMENT, PARENT_TREE), self.document_kids, self.parent_tree, self.next_key)
        names = b" ".join(pikepdf.String(name).unparse() + b" " + self.dests[name] for name in sorted(self.dests))
        out.object(DESTS, b"<< /Names [%s] >>" % names)
        write_outline(out, self.outline, OUTLINES)
        if self.footer is not None:
            self.footer.write(out)
        out.object(CATALOG, self.catalog)
        out.object(INFO, self.info)
        out.finish(CATALOG, INFO)


def all_items(items: list[pikepdf.OutlineItem]) -> Iterator[pikepdf.OutlineItem]:
    for item in items:
        yield item
        yield from all_items(list(item.children))
