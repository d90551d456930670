"""A booklet part read once into what the join writes of it: its objects unparsed, with holes
where the joined PDF's numbers go, kept beside the part for the next build's join.

Opening a part with pikepdf and unparsing its objects was most of a join's time (some 5 s of
CPU per booklet of 100 activities, three booklets a build). An edit changes one part, so the
join (join/booklet.py) reads every other part's pieces back from the file the last join left
beside it, and only fills in what depends on the rest of the booklet: object numbers, the
parent tree's keys, the font files another part already brought, "Page X of Y". The pieces
depend on nothing but the part's bytes and link targets, and a full build and a rebuild fill
them in the same way, so both write the same bytes.

The file is a pickle of plain values (lists, tuples, bytes, str, int): a header (what the part
is, for Part.open) and then the body, so opening a part reads only the header. The body is
this join's pieces (JOINED), or, beside the A5 booklet's parts, what its imposition writes of
the part (IMPOSED, join/imposed_pieces.py). A file whose header names other bytes (or another
FORMAT, or another body) is made again, never trusted.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf

from .outline import outline_items, outline_objects
from .shape import Size
from .tags import document_kids, elements, has_content, number_tree

FORMAT = "guidegen-join-pieces-2"
SUFFIX = ".join"  # beside the part: skills.pdf -> skills.join
JOINED, IMPOSED = "joined", "imposed"  # what the body holds: the join's pieces, or the imposition's

# A hole is value * 4 + kind: an object of the part (its local number), a parent-tree key (the
# part's own, offset by the keys before it), or a page's stream drawn before or after its content.
# (In a template whose holes are all objects of the part, each hole is the local number alone.)
LOCAL, KEY, BEFORE, AFTER = range(4)
# The joined PDF's own objects, made at the end (join/booklet.py numbers them 1-9).
CATALOG, PAGES, TREE, DOCUMENT, PARENT_TREE, DESTS, OUTLINES, FONT, INFO = range(1, 10)
# What unparsed text holds: strings (left alone: qpdf escapes every parenthesis inside),
# references, and the names the join puts in a part's objects before unparsing them.
PIECE = re.compile(
    rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|(?<![\w.])(\d+) (\d+) R\b|/Guidegen(Object|Key|Before|After)(\d+)"
)
KINDS = {b"Key": KEY, b"Before": BEFORE, b"After": AFTER}

# A %-format (its own "%" doubled) and its holes; True when every hole is an object of the part,
# which fill() fills in one step (most objects: only the pages' dictionaries have other holes).
Template = tuple[bytes, tuple[int, ...], bool]
TemplateEntry = tuple[bytes, Template, list["TemplateEntry"]]  # an outline entry: title, destination, children


def placeholder(number: int) -> Name:
    """Stands for object `number` of the joined PDF (fixed: 1-9) inside a part's object."""
    return Name(f"/GuidegenObject{number}")


def key_hole(key: int) -> Name:
    return Name(f"/GuidegenKey{key}")


def stream_hole(after: bool, page: int) -> Name:
    return Name(f"/GuidegenAfter{page}" if after else f"/GuidegenBefore{page}")


@dataclass
class Header:
    """What Part.open needs: which bytes these are, and the part's shape."""

    digest: str
    size: Size
    page_count: int
    anchors: dict[str, int]


@dataclass
class Pieces:
    """A part as the join writes it, with local numbers: fonts first, then every other object."""

    fonts: list[tuple[int, str]] = field(default_factory=list)  # each descriptor's FontFile2: local, sha256
    count: int = 0  # local numbers 0 .. count-1
    pages: list[tuple[int, float, bool]] = field(default_factory=list)  # local, width, footer drawn
    writes: list[tuple[int, Template, bytes | None]] = field(default_factory=list)  # local, text or head, stream data
    parent_tree: list[tuple[int, Template]] = field(default_factory=list)
    key_span: int = 0  # the parent-tree keys the part takes
    kids: list[int] = field(default_factory=list)  # the Document's children with content
    dests: list[tuple[str, Template]] = field(default_factory=list)
    outline: list[TemplateEntry] = field(default_factory=list)
    catalog: Template | None = None  # the front's only
    info: Template | None = None  # the front's only (None: it has none)


def part_digest(data: bytes, link_targets: Iterable[str]) -> str:
    return hashlib.sha256(b"\0".join([FORMAT.encode(), data, *(t.encode() for t in sorted(link_targets))])).hexdigest()


def read_header(path: Path, digest: str, body: str) -> Header | None:
    """The kept header, if the file is of these bytes (and holds that body, JOINED or IMPOSED, if asked for)."""
    try:
        with path.open("rb") as file:
            header = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError):
        return None
    if not isinstance(header, tuple) or len(header) != 6 or header[:2] != (FORMAT, digest):
        return None
    if body and header[5] != body:
        return None
    size, page_count, anchors = header[2:5]
    return Header(digest, (float(size[0]), float(size[1])), int(page_count), dict(anchors))


