"""Members of the last build's offline zip, copied into the new one as they are.

Compressing the site's pages is most of the cost of writing the zip. A member whose file is
byte for byte the one the last zip was made from (the builder compares content hashes), with
the same name, date, permissions and compression, would be compressed into the same bytes
again: its local header and compressed data are copied from the last zip instead, and the
zip's directory at the end is written by `zipfile` as for any member.
"""

from __future__ import annotations

import copy
import struct
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")  # as zipfile writes it: 30 bytes, then name and extra
SIGNATURE = b"PK\x03\x04"  # a local file header
CHUNK = 1 << 20  # bytes copied at a time
DATA_DESCRIPTOR = 0x08  # flag bit: sizes after the data (zipfile never sets it on a file it can seek)


@dataclass(frozen=True)
class LastZip:
    """The last build's zip, and the content hash of each member's file when it was made."""

    path: Path
    digests: Mapping[str, str]  # member name -> sha256 of its bytes


class MemberCopier:
    """Copies members of the last zip into `archive` (opened for writing, seekable)."""

    def __init__(self, last: LastZip) -> None:
        self.last = last
        self._source: BinaryIO = last.path.open("rb")
        with zipfile.ZipFile(self._source) as old:
            self._infos = {info.filename: info for info in old.infolist()}

    def close(self) -> None:
        self._source.close()

    def copy(self, archive: zipfile.ZipFile, fresh: zipfile.ZipInfo, digest: str) -> bool:
        """Copy the member named like `fresh` if its file's digest and settings are the last zip's."""
        old = self._infos.get(fresh.filename)
        if old is None or self.last.digests.get(fresh.filename) != digest or old.flag_bits & DATA_DESCRIPTOR:
            return False
        same = ("date_time", "compress_type", "external_attr", "create_system")
        if any(getattr(old, name) != getattr(fresh, name) for name in same):
            return False
        self._source.seek(old.header_offset)
        header = self._source.read(LOCAL_HEADER.size)
        if len(header) != LOCAL_HEADER.size or header[:4] != SIGNATURE:
            return False
        fields = LOCAL_HEADER.unpack(header)
        info = copy.copy(old)
        stream = archive.fp
        assert stream is not None
        stream.seek(archive.start_dir)
        info.header_offset = stream.tell()
        stream.write(header)
        # name, extra and data, a piece at a time: a booklet's member is tens of MB at 2,000 activities
        left = fields[9] + fields[10] + old.compress_size
        while left:
            piece = self._source.read(min(left, CHUNK))
            if not piece:
                raise OSError(f"the last offline zip ends inside {old.filename}")
            stream.write(piece)
            left -= len(piece)
        archive.start_dir = stream.tell()
        archive.filelist.append(info)
        archive.NameToInfo[info.filename] = info
        return True
