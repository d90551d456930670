"""The editor's own pages at /admin/: the page that loads Decap CMS, its generated
configuration and the vendored files, with a Content-Security-Policy of their own.

Decap compiles its configuration's schema at run time (`unsafe-eval`), loads WebAssembly and
styles itself inline; everything else is this origin only, and nothing may frame the editor.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import cache
from html import escape
from pathlib import Path

from ..render.environments import TEMPLATES_DIR

PREFIX = "/admin/"
VENDOR = TEMPLATES_DIR / "assets" / "vendor" / "decap-cms"
VENDORED = re.compile(r"^(?:[0-9]+\.)?decap-cms\.js$|^[0-9a-f]+\.wasm$")
POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' blob: data:; frame-src 'self' blob:; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'"
)
TYPES = {".js": "text/javascript; charset=utf-8", ".wasm": "application/wasm"}

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Edit: {title}</title>
<link href="{prefix}config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="{prefix}decap-cms.js"></script>
</body>
</html>
"""


def admin_file(rel: str, title: str, config: Callable[[], bytes]) -> tuple[str, bytes, str | None] | None:
    """(content type, body, etag) of the file at /admin/<rel>, or None if there is none.
    config: the generated config.yml (editor/local_config.py), made only when it is asked for.
    Decap's own files have an etag: they do not change while the preview runs."""
    if rel in ("", "index.html"):
        page = PAGE.format(title=escape(title), prefix=PREFIX)
        return "text/html; charset=utf-8", page.encode("utf-8"), None
    if rel == "config.yml":
        return "text/yaml; charset=utf-8", config(), None
    if VENDORED.match(rel) and (VENDOR / rel).is_file():
        data, etag = _vendored(rel)
        return TYPES[Path(rel).suffix], data, etag
    return None


@cache
def _vendored(name: str) -> tuple[bytes, str]:
    """A file of the vendored Decap and its etag, read once (the bundle is 5 MB)."""
    data = (VENDOR / name).read_bytes()
    return data, '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
