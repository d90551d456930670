"""An MkDocs plugin that keeps the search index compressed while the pages are written, and
writes the index (and the offline site's copy of it as a script) a piece at a time.

Material's search plugin keeps every section of every page as a dict of strings until the
build ends, then makes the whole index one JSON string and that string's bytes to write it;
the offline plugin then reads the file back as one string and writes it again inside a second
one. At 2,000 activities (some 3,000 pages, an index of about 20 MB) that is the MkDocs
child's largest part at its end, beside the PDF workers (issue 30 point 6). So:

- after the search plugin has indexed a page, its entries are made JSON at once and added to
  one zlib stream (a fifth of their size or less), and let go;
- at the end, the index is written from that stream, then copied into the offline script, in
  pieces; the two plugins' own writing is turned off for this build (their `enabled`), as
  they would otherwise write the same files again from the emptied index.

The JSON is what the search plugin's `json.dumps` makes of the whole index (same separators,
same escaping, objects in the same order), byte for byte: a test compares. For a whole build
only: the page-reuse build (site/page_reuse.py) reads the entries themselves.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any, BinaryIO

from mkdocs.plugins import event_priority

PLUGIN_NAME = "guidegen-lean-search"
SEPARATORS = (",", ":")  # the search plugin's
LEVEL = 1  # zlib's fastest: the index's JSON still shrinks four- to fivefold
CHUNK = 1 << 20  # bytes unpacked or copied at a time when writing
OFFLINE_PREFIX = b"var __index = "  # what Material's offline plugin puts before the index


class LeanSearch:
    """An MkDocs plugin object (only its event methods matter to MkDocs)."""

    def __init__(self) -> None:
        self._packer = zlib.compressobj(LEVEL)
        self._packed: list[bytes] = []
        self.packed_entries = 0  # entries packed so far, for the tests (a comma goes before every one but the first)

    @event_priority(-50)  # after the search plugin (0) has indexed the page
    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        index = _search_index(config)
        if index is not None and index.entries:
            # The page's entries as the index's JSON has them: its list's items, comma-separated.
            text = json.dumps(index.entries, separators=SEPARATORS, default=str)[1:-1]
            self._add((b"," if self.packed_entries else b"") + text.encode("ascii"))
            self.packed_entries += len(index.entries)
            index.entries.clear()
        return context

    def _add(self, data: bytes) -> None:
        packed = self._packer.compress(data)
        if packed:
            self._packed.append(packed)

    @event_priority(50)  # before the search (0) and offline (-100) plugins write theirs
    def on_post_build(self, config: Any) -> None:
        search = _plugin(config, "SearchPlugin")
        if search is None or not search.config.enabled:
            return
        self._packed.append(self._packer.flush())
        folder = Path(config.site_dir) / "search"
        folder.mkdir(parents=True, exist_ok=True)
        # The head and tail of the search plugin's own JSON of an index with no entries.
        settings = {key: search.search_index.config[key] for key in ("lang", "separator", "pipeline", "fields")}
        empty = json.dumps({"config": settings, "docs": []}, separators=SEPARATORS, default=str).encode("ascii")
        head, tail = empty[: -len(b"]}")], b"]}"
        with (folder / "search_index.json").open("wb") as out:
            out.write(head)
            self._unpack_into(out)
            out.write(tail)
        search.config.enabled = False  # the index is written: not again, from the emptied list
        offline = _plugin(config, "OfflinePlugin")
        if offline is not None and offline.config.enabled:
            with (folder / "search_index.js").open("wb") as out, (folder / "search_index.json").open("rb") as index:
                out.write(OFFLINE_PREFIX)
                while piece := index.read(CHUNK):
                    out.write(piece)
            offline.config.enabled = False  # its on_post_build would only write the same script

    def _unpack_into(self, out: BinaryIO) -> None:
        unpacker = zlib.decompressobj()
        packed, self._packed = self._packed, []
        for piece in packed:
            data = unpacker.decompress(piece, CHUNK)
            while data:
                out.write(data)
                data = unpacker.decompress(unpacker.unconsumed_tail, CHUNK)
        out.write(unpacker.flush())


def _search_index(config: Any) -> Any:
    search = _plugin(config, "SearchPlugin")
    return search.search_index if search is not None and search.config.enabled else None


def _plugin(config: Any, name: str) -> Any:
    """Material's plugin of that class in the project, if it has one (MkDocs' own search plugin
    keeps its index otherwise: left alone)."""
    found = (p for p in config.plugins.values() if type(p).__name__ == name)
    return next((p for p in found if type(p).__module__.startswith("material.")), None)
