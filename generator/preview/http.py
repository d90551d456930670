"""The preview's web server: the latest good build, or the problems that stop it, on 127.0.0.1.

Built files are served as they are, except that HTML gets the live-reload script on the way
out. While the content is broken, every page request gets the problems page instead, so the
open tab shows them and comes back by itself when the content is fixed. Only loopback, only
files inside the built site, no folder listings, no `..`.
"""

from __future__ import annotations

import http.server
import mimetypes
import secrets
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from ..site.csp import policy
from .editor_http import ADMIN, Editor, answer_admin, answer_api
from .pages import RELOAD_JS, RELOAD_PATH, VERSION_PATH, Failure, failure_page, inject, waiting_page

HOST = "127.0.0.1"
IDLE_SECONDS = 15  # a connection that sends nothing for this long is closed (a half-sent request)
MAX_PATH = 2048  # longer addresses are refused (414), as are longer file names than a disk allows
MAX_SEGMENT = 255
# Anything that is not a page (an SVG opened on its own, say) runs no script at all.
FILE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self'; sandbox"
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".woff2": "font/woff2"}
OPEN_SECONDS = 3.0  # a page asked for (or whose script asked for its version) this recently is open
HOLD_SECONDS = 120.0  # longest a request for a page still being rebuilt waits for it
# Longest a page's script waits for its page to change before asking again: it is told the
# moment its page is rebuilt, rather than at its next question.
CHANGE_WAIT_SECONDS = 5.0


@dataclass(frozen=True)
class Snapshot:
    """What the server shows; replaced as a whole, so a request never sees half a change."""

    version: str  # changes whenever what is shown changes; the pages' script watches it
    site_dir: Path | None  # the latest good build (its files still serve a broken preview's styles)
    prefix: str  # the URL path the site lives under, from site_url (e.g. /peer-leadership/)
    failure: Failure | None = None
    generation: int = 0  # which build of the content this is, newest wins
    stale: frozenset[str] = frozenset()  # pages (site paths) not yet rebuilt: requests for them wait
    translations: tuple[tuple[str, Path], ...] = ()  # a translation's URL part (cy/) and the folder serving it

    def folder(self, rel: str) -> tuple[Path | None, str]:
        """The folder that serves a site path, and the path inside it (cy/x/ -> the Welsh site's x/)."""
        for part, folder in self.translations:
            if rel.startswith(part):
                return folder, rel[len(part) :]
        return self.site_dir, rel


