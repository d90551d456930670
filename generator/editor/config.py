"""The Decap CMS configuration, generated from the content model.

Collections come from editor/collections.py, their fields from the model (editor/fields.py):
a field added to the model is in the editor at the next page load, with nothing else to change.
Labels and hints are in the guide's interface language; a translation's fields have the
source's text as their hints (editor/translation_hints.py). Translations follow
`translations:` in site_config.yml as it is on disk now; the local editor's config.yml is made
again whenever what it is made of has changed (editor/local_config.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..common.messages import N_, Messages
from ..content.model import SiteConfig
from ..content.reader import Unreadable, parse_yaml, plain
from ..content.translations import Fields, ItemKey
from ..errors import ProblemCollector
from .collections import CONFIG_FILE, Kind, kinds
from .fields import model_fields
from .translation_hints import translation_files

Sources = dict[ItemKey, Fields]  # the source guide's words by item (content/translations.py)
Written = Callable[[str], bool]  # is the file at this path (relative to the guide) there?

API_PATH = "/api/v1"
LOCAL_BACKEND = "proxy"  # Decap's backend for a server of its API (decap-server's, or ours)
DEFAULT_LANGUAGE = SiteConfig.model_fields["language"].default
# The locales decap-cms 3.16.3 bundles (`registerLocale` in dist/decap-cms.js); Welsh is not one.
SHIPPED = "bg ca cs da de en es fa fr gr he hr hu it ja ko lt mk nb_no nl nn_no pl pt ro ru sk sl sr_Cyrl sv th tr"
DECAP_LOCALES = frozenset((SHIPPED + " ua uk vi zh_Hans zh_Hant").split())
DECAP_ALIASES = {"el": "gr", "nb": "nb_no", "no": "nb_no", "nn": "nn_no", "sr": "sr_Cyrl", "zh": "zh_Hans"}
DECAP_ALIASES |= {"zh-hans": "zh_Hans", "zh-hant": "zh_Hant", "zh-tw": "zh_Hant", "zh-hk": "zh_Hant"}
MEDIA_FOLDER = "content/assets"
BODY: dict[str, Any] = {
    "name": "body",
    "label": N_("Text"),
    "widget": "markdown",
    # Markdown as written, with the rendered preview beside it. Decap's rich-text view writes the
    # whole page's Markdown anew when one word changes: notes (`!!! note`), definition lists and
    # `page:` links would not survive it, and saving must lose nothing.
    "modes": ["raw"],
    "hint": N_("The page's text in Markdown. Link to other parts with [text](page:ID), (activity:ID) or (skill:ID)."),
}


def decap_config(root: Path, origin: str, sources: Sources | None = None) -> dict[str, Any]:
    """The local editor's configuration: Decap talks to this preview's own API at origin.
    sources: the source guide's words, the hints of the translations' fields (if it loads)."""
    url = origin + API_PATH
    settings = read_settings(root)
    return {
        # The proxy backend at this preview's API, named directly: a `local_backend` would make
        # Decap ask the API whether it is there (one more round trip) before it shows anything.
        "backend": {"name": LOCAL_BACKEND, "proxy_url": url, "branch": "main"},
        "site_url": origin + "/",
        **_json_entries(common_config(translation_languages(settings), wording(settings), sources)),
    }


def _json_entries(config: dict[str, Any]) -> dict[str, Any]:
    """The local API shows a YAML file as JSON (editor/entries.py): Decap reads and writes
    those entries as JSON, which it parses many times faster than YAML (a list of 500
    activities) and which the API reads back without a YAML parser. The published editor
    reads the files themselves from GitHub, so it keeps `yml`."""
    for collection in config["collections"]:
        if collection.get("format", "yml") == "yml":
            collection["format"] = "json"
    return config


def common_config(
    languages: tuple[str, ...], words: Messages, sources: Sources | None = None, written: Written | None = None
) -> dict[str, Any]:
    """What the local editor and the published one (editor/hosted.py) share: the collections
    made from the content model, in the guide's interface language, where images go, how new
    files are named. written: which translation files to list (all, when None: the local API
    opens one not written yet as empty; GitHub cannot)."""
    return {
        "locale": decap_locale(words.language),
        "media_folder": MEDIA_FOLDER,
        "public_folder": "assets",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(kind, words, sources, written) for kind in kinds(languages)],
    }


def config_text(root: Path, origin: str, sources: Sources | None = None) -> bytes:
    """As YAML (JSON is YAML), what Decap reads from config.yml."""
    return json.dumps(decap_config(root, origin, sources), ensure_ascii=False, indent=1).encode("utf-8")


def decap_locale(language: str) -> str:
    """The locale of Decap's own buttons and messages: the guide's language if Decap ships it."""
    tag = language.lower()
    for candidate in (tag, tag.split("-")[0]):
        found = DECAP_ALIASES.get(candidate, candidate)
        if found in DECAP_LOCALES:
            return found
    return "en"


def collection(
    kind: Kind, words: Messages, sources: Sources | None = None, written: Written | None = None
) -> dict[str, Any]:
    fields = model_fields(kind.model, words.raw) + ([_body(words)] if kind.markdown else [])
    label = words.gettext(kind.label, language=kind.language) if kind.language else words.gettext(kind.label)
    files = translation_files(kind, label, fields, sources, words.raw) if kind.language and sources else []
    files = [entry for entry in files if written is None or written(entry["file"])]
    if files:
        return {"name": kind.name, "label": label, "format": _format(kind), "files": files}
    if kind.file is not None:
        entry = {"name": kind.name, "label": label, "file": kind.file, "fields": fields}
        return {"name": kind.name, "label": label, "files": [entry]}
    return {
        "name": kind.name,
        "label": label,
        "folder": kind.folder,
        "extension": kind.extension,
        "format": _format(kind),
        "create": kind.create,
        "delete": kind.create,
        "slug": kind.slug,
        "identifier_field": "title",
        "fields": fields,
    }


def _format(kind: Kind) -> str:
    return "frontmatter" if kind.markdown else "yml"


def _body(words: Messages) -> dict[str, Any]:
    return {**BODY, "label": words.raw(BODY["label"]), "hint": words.raw(BODY["hint"])}


def read_settings(root: Path) -> dict[str, Any]:
    """site_config.yml as it is on disk now, read for the editor's wording and collections;
    empty if it cannot be read (`guidegen check` says why)."""
    try:
        text = (root / CONFIG_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    try:
        data = plain(parse_yaml(text, ProblemCollector(CONFIG_FILE, text)))
    except Unreadable:
        return {}
    return data if isinstance(data, dict) else {}


def wording(settings: dict[str, Any]) -> Messages:
    """The guide's interface language and its own rewordings (`interface:`), as far as they are valid."""
    language = settings.get("language")
    interface = settings.get("interface")
    pairs = interface.items() if isinstance(interface, dict) else ()
    overrides = {key: text for key, text in pairs if isinstance(key, str) and isinstance(text, str)}
    return Messages(language if isinstance(language, str) and language else DEFAULT_LANGUAGE, overrides)


def translation_languages(settings: dict[str, Any]) -> tuple[str, ...]:
    """The languages under `translations:` in site_config.yml."""
    items = settings.get("translations")
    found = []
    for item in items if isinstance(items, list) else []:
        language = item.get("language") if isinstance(item, dict) else item
        if isinstance(language, str) and language.replace("-", "").isalnum():
            found.append(language)
    return tuple(found)