def read_pieces(path: Path) -> Pieces:
    return Pieces(*read_body(path))


def read_body(path: Path) -> Any:
    with path.open("rb") as file:
        pickle.load(file)  # the header, checked by Part.open
        return pickle.load(file)


def keep(path: Path, header: Header, pieces: Pieces | None) -> None:
    """Write the file anew (unlinked first: it may be linked to the last build's, never written
    through); pieces None: the header alone."""
    keep_body(path, header, JOINED if pieces is not None else "", _body(pieces) if pieces is not None else None)


def keep_body(path: Path, header: Header, kind: str, body: Any) -> None:
    """The header and a body of that kind (JOINED, IMPOSED; "": none) of plain values."""
    path.unlink(missing_ok=True)
    with path.open("wb") as file:
        anchors = sorted(header.anchors.items())
        head = (FORMAT, header.digest, header.size, header.page_count, anchors, kind)
        pickle.dump(head, file, protocol=5)
        if kind:
            pickle.dump(body, file, protocol=5)


def _body(pieces: Pieces) -> tuple[Any, ...]:
    return (
        pieces.fonts,
        pieces.count,
        pieces.pages,
        pieces.writes,
        pieces.parent_tree,
        pieces.key_span,
        pieces.kids,
        pieces.dests,
        pieces.outline,
        pieces.catalog,
        pieces.info,
    )


def template(text: bytes, locals_: dict[tuple[int, int], int]) -> Template:
    """Unparsed text with holes; a reference to an object the join leaves out is an error."""
    texts: list[bytes] = []
    holes: list[int] = []
    start = 0
    for match in PIECE.finditer(text):
        number, kind = match.group(1), match.group(3)
        if number is None and kind is None:
            continue  # a string: left as it is
        texts.append(text[start : match.start()].replace(b"%", b"%%"))
        start = match.end()
        if kind == b"Object":  # one of the joined PDF's own objects: its number is fixed
            texts.append(match.group(4) + b" 0 R")
            continue
        if number is not None:
            reference = (int(number), int(match.group(2)))
            if reference not in locals_:
                raise RuntimeError(f"joining the booklet: object {reference} refers to one the join leaves out")
            holes.append(locals_[reference] * 4 + LOCAL)
            texts.append(b"%d 0 R")
        else:
            holes.append(int(match.group(4)) * 4 + KINDS[kind])
            texts.append(b"%d" if kind == b"Key" else b"%d 0 R")
    texts.append(text[start:].replace(b"%", b"%%"))
    if all(hole & 3 == LOCAL for hole in holes):
        return b"".join(texts), tuple(hole >> 2 for hole in holes), True
    return b"".join(texts), tuple(holes), False


def fill(pieces: Template, numbers: list[int], key_offset: int, page_streams: list[int]) -> bytes:
    """The text with its holes filled: numbers[local], keys offset, page_streams[2 * page (+1 after)]."""
    text, holes, plain = pieces
    if plain:
        return text % tuple(map(numbers.__getitem__, holes))
    values = []
    for hole in holes:
        value, kind = hole >> 2, hole & 3
        if kind == LOCAL:
            values.append(numbers[value])
        elif kind == KEY:
            values.append(value + key_offset)
        else:
            values.append(page_streams[2 * value + (kind == AFTER)])
    return text % tuple(values)


