"""Serve a built site on 127.0.0.1 from a background thread, under the path of its site_url.

MkDocs writes absolute links (404.html, the sitemap) for the site's real path, e.g.
/peer-leadership/, so the site is served there: the browser then sees what readers will.
Used by the browser tests and scripts/screenshots.py.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files under `prefix` from the site folder; everything else is a 404."""

    prefix = "/"

    def __init__(self, *args: Any, prefix: str, **kwargs: Any) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / ".not-served")
        return super().translate_path("/" + clean[len(self.prefix) :])

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean."""


def url_path(site_url: str | None) -> str:
    """'https://example.org/guide/' -> '/guide/'; no site_url -> '/'."""
    path = urlsplit(site_url).path if site_url else "/"
    return path if path.endswith("/") else path + "/"


@contextmanager
def serve(site_dir: Path, prefix: str = "/") -> Iterator[str]:
    """Serve site_dir at http://127.0.0.1:<free port><prefix>; yield that base URL."""
    handler = partial(_QuietHandler, directory=str(site_dir), prefix=prefix)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
