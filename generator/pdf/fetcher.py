"""The only way WeasyPrint may read anything: files inside the guide's own folders, and data: URLs.

WeasyPrint's default fetcher embeds any local file and makes HTTP requests for images,
stylesheets and attachments, so content could leak /etc/passwd into a PDF or probe the
network. GuideFetcher refuses everything else *before* reading a byte. A refusal raises a
FatalURLFetchingError (WeasyPrint swallows ordinary exceptions and would carry on) and is
also recorded, because a few code paths (drawing SVG) swallow even fatal errors.
"""

from __future__ import annotations

import mimetypes
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..common.template_files import Roots, overriding
from .woff2_fonts import decoded, is_woff2

MAX_BYTES = 5 * 1024 * 1024
TYPES = {".woff2": "font/woff2", ".woff": "font/woff", ".svg": "image/svg+xml", ".css": "text/css"}


def content_type(path: Path) -> str:
    return TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


class RefusedReference(FatalURLFetchingError):
    """A reference the guide may not use; stops the render."""

    def __init__(self, url: str, reason: str) -> None:
        self.url, self.reason = url, reason
        super().__init__(f"refused '{url}': {reason}")


class GuideFetcher(URLFetcher):
    """Serves data: URLs and regular files (at most 5 MB) inside the allowed folders; refuses the rest."""

    def __init__(self, roots: Iterable[Path], max_bytes: int = MAX_BYTES, templates: Roots = ()) -> None:
        """roots: folders whose files may be read; templates: template folders, the guide's own
        first, also readable: a file in one of them is served from the first that has it."""
        super().__init__(timeout=1, allowed_protocols=("data", "file"), allow_redirects=False)
        self.templates = tuple(root.resolve() for root in templates)
        self.roots = tuple(root.resolve() for root in roots) + self.templates
        self.max_bytes = max_bytes
        self.refused: list[RefusedReference] = []
        self.served: list[Path] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            self._refuse(url, "only files inside the guide's content/ folder can be used, not web addresses")
        path = self._allowed_path(url)
        data = path.read_bytes()
        if path.suffix.lower() == ".svg":  # refused like check does, else the website's allow-list
            from ..common.svg import problems, sanitise

            found = problems(data)
            if found:
                self._refuse(url, f"line {found[0].line}: {found[0].message}")
            data = sanitise(data)
        self.served.append(path)
        if is_woff2(data):  # decoded once, not by WeasyPrint for every stylesheet set (pdf/woff2_fonts.py)
            return URLFetcherResponse(url, decoded(data), {"Content-Type": "font/ttf"})
        return URLFetcherResponse(url, data, {"Content-Type": content_type(path)})

    def _allowed_path(self, url: str) -> Path:
        """The resolved file a file: URL names, if it is a regular, small file inside a root."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            self._refuse(url, "files on other computers cannot be used")
        raw = unquote(parts.path)
        if ".." in raw.split("/"):
            self._refuse(url, "'..' is not allowed in a file reference")
        path = Path(url2pathname(parts.path)).resolve()  # follows symlinks
        if not any(path.is_relative_to(root) for root in self.roots):
            self._refuse(url, "the file is outside the guide's content/ folder")
        path = overriding(self.templates, path)  # the guide's own version of a template file, if any
        try:
            info = path.stat()
        except OSError:
            self._refuse(url, "the file does not exist")
        if not stat.S_ISREG(info.st_mode):
            self._refuse(url, "it is not an ordinary file")
        if info.st_size > self.max_bytes:
            self._refuse(url, f"the file is larger than {self.max_bytes // (1024 * 1024)} MB")
        return path

    def _refuse(self, url: str, reason: str) -> NoReturn:
        refusal = RefusedReference(url, reason)
        self.refused.append(refusal)
        raise refusal
