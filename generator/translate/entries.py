"""Every translatable field as one entry: where it is (context), the source text, the translation.

A list field (steps, rings...) is one entry per item, so a translator sees one step at a time;
the context says which: `content/activities/good-facilitation.yml steps[3]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.model import Guide
from ..content.translations import ItemKey, Translation, Value, item_status, load_translation, source_items
from ..errors import ContentError

SOURCE_PATHS = {
    "home": "content/home.md",
    "page": "content/pages/{}.md",
    "skill": "content/skills.yml",
    "activity": "content/activities/{}.yml",
    "easy-read": "content/easy-read/{}.yml",
    "session": "content/sessions/{}.yml",
    "support": "content/support.yml",
}
CONTEXT = re.compile(r"^(?P<path>content/\S+) (?P<where>[a-z0-9_.-]+?)(?:\[(?P<index>\d+)\])?$")


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    translation: str
    stale: bool


def checked_translation(guide: Guide, language: str) -> Translation:
    """The language's translation as export and import start from it; its problems stop both."""
    translation = load_translation(guide, language)
    if translation.problems:
        raise ContentError(translation.problems)
    return translation


def source_path(key: ItemKey) -> str:
    return SOURCE_PATHS[key[0]].format(key[1])


def context(key: ItemKey, name: str, index: int | None) -> str:
    """'content/skills.yml listening.name', 'content/activities/x.yml steps[2]' (1-based)."""
    where = f"{key[1]}.{name}" if key[0] == "skill" else name
    return f"{source_path(key)} {where}" + (f"[{index + 1}]" if index is not None else "")


def entries(guide: Guide, translation: Translation) -> list[Entry]:
    out = []
    for key, fields in source_items(guide).items():
        item = translation.items.get(key)
        status = item_status(key, fields, item)
        for name, value in fields.items():
            done: Value | None = item.fields.get(name) if item else None
            stale = name in status.stale_fields
            if isinstance(value, str):
                out.append(Entry(context(key, name, None), value, done if isinstance(done, str) else "", stale))
                continue
            for index, text in enumerate(value):
                current = done[index] if isinstance(done, tuple) and index < len(done) else ""
                out.append(Entry(context(key, name, index), text, current, stale))
    return out


def parse_context(text: str) -> tuple[str, str | None, str, int | None] | None:
    """'content/skills.yml listening.name' -> (path, 'listening', 'name', None); None if malformed."""
    match = CONTEXT.match(text)
    if not match:
        return None
    index = int(match["index"]) - 1 if match["index"] else None
    where = match["where"]
    if match["path"] == SOURCE_PATHS["skill"]:  # skills.yml holds many items: 'listening.name'
        skill, _, name = where.partition(".")
        return match["path"], skill, name, index
    return match["path"], None, where, index


def item_for(guide: Guide, path: str, skill: str | None) -> ItemKey | None:
    """The source item a context's file names, or None when there is none."""
    for key in source_items(guide):
        if source_path(key) == path and (key[0] != "skill" or key[1] == skill):
            return key
    return None
