"""The preview's doors to the browser editor: the pages at /admin/ and `POST /api/v1`.

The API changes files, so it answers only the editor served by this preview: the Host must be
the preview's own (as for every request), the Origin must be that same address (a page on any
other site, or on another port, is refused: no CORS), the body must be JSON of a bounded size.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from ..editor.admin import POLICY, PREFIX, admin_file
from ..editor.api import Api
from ..editor.config import API_PATH
from ..editor.paths import Refused

if TYPE_CHECKING:
    from .http import PreviewHandler

ADMIN = PREFIX
MAX_REQUEST = 8_000_000  # an image of 5 MB as base64, with room for the request around it


@dataclass
class Editor:
    """The editor of the guide at root; on_saved hears which files a save changed; known gives
    what the preview's last load parsed each YAML text to, so checks need not parse it again."""

    root: Path
    on_saved: Callable[[list[str]], None] = lambda paths: None
    known: Callable[[], dict[str, Any]] = dict
    api: Api = field(init=False)

    def __post_init__(self) -> None:
        self.api = Api(self.root, lambda: self.known())


def answer_admin(handler: PreviewHandler, path: str) -> None:
    if path == "/admin":
        return handler.redirect(ADMIN)
    editor = handler.server.editor
    assert editor is not None  # the handler only calls this with an editor
    origin = _origin(handler)
    version = parse_qs(urlsplit(handler.path).query).get("v", [""])[0]
    found = admin_file(path[len(ADMIN) :], editor.root.name, lambda: editor.api.config.text(origin), version)
    if found is None:
        return handler.send(404, "text/plain; charset=utf-8", b"There is no page at this address.\n")
    handler.send(200, found.kind, found.data, POLICY, found.cache)
    if found.kind.startswith("text/html"):  # the editor is being opened: read and check the guide meanwhile
        warm = partial(editor.api.store.warm, lambda: editor.api.config.text(origin))
        threading.Thread(target=warm, name="editor-warm-up", daemon=True).start()


def answer_api(handler: PreviewHandler) -> None:
    editor = handler.server.editor
    if editor is None or handler.path != API_PATH:
        return _json(handler, 404, {"error": "There is no API at this address."})
    try:
        request = _request(handler)
        answer = editor.api.answer(request)
    except Refused as refused:
        return _json(handler, refused.status, {"error": str(refused)})
    _json(handler, 200, answer)
    if request.get("action") in ("persistEntry", "persistMedia", "deleteFile", "deleteFiles"):
        editor.on_saved([str(editor.root / p) for p in _paths(request.get("params"))])


def _request(handler: PreviewHandler) -> dict[str, Any]:
    """The request's JSON, once its Host, Origin, type and size are the editor's."""
    if not handler.host_allowed():
        raise Refused(403, "This preview only answers requests for 127.0.0.1 or localhost.")
    origin = handler.headers.get("Origin")
    if origin != _origin(handler) or handler.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
        raise Refused(403, "Only the editor at this preview's own /admin/ may change the guide.")
    if not handler.headers.get("Content-Type", "").startswith("application/json"):
        raise Refused(415, "The editor's requests are JSON.")
    try:
        length = int(handler.headers.get("Content-Length", ""))
    except ValueError:
        raise Refused(411, "The request must say its length.") from None
    if length < 0 or length > MAX_REQUEST:
        raise Refused(413, f"The request is larger than {MAX_REQUEST // 1_000_000} MB.")
    try:
        request = json.loads(handler.rfile.read(length))
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, "The request is not JSON.") from None
    if not isinstance(request, dict):
        raise Refused(400, "The request is not a JSON object.")
    return request


def _origin(handler: PreviewHandler) -> str:
    return f"http://{handler.headers.get('Host', '')}"


def _paths(params: object) -> list[str]:
    if not isinstance(params, dict):
        return []
    found = [params.get("path"), *(params.get("paths") or [])]
    found += [f.get("path") for f in params.get("dataFiles") or [] if isinstance(f, dict)]
    found += [f.get("newPath") for f in params.get("dataFiles") or [] if isinstance(f, dict)]
    asset = params.get("asset")
    found += [asset.get("path")] if isinstance(asset, dict) else []
    return [p for p in found if isinstance(p, str)]


def _json(handler: PreviewHandler, status: int, answer: Any) -> None:
    data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
    handler.send(status, "application/json; charset=utf-8", data)
