"""A Content-Security-Policy in each page of the hosted website.

The website runs in the organisation's web origin, where the interactive circles keep the
reader's notes in localStorage. Content cannot carry script (the pages are sanitised), and
this policy is the second wall: the browser runs only the site's own script files and the
inline scripts Material writes into each page, each allowed by its SHA-256 hash, and loads
nothing from other sites. A `<meta>` policy is used because many hosts (GitHub Pages, a
shared folder) cannot send headers; `guidegen serve` sends the same policy as a header.

Added to the built pages after the engine ran (MkDocs or Zensical alike: Zensical ignores
MkDocs hooks). The offline bundle gets no policy: its search runs through a shim that writes
an inline script into a frame at run time (no hash can allow it), and from file:// there is
no web origin to protect.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from ..content.reserved import EDITOR_FOLDER

SCRIPT = re.compile(rb"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
SRC = re.compile(rb"\ssrc\s*=", re.IGNORECASE)
TYPE = re.compile(rb"""\stype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
HEAD = re.compile(rb"<head\b[^>]*>", re.IGNORECASE)
CHARSET = re.compile(rb"<meta\s+charset=[^>]*>", re.IGNORECASE)
SCRIPT_TYPES = (b"", b"text/javascript", b"module", b"application/javascript")

BASE = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",  # Material sets style attributes; styles cannot run code
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def inline_script_hashes(html: bytes) -> list[str]:
    """'sha256-...' of every inline script the browser would run, in page order, no repeats."""
    found: list[str] = []
    for match in SCRIPT.finditer(html):
        attributes, body = match.group(1), match.group(2)
        kind = TYPE.search(attributes)
        if SRC.search(attributes) or (kind and kind.group(1).lower() not in SCRIPT_TYPES):
            continue  # an external file ('self'), or data such as Material's JSON config
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
        token = f"'sha256-{digest}'"
        if token not in found:
            found.append(token)
    return found


def policy(html: bytes) -> str:
    """The policy for one page: the site's own files, plus exactly this page's inline scripts."""
    scripts = " ".join(["'self'", *inline_script_hashes(html)])
    return "; ".join((BASE[0], f"script-src {scripts}", *BASE[1:]))


def with_policy(html: str) -> str:
    """The page with its policy as the first thing in <head> (after the charset), so it
    covers every script that follows."""
    data = html.encode("utf-8")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(data)}">'.encode()
    anchor = CHARSET.search(data) or HEAD.search(data)
    if anchor is None:
        return html
    return (data[: anchor.end()] + meta + data[anchor.end() :]).decode("utf-8")


def add_policies(site_dir: Path, pages: Iterable[Path] | None = None) -> None:
    """Every HTML page of a built website (or those given: the pages a rebuild wrote), with its
    policy; not the editor's, which Decap's policy covers (it compiles code at run time and
    talks to GitHub)."""
    for page in site_dir.rglob("*.html") if pages is None else pages:
        if page.relative_to(site_dir).parts[0] == EDITOR_FOLDER:
            continue
        html = page.read_text(encoding="utf-8")
        page.write_text(with_policy(html), encoding="utf-8")
