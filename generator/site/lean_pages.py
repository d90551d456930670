"""An MkDocs plugin that keeps little of each page between its conversion and its writing, and
nothing after.

MkDocs converts every page before it writes any (the navigation and the links need every
page's title and anchors), then renders and writes them one by one, and keeps each page's
Markdown and HTML until the build ends: at 2,000 activities (some 3,000 pages) that is much of
what the MkDocs child holds (issue 30 point 6). So:

- once converted, a page's Markdown is let go (nothing reads it again: a page's title was taken
  from the navigation or its first heading while it was converted) and its HTML is kept
  compressed (zlib, a sixth of its size or less), to be unpacked just before its template runs,
  before any other plugin sees the page (the search plugin indexes it then);
- once its template has run, its HTML is let go too: other pages' templates use a page's
  title, address and table of contents, and the anchor check at the end the anchors each page
  recorded while it was converted.

The site is the same, byte for byte (a test compares). `trim`, if given, is called when the
conversions are done and every TRIM_EVERY pages written, to give the freed memory back to the
system (the builder passes libc's malloc_trim).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import Any

from mkdocs.plugins import event_priority

PLUGIN_NAME = "guidegen-lean-pages"
PACKED = "_guidegen_packed"  # the attribute holding a page's compressed HTML
TRIM_EVERY = 200  # pages written between two trims (one costs about a millisecond)
LEVEL = 1  # zlib's fastest: HTML still shrinks five- to tenfold


class ReleasePages:
    """An MkDocs plugin object (only its event methods matter to MkDocs)."""

    def __init__(self, trim: Callable[[], None] | None = None) -> None:
        self.trim = trim
        self.packed = 0  # pages kept compressed, and
        self.released = 0  # pages let go after writing (for the tests)

    @event_priority(-100)  # the last to see the converted page: the HTML is final
    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        # Empty, not None: MkDocs takes a page whose Markdown is None as not yet read.
        page.markdown = ""
        setattr(page, PACKED, zlib.compress(html.encode("utf-8"), LEVEL))
        self.packed += 1
        return ""

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        if self.trim is not None:  # every conversion's scraps are free now
            self.trim()
        return env

    @event_priority(100)  # before the search plugin and the templates read the HTML
    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        packed = getattr(page, PACKED, None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode("utf-8")
            setattr(page, PACKED, None)
        return context

    @event_priority(-100)  # after every other plugin's on_post_page
    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        page.markdown = ""
        page.content = ""
        self.released += 1
        if self.trim is not None and self.released % TRIM_EVERY == 0:
            self.trim()
        return output
