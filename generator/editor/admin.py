"""The editor's own pages at /admin/: the page that loads Decap CMS, its generated
configuration and the vendored files, with a Content-Security-Policy of their own.

Decap compiles its configuration's schema at run time (`unsafe-eval`), loads WebAssembly and
styles itself inline; everything else is this origin only, and nothing may frame the editor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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


def admin_file(rel: str, title: str, config: Callable[[], bytes]) -> tuple[str, bytes] | None:
    """(content type, body) of the file at /admin/<rel>, or None if there is none.
    config: the generated config.yml (editor/local_config.py), made only when it is asked for."""
    if rel in ("", "index.html"):
        page = PAGE.format(title=escape(title), prefix=PREFIX)
        return "text/html; charset=utf-8", page.encode("utf-8")
    if rel == "config.yml":
        return "text/yaml; charset=utf-8", config()
    if VENDORED.match(rel) and (VENDOR / rel).is_file():
        return TYPES[Path(rel).suffix], (VENDOR / rel).read_bytes()
    return None
