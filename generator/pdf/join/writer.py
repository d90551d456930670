"""Write a PDF object by object, straight to a file: numbered objects packed into compressed
object streams, streams written as they come, a cross-reference stream at the end.

The join (join/booklet.py) copies each part's objects through `renumbered`, which rewrites the
part's object references into the joined PDF's numbers: qpdf unparses an object to text in
which every literal string has its parentheses and backslashes escaped, so a reference can be
told from a string that merely reads "1 0 R". Same objects, same bytes.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from typing import Any, BinaryIO

import pikepdf
from pikepdf import Name

OBJECTS_PER_STREAM = 200
ROW = 7  # bytes per cross-reference entry: /W [1 4 2]
ROWS = struct.Struct(">BIH")
HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"

# Tokens of an unparsed object: literal strings (qpdf escapes every parenthesis inside),
# hex strings, and references, the only thing rewritten.
TOKENS = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|(?<![\w.])(\d+) (\d+) R\b")
# A reference to an object of the joined PDF, put in a part's object before it is unparsed.
PLACEHOLDER = re.compile(rb"/GuidegenObject(\d+)")

Numbers = dict[tuple[int, int], int]  # a part's (object, generation) -> its number in the joined PDF


def placeholder(number: int) -> Name:
    """Stands for object `number` of the joined PDF inside a part's object, until it is written."""
    return Name(f"/GuidegenObject{number}")


class ObjectWriter:
    """Numbered objects written as they come; `finish` writes the cross-reference stream."""

    def __init__(self, file: BinaryIO, first_free: int) -> None:
        self.file = file
        self.start = file.tell()
        self.identity = hashlib.md5(usedforsecurity=False)  # the file ID: a hash of everything before the xref
        self.next = first_free
        # The cross-reference stream's rows as they will be written, ROW bytes per object number
        # (zeros: not written, a free entry). A dict of tuples took about 200 bytes per object:
        # 140 MB for the 700,000 objects of a 2,000-activity booklet.
        self.rows = bytearray()
        self.packed: list[tuple[int, bytes]] = []
        self._write(HEADER)

    def _write(self, data: bytes) -> None:
        self.file.write(data)
        self.identity.update(data)

    def tell(self) -> int:
        return self.file.tell() - self.start

    def number(self) -> int:
        self.next += 1
        return self.next - 1

    def object(self, number: int, body: bytes) -> None:
        self.packed.append((number, body))
        if len(self.packed) >= OBJECTS_PER_STREAM:
            self._pack()

    def _locate(self, number: int, kind: int, second: int, third: int) -> None:
        """Object `number` is of kind 1 (second: its offset) or 2 (in object stream second, at index third)."""
        end = (number + 1) * ROW
        if len(self.rows) < end:  # grown by half again: one object at a time made this a join's slowest line
            self.rows.extend(bytes(max(end - len(self.rows), len(self.rows) // 2)))
        ROWS.pack_into(self.rows, end - ROW, kind, second, third)

    def stream(self, number: int, head: bytes, data: bytes) -> None:
        self._locate(number, 1, self.tell(), 0)
        self._write(b"%d 0 obj\n%s\nstream\n" % (number, head))
        self._write(data)
        self._write(b"\nendstream\nendobj\n")

    def _pack(self) -> None:
        if not self.packed:
            return
        number = self.number()
        offsets, bodies, at = [], [], 0
        for index, (packed, body) in enumerate(self.packed):
            offsets.append(b"%d %d" % (packed, at))
            bodies.append(body)
            at += len(body) + 1
            self._locate(packed, 2, number, index)
        header = b" ".join(offsets) + b"\n"
        data = zlib.compress(header + b"\n".join(bodies) + b"\n", 6)
        head = b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>" % (
            len(self.packed),
            len(header),
            len(data),
        )
        self.packed = []
        self.stream(number, head, data)

    def finish(self, root: int, info: int) -> None:
        self._pack()
        xref = self.number()
        identity = self.identity.hexdigest().encode()
        self._locate(xref, 1, self.tell(), 0)
        self._locate(0, 0, 0, 65535)  # object 0 heads the list of free objects
        del self.rows[self.next * ROW :]  # the room grown ahead
        self.rows.extend(bytes(self.next * ROW - len(self.rows)))
        data = zlib.compress(bytes(self.rows), 6)
        head = (
            b"<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] "
            b"/Filter /FlateDecode /Length %d >>" % (self.next, root, info, identity, identity, len(data))
        )
        start = self.tell()
        self._write(b"%d 0 obj\n%s\nstream\n" % (xref, head) + data + b"\nendstream\nendobj\n")
        self._write(b"startxref\n%d\n%%%%EOF\n" % start)


def refs(numbers: list[int]) -> bytes:
    return b" ".join(b"%d 0 R" % n for n in numbers)


def renumbered(obj: Any, numbers: Numbers) -> bytes:
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


def copy_object(out: ObjectWriter, number: int, obj: Any, numbers: Numbers) -> None:
    """Write a part's object as object `number`, renumbered; a stream keeps its (compressed) data."""
    if isinstance(obj, pikepdf.Stream):
        raw = obj.read_raw_bytes()
        head = obj.stream_dict
        head.Length = len(raw)
        out.stream(number, renumbered(head, numbers), raw)
    else:
        out.object(number, renumbered(obj, numbers))


def value(item: Any, numbers: Numbers) -> bytes:
    """A value held elsewhere (a parent-tree entry, a destination): a reference stays one."""
    if isinstance(item, pikepdf.Object) and item.is_indirect:
        return b"%d 0 R" % numbers[item.objgen]
    if isinstance(item, pikepdf.Object):
        return renumbered(item, numbers)
    return pikepdf.Array([item]).unparse()[1:-1].strip()  # a number or a boolean
