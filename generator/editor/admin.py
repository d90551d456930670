"""The editor's own pages at /admin/: the page that loads Decap CMS, its generated
configuration and the vendored files, with a Content-Security-Policy of their own.

Decap compiles its configuration's schema at run time (`unsafe-eval`) and styles itself inline
(guidegen's build of it has no WebAssembly: scripts/decap/); everything else is this origin
only, and nothing may frame the editor. The page's two small scripts of its own are allowed by
their hashes.

Opening the editor is mostly Chromium running Decap's 3.5 MB of code, so the page lets nothing
wait behind it: it asks for config.yml itself while the code loads (Decap would only ask once
its code has run, then parse it with its YAML parser), and starts Decap with the configuration
already parsed. The code's address carries its version, so the browser may keep it for good: a
browser that has it keeps V8's compiled code beside it, and an editor who opens the editor
every day does not download and compile Decap again (and an upgrade is a new address).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from ..render.environments import TEMPLATES_DIR
from .config import LOCAL_BACKEND

PREFIX = "/admin/"
VENDOR = TEMPLATES_DIR / "assets" / "vendor" / "decap-cms"
VENDORED = re.compile(r"^decap-cms\.js$")  # guidegen's build is one file (scripts/decap/)
# Before Decap's code: it must not start itself (CMS_MANUAL_INIT), and config.yml (JSON, which is
# YAML) is asked for now, in parallel with the code, not after it. The local backend has no
# password (only this computer reaches it), so its "Login" page is one pointless click: Decap
# restores a user it finds stored for the configured backend and opens straight away.
START = (
    "window.CMS_MANUAL_INIT = true;\n"
    f'window.localStorage.setItem("decap-cms-user", JSON.stringify({{backendName: "{LOCAL_BACKEND}"}}));\n'
    f'window.guidegenConfig = fetch("{PREFIX}config.yml", {{credentials: "same-origin"}})\n'
    "  .then((answer) => { if (!answer.ok) throw new Error(answer.statusText); return answer.json(); });\n"
)
# After it: Decap started with that configuration (validated by Decap as any other). If it could
# not be had, Decap asks for config.yml itself and says what went wrong, as without this script.
INIT = (
    "window.guidegenConfig.then(\n"
    "  (config) => CMS.init({config: {...config, load_config_file: false}}),\n"
    "  () => CMS.init(),\n"
    ");\n"
)


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


POLICY = (
    f"default-src 'self'; script-src 'self' 'unsafe-eval' {_hash(START)} {_hash(INIT)}; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self' blob: data:; frame-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; "
    "base-uri 'self'; form-action 'none'; frame-ancestors 'none'"
)

# The icon is empty (data:), so the browser does not ask the preview for a /favicon.ico it has not.
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Edit: {title}</title>
<link rel="icon" href="data:,">
<link href="{prefix}config.yml" type="text/yaml" rel="cms-config-url">
<script>{start}</script>
</head>
<body>
<script src="{prefix}decap-cms.js?v={version}"></script>
<script>{init}</script>
</body>
</html>
"""


KEEP = "max-age=31536000, immutable"  # Decap's code at an address with its version


@dataclass(frozen=True)
class AdminFile:
    kind: str  # its Content-Type
    data: bytes
    cache: str = "no-store"  # its Cache-Control


def admin_file(rel: str, title: str, config: Callable[[], bytes], version: str = "") -> AdminFile | None:
    """The file at /admin/<rel> (asked for with ?v=version), or None if there is none.
    config: the generated config.yml (editor/local_config.py), made only when it is asked for."""
    if rel in ("", "index.html"):
        page = PAGE.format(title=escape(title), prefix=PREFIX, start=START, init=INIT, version=code_version())
        return AdminFile("text/html; charset=utf-8", page.encode("utf-8"))
    if rel == "config.yml":
        return AdminFile("text/yaml; charset=utf-8", config())
    if VENDORED.match(rel) and (VENDOR / rel).is_file():
        data = (VENDOR / rel).read_bytes()
        kept = rel == "decap-cms.js" and version == code_version()
        return AdminFile("text/javascript; charset=utf-8", data, KEEP if kept else "no-store")
    return None


def code_version() -> str:
    """Decap's code as installed: a new copy (guidegen upgraded) is a new address."""
    status = (VENDOR / "decap-cms.js").stat()
    return f"{status.st_mtime_ns:x}-{status.st_size:x}"