class PreviewState:
    """The current Snapshot, shared by the builders and the server's threads.

    Besides the whole snapshot's version, each page has its own: the version of the last
    snapshot that rebuilt it (or changed everything). An open page's script asks for its own,
    so it reloads when its page is rebuilt, not at each batch of other pages.
    """

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._token = secrets.token_hex(4)  # a restarted server never repeats an old version
        self._count = 0
        self._snapshot = Snapshot(self._version(), None, "/")
        self._base = self._count  # the last snapshot that changed every page
        self._rebuilt: dict[str, int] = {}  # page -> the last snapshot that rebuilt it, since _base
        self._seen: dict[str, float] = {}  # page -> when the browser last asked for it or its version
        self._waiting: dict[str, int] = {}  # page -> its scripts waiting for it to change (open pages too)

    def _version(self, count: int | None = None) -> str:
        if count is None:
            self._count += 1
            count = self._count
        return f"{self._token}-{count}"

    def current(self) -> Snapshot:
        with self._lock:
            return self._snapshot

    def next_generation(self) -> int:
        with self._lock:
            self._snapshot = replace(self._snapshot, generation=self._snapshot.generation + 1)
            return self._snapshot.generation

    def show_site(
        self,
        site_dir: Path,
        prefix: str,
        generation: int,
        built: Collection[str] | None = None,
        stale: frozenset[str] = frozenset(),
        translations: tuple[tuple[str, Path], ...] = (),
    ) -> bool:
        """Show a build of `generation` unless newer content has been seen since; True if shown.

        built: the pages (site paths) it rewrote; None: any file may have changed."""
        with self._lock:
            now = self._snapshot
            if generation != now.generation:
                return False
            self._snapshot = Snapshot(self._version(), site_dir, prefix, None, generation, stale, translations)
            if built is None or now.failure is not None or now.site_dir != site_dir:
                self._base, self._rebuilt = self._count, {}
            else:
                self._rebuilt.update(dict.fromkeys(built, self._count))
            self._lock.notify_all()
            return True

    def show_failure(self, failure: Failure, generation: int) -> None:
        with self._lock:
            if generation == self._snapshot.generation:
                self._snapshot = replace(self._snapshot, version=self._version(), failure=failure, stale=frozenset())
                self._lock.notify_all()

    def page_version(self, page: str) -> str:
        """The version a page's script compares with (page: a site path, e.g. x/index.html)."""
        with self._lock:
            return self._page_version(page)

    def _page_version(self, page: str) -> str:
        shown = self._snapshot
        if shown.failure is not None or shown.site_dir is None:
            return shown.version
        return self._version(max(self._base, self._rebuilt.get(page, 0)))

    def changed_version(self, page: str, shown: str, timeout: float = CHANGE_WAIT_SECONDS) -> str:
        """The page's version once it is not `shown` (the one its script has), or after timeout.
        The page counts as open meanwhile."""
        with self._lock:
            self._waiting[page] = self._waiting.get(page, 0) + 1
            try:
                self._lock.wait_for(lambda: self._page_version(page) != shown, timeout=timeout)
                return self._page_version(page)
            finally:
                self._waiting[page] -= 1
                if not self._waiting[page]:
                    del self._waiting[page]
                self._seen[page] = time.monotonic()

    def seen(self, page: str) -> None:
        with self._lock:
            self._seen[page] = time.monotonic()

    def open_pages(self) -> frozenset[str]:
        """The pages the browser showed or asked about in the last few seconds."""
        with self._lock:
            since = time.monotonic() - OPEN_SECONDS
            self._seen = {page: at for page, at in self._seen.items() if at >= since}
            return frozenset(self._seen) | frozenset(self._waiting)

    def fresh(self, page: str) -> Snapshot:
        """The snapshot, once `page` is not stale in it (or after HOLD_SECONDS)."""
        with self._lock:
            self._seen[page] = time.monotonic()
            self._lock.wait_for(lambda: page not in self._snapshot.stale, timeout=HOLD_SECONDS)
            return self._snapshot


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, state: PreviewState, editor: Editor | None = None) -> None:
        self.state = state
        self.editor = editor  # the browser editor at /admin/ and its API, when serving a guide
        super().__init__((HOST, port), PreviewHandler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closes a connection early is normal; anything else gets one line,
        not a traceback in the editor's terminal."""
        import sys

        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError | TimeoutError):
            print(f"Preview: a request could not be answered ({type(error).__name__}: {error})", file=sys.stderr)


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "guidegen-preview"
    timeout = IDLE_SECONDS  # the socket's timeout: idle or half-sent requests do not keep a thread

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_POST(self) -> None:
        """Only the editor's API takes POST requests; see editor_http.py."""
        self.send_body = True
        try:
            answer_api(self)
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as error:
            self.log_error("could not answer %s: %s", self.path[:200], error)
            self._text(500, "The preview could not answer this request; see the terminal.")

    def _answer(self, send_body: bool) -> None:
        """Every request gets a status code: an odd one a 4xx, a failure here a 500 and one line."""
        try:
            self._respond(send_body)
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except OSError:  # a name the disk cannot hold, a file replaced while being read
            self._text(404, "There is no page at this address.")
        except Exception as error:
            self.log_error("could not answer %s: %s", self.path[:200], error)
            self._text(500, "The preview could not answer this request; see the terminal.")

    def log_error(self, format: str, *args: Any) -> None:
        import sys

        if format.startswith("could not answer"):
            print(f"Preview: {format % args}", file=sys.stderr)

    def log_message(self, format: str, *args: Any) -> None:
        """Editors need to see builds and problems, not every request."""

    def _respond(self, send_body: bool) -> None:
        self.send_body = send_body
        if not self._host_allowed():
            return self._text(403, "This preview only answers requests for 127.0.0.1 or localhost.")
        if len(self.path) > MAX_PATH:
            return self._text(414, "That address is too long.")
        path = _decoded(self.path)
        if path is not None and any(len(part.encode()) > MAX_SEGMENT for part in path.split("/")):
            return self._text(414, "That address is too long.")
        if path is None or not _safe(path):
            return self._text(400, "That address is not allowed.")
        shown = self.server.state.current()
        if path == VERSION_PATH:
            return self._send(200, "text/plain; charset=utf-8", self._version_of(shown).encode())
        if path == RELOAD_PATH:
            return self._send(200, "text/javascript; charset=utf-8", RELOAD_JS.encode())
        if self.server.editor is not None and (path == "/admin" or path.startswith(ADMIN)):
            return answer_admin(self, path)
        if not path.startswith(shown.prefix):
            if shown.prefix.startswith(path.rstrip("/") + "/"):  # '/' leads to the site
                return self._redirect(shown.prefix)
            return self._missing(shown)
        self._from_site(shown, path[len(shown.prefix) :])

    def host_allowed(self) -> bool:
        return self._host_allowed()

    def send(self, status: int, kind: str, data: bytes, csp: str | None = None, cache: str = "no-store") -> None:
        """A response with the preview's usual headers (editor_http.py's answers too); cache: its
        Cache-Control, for the editor's code at an address with its version."""
        self._send(status, kind, data, csp, cache)

    def redirect(self, location: str) -> None:
        self._redirect(location)

    def _host_allowed(self) -> bool:
        """Refuse other host names, so a web page that rebinds its name to 127.0.0.1 reads nothing."""
        host = self.headers.get("Host", "")
        return host in (f"{HOST}:{self.server.port}", f"localhost:{self.server.port}")

    def _version_of(self, shown: Snapshot) -> str:
        """?page=/prefix/x/ asks for that page's own version (and says it is open); else the whole one.
        With &shown=V (the version the page has), the answer waits until the page's differs."""
        query = parse_qs(urlsplit(self.path).query)
        asked = query.get("page", [""])[0]
        if not asked.startswith(shown.prefix):
            return shown.version
        page = _page_file(asked[len(shown.prefix) :])
        if "shown" in query:
            return self.server.state.changed_version(page, query["shown"][0])
        self.server.state.seen(page)
        return self.server.state.page_version(page)

    def _from_site(self, shown: Snapshot, rel: str) -> None:
        if shown.site_dir is None or (shown.failure and _is_page(rel)):
            return self._status_page(shown)
        folder, inner = shown.folder(rel)
        if rel and not rel.endswith("/") and folder is not None and (folder / inner).is_dir():
            return self._redirect(quote(f"{shown.prefix}{rel}/"))
        if _is_page(rel):  # the browser has it open; a page still being rebuilt is waited for
            shown = self.server.state.fresh(_page_file(rel))
        if shown.site_dir is None or (shown.failure and _is_page(rel)):
            return self._status_page(shown)
        folder, inner = shown.folder(rel)
        target = _inside(folder, _page_file(inner) if inner.endswith("/") or not inner else inner) if folder else None
        if target is None:
            return self._missing(shown)
        self._file(200, target, self.server.state.page_version(_page_file(rel)))

    def _status_page(self, shown: Snapshot) -> None:
        if shown.failure is None:
            return self._send(503, TYPES[".html"], waiting_page(shown.version))
        self._send(500, TYPES[".html"], failure_page(shown.failure, shown.version))

    def _missing(self, shown: Snapshot) -> None:
        shown = self.server.state.fresh("404.html")  # it lists the navigation
        page = _inside(shown.site_dir, "404.html") if shown.site_dir else None
        if page is None or shown.failure:
            return self._text(404, "There is no page at this address.")
        self._file(404, page, shown.version)

    def _file(self, status: int, path: Path, version: str) -> None:
        try:
            data = path.read_bytes()
        except OSError:  # replaced by a newer build between finding and reading it
            return self._text(404, "There is no page at this address.")
        kind = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self._send(status, kind, inject(data, version) if path.suffix == ".html" else data)

    def _policy(self, kind: str, data: bytes) -> str | None:
        if kind.startswith("text/html"):
            return policy(data)  # the page's own inline scripts by hash, and the site's files
        if kind.startswith(("image/svg", "application/xml", "text/xml")):
            return FILE_POLICY
        return None  # scripts, styles, fonts, PDFs: not documents of their own here

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _text(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", message.encode() + b"\n")

    def _send(self, status: int, kind: str, data: bytes, csp: str | None = None, cache: str = "no-store") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", cache)  # no-store: a reload must show the newest build
        self.send_header("X-Content-Type-Options", "nosniff")
        csp = csp or self._policy(kind, data)
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self.end_headers()
        if self.send_body:
            self.wfile.write(data)


def _decoded(target: str) -> str | None:
    """The request's path, %-decoded as UTF-8; None if it is not valid UTF-8 (a 400)."""
    try:
        return unquote(urlsplit(target).path, errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None


def _safe(path: str) -> bool:
    """An absolute URL path without `..`, backslashes or NUL (checked after %-decoding)."""
    if not path.startswith("/") or "\\" in path or "\0" in path:
        return False
    return ".." not in PurePosixPath(path).parts


def _page_file(rel: str) -> str:
    """A site path as the build names its file: x/ -> x/index.html."""
    return rel + "index.html" if rel.endswith("/") or not rel else rel


def _is_page(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return not name or name.endswith(".html") or "." not in name


def _inside(site_dir: Path, rel: str) -> Path | None:
    """The regular file at rel inside site_dir, never outside it (symlinks resolved)."""
    root = site_dir.resolve()
    target = (root / rel).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        return None
    return target


def start(server: PreviewServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, name="preview-server", daemon=True)
    thread.start()
    return thread