def read(pdf: Pdf, link_targets: frozenset[str], front: bool) -> tuple[Pieces, dict[tuple[int, int], int]]:
    """The pieces of a part (checked by join/shape.py), and its objects' local numbers.

    Changes the open pdf's objects (their parents, keys and contents get holes): read it once.
    front: the cover and contents, whose first page has no page number, and whose catalog and
    document information the joined PDF takes."""
    pieces = Pieces()
    root = pdf.Root
    tree = root.StructTreeRoot
    document = document_kids(tree)[0]
    skip = _skipped(pdf, document, front)
    objects = list(pdf.objects)
    descriptors = []
    for obj in objects:
        kind = obj.get("/Type") if isinstance(obj, Dictionary) else None
        if kind == Name.FontDescriptor:
            descriptors.append(obj)
        elif kind == Name.StructElem and "/P" in obj and obj.P.is_indirect and obj.P.objgen == document.objgen:
            # Elements whose parent is the part's Document (its kids, and the NonStruct
            # WeasyPrint makes of each page's running footer) get the joined Document.
            obj.P = placeholder(DOCUMENT)
    locals_: dict[tuple[int, int], int] = {}
    for descriptor in descriptors:  # each part embeds the fonts: the join keeps one copy of each
        program = descriptor.get("/FontFile2")
        if program is not None and program.objgen not in locals_:
            locals_[program.objgen] = len(locals_)
            pieces.fonts.append((locals_[program.objgen], hashlib.sha256(program.read_raw_bytes()).hexdigest()))
    for obj in objects:
        if obj.objgen not in skip and obj.objgen not in locals_ and not _object_stream(obj):
            locals_[obj.objgen] = len(locals_)
    pieces.count = len(locals_)
    keys = list(number_tree(tree.ParentTree))
    for index, page in enumerate(pdf.pages):
        pieces.pages.append(_page(page.obj, index, locals_, footer=not (front and index == 0)))
    for obj in objects:
        if obj.objgen in locals_ and obj.objgen not in skip:
            local = locals_[obj.objgen]
            if isinstance(obj, pikepdf.Stream):
                raw = obj.read_raw_bytes()
                head = obj.stream_dict
                head.Length = len(raw)
                pieces.writes.append((local, template(_unparsed(head), locals_), raw))
            else:
                pieces.writes.append((local, template(_unparsed(obj), locals_), None))
    pieces.parent_tree = [(key, value_template(item, locals_)) for key, item in keys]
    pieces.key_span = max((key for key, _ in keys), default=-1) + 1
    pieces.kids = [locals_[kid.objgen] for kid in document_kids(document) if has_content(kid)]
    pieces.dests = [
        (name, value_template(dest, locals_)) for name, dest in named_dests(pdf) if name not in link_targets
    ]
    pieces.outline = [_entry(item, locals_) for item in outline_items(pdf)]
    if front:
        for key in ("/Pages", "/StructTreeRoot", "/Names", "/Outlines"):
            if key in root:
                del root[key]
        root.Pages = placeholder(PAGES)
        root.StructTreeRoot = placeholder(TREE)
        root.Names = Dictionary(Dests=placeholder(DESTS))
        root.Outlines = placeholder(OUTLINES)
        pieces.catalog = template(_unparsed(root), locals_)
        if "/Info" in pdf.trailer:
            pieces.info = template(_unparsed(pdf.trailer.Info), locals_)
    return pieces, locals_


def _skipped(pdf: Pdf, document: Any, front: bool) -> set[tuple[int, int]]:
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


def _page(page: Dictionary, index: int, locals_: dict[tuple[int, int], int], footer: bool) -> tuple[int, float, bool]:
    """Holes for the parent-tree keys and, unless footer is False (the cover), the streams around
    the content: "Page X of Y" is drawn after it, in the font the join adds to the page's resources."""
    page.Parent = placeholder(PAGES)
    page.StructParents = key_hole(int(page.StructParents))
    for annotation in page.get("/Annots", []):
        if "/StructParent" in annotation:
            annotation.StructParent = key_hole(int(annotation.StructParent))
    width = float(page.MediaBox[2]) - float(page.MediaBox[0])
    if footer:
        resources = page.Resources
        if "/Font" not in resources:
            resources.Font = Dictionary()
        resources.Font.GGPageNumber = placeholder(FONT)
        contents = page.Contents
        inner = list(contents) if isinstance(contents, Array) else [contents]
        page.Contents = Array([stream_hole(False, index), *inner, stream_hole(True, index)])
    return locals_[page.objgen], width, footer


def value_template(item: Any, locals_: dict[tuple[int, int], int]) -> Template:
    """A value held elsewhere (a parent-tree entry, a destination): a reference stays one."""
    if isinstance(item, pikepdf.Object) and item.is_indirect:
        return b"%d 0 R", (locals_[item.objgen],), True
    if isinstance(item, pikepdf.Object):
        return template(_unparsed(item), locals_)
    return template(pikepdf.Array([item]).unparse()[1:-1].strip(), locals_)  # a number or a boolean


def _entry(item: pikepdf.OutlineItem, locals_: dict[tuple[int, int], int]) -> TemplateEntry:
    """An outline item (destinations were checked to be explicit: join/shape.py)."""
    dest = item.destination
    if not isinstance(dest, Array):
        raise RuntimeError(f"the bookmark '{item.title}' has no explicit destination")
    title = bytes(pikepdf.String(item.title).unparse())
    return title, value_template(dest, locals_), [_entry(child, locals_) for child in item.children]


def named_dests(pdf: Pdf) -> Iterator[tuple[str, Any]]:
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return
    tree = pikepdf.NameTree(names.Dests)
    for name in tree.keys():  # noqa: SIM118 (NameTree is not a plain mapping)
        dest = tree[name]
        yield name, dest.D if isinstance(dest, Dictionary) else dest


def is_descriptor(obj: Any) -> bool:
    return isinstance(obj, Dictionary) and obj.get("/Type") == Name.FontDescriptor


def _unparsed(obj: Any) -> bytes:
    return bytes(obj.unparse(resolved=True))


def _object_stream(obj: Any) -> bool:
    return isinstance(obj, pikepdf.Stream) and obj.get("/Type") in (Name.ObjStm, Name.XRef)
