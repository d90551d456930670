"""The Decap CMS configuration, generated from the content model on every request to /admin/.

Collections come from editor/collections.py, their fields from the model (editor/fields.py):
a field added to the model is in the editor at the next page load, with nothing else to change.
Translations follow `translations:` in site_config.yml as it is on disk now.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..content.reader import Unreadable, parse_yaml, plain
from ..errors import ProblemCollector
from .collections import CONFIG_FILE, Kind, kinds
from .fields import model_fields

API_PATH = "/api/v1"
MEDIA_FOLDER = "content/assets"
BODY = {
    "name": "body",
    "label": "Text",
    "widget": "markdown",
    # Markdown as written, with the rendered preview beside it. Decap's rich-text view writes the
    # whole page's Markdown anew when one word changes: notes (`!!! note`), definition lists and
    # `page:` links would not survive it, and saving must lose nothing.
    "modes": ["raw"],
    "hint": "The page's text in Markdown. Link to other parts with [text](page:ID), (activity:ID) or (skill:ID).",
}


def decap_config(root: Path, origin: str) -> dict[str, Any]:
    """The local editor's configuration: Decap talks to this preview's own API at origin."""
    url = origin + API_PATH
    return {
        "backend": {"name": "proxy", "proxy_url": url, "branch": "main"},
        "local_backend": {"url": url},
        "site_url": origin + "/",
        **common_config(translation_languages(root)),
    }


def common_config(languages: tuple[str, ...]) -> dict[str, Any]:
    """What the local editor and the published one (editor/hosted.py) share: the collections
    made from the content model, where images go, how new files are named."""
    return {
        "media_folder": MEDIA_FOLDER,
        "public_folder": "assets",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(kind) for kind in kinds(languages)],
    }


def config_text(root: Path, origin: str) -> bytes:
    """As YAML (JSON is YAML), what Decap reads from config.yml."""
    return json.dumps(decap_config(root, origin), ensure_ascii=False, indent=1).encode("utf-8")


def collection(kind: Kind) -> dict[str, Any]:
    fields = model_fields(kind.model) + ([BODY] if kind.markdown else [])
    if kind.file is not None:
        entry = {"name": kind.name, "label": kind.label, "file": kind.file, "fields": fields}
        return {"name": kind.name, "label": kind.label, "files": [entry]}
    return {
        "name": kind.name,
        "label": kind.label,
        "folder": kind.folder,
        "extension": kind.extension,
        "format": "frontmatter" if kind.markdown else "yml",
        "create": kind.create,
        "delete": kind.create,
        "slug": kind.slug,
        "identifier_field": "title",
        "fields": fields,
    }


def translation_languages(root: Path) -> tuple[str, ...]:
    """The languages under `translations:` in site_config.yml; none if it cannot be read."""
    try:
        text = (root / CONFIG_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ()
    try:
        data = plain(parse_yaml(text, ProblemCollector(CONFIG_FILE, text)))
    except Unreadable:
        return ()
    items = data.get("translations") if isinstance(data, dict) else None
    found = []
    for item in items if isinstance(items, list) else []:
        language = item.get("language") if isinstance(item, dict) else item
        if isinstance(language, str) and language.replace("-", "").isalnum():
            found.append(language)
    return tuple(found)
