"""A translation's files as the editor lists them: one entry per source item, each field with
the source's text as its hint, so a translator sees what they translate beside the box.

Decap's hints belong to the configuration, not to an entry, so a translation's collection is a
list of files (Decap's `files` collection) rather than a folder: every item of the source has its
entry, translated or not yet (the API shows a file not yet written as an empty one). The words
are the ones `guidegen translate` exports (content/translations.py), keyed as the translated
file is: `title`, `steps`, `handout.rings`; in the skills file, each skill's words by its id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..common.messages import N_
from ..content.translations import Fields, ItemKey, Value, item_path
from .collections import Kind

Field = dict[str, Any]
Say = Callable[[str], str]
SOURCE = N_("Source:")  # before the source's text in each hint


def translation_files(
    kind: Kind, label: str, fields: list[Field], sources: dict[ItemKey, Fields], say: Say
) -> list[dict[str, Any]]:
    """Decap `files` entries for a translation's collection (kind.language, kind.item)."""
    assert kind.language and kind.item  # only a translation's kinds come here
    mine = [(key, words) for key, words in sources.items() if key[0] == kind.item]
    if kind.file is not None:  # one file: the home page, the support contacts, or every skill
        merged = _by_id(mine, "skills.") if kind.item == "skill" else mine[0][1] if mine else {}
        return [{"name": kind.name, "label": label, "file": kind.file, "fields": _hinted(fields, merged, say)}]
    return [
        {
            "name": ident,
            "label": str(words.get("title") or ident),
            "file": item_path((item, ident), kind.language),
            "fields": _hinted(fields, words, say),
        }
        for (item, ident), words in mine
    ]


def _by_id(items: list[tuple[ItemKey, Fields]], prefix: str) -> Fields:
    """Several items in one file (the skills): each field's words, one line per item's id."""
    merged: dict[str, list[str]] = {}
    for (_, ident), words in items:
        for name, value in words.items():
            merged.setdefault(prefix + name, []).append(f"{ident}: {_text(value, ' / ')}")
    return {name: tuple(lines) for name, lines in merged.items()}


def _hinted(fields: list[Field], words: Fields, say: Say, prefix: str = "") -> list[Field]:
    out = []
    for field in fields:
        name = prefix + field["name"]
        if isinstance(field.get("fields"), list):  # a group, or a list of groups: its own fields
            field = {**field, "fields": _hinted(field["fields"], words, say, name + ".")}
        if name in words:
            field = {**field, "hint": _hint(words[name], say)}
        out.append(field)
    return out


def _hint(value: Value, say: Say) -> str:
    if isinstance(value, str):
        return f"{say(SOURCE)} {value}"
    return f"{say(SOURCE)}\n\n" + _text(value, "\n")


def _text(value: Value, between: str) -> str:
    """A list of texts numbered, one for one, as the translation must give them."""
    if isinstance(value, str):
        return value
    return between.join(f"{number}. {text}" for number, text in enumerate(value, 1))
