"""`guidegen translate export|import`: one gettext PO file per language, read and written with polib.

Export: one entry per field (per item of a list), context = file and field, msgid = the source
text, msgstr = the current translation; a stale translation is marked fuzzy. Import: entries
back into content/translations/<lang>/, recording the hash of the source text each was made
from (its msgid). Every problem names the PO file's line; on any problem nothing is written.
A fuzzy entry (a translator has not confirmed it) keeps what the translation had.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..content.model import Guide
from ..content.translation_model import (
    TranslatedActivity,
    TranslatedEasyRead,
    TranslatedPageMeta,
    TranslatedSession,
    TranslatedSkill,
    TranslatedSupport,
)
from ..content.translations import (
    SUPPORT_KEY,
    Item,
    ItemKey,
    Value,
    field_hash,
    field_problem,
    item_path,
    source_items,
)
from ..errors import ContentError, Problem
from .entries import checked_translation, entries, item_for, parse_context
from .files import file_texts, po_file, write_files


def export_po(guide: Guide, language: str) -> str:
    """The PO file's text: deterministic (no dates), UTF-8, one entry per translatable text."""
    import polib

    translation = checked_translation(guide, language)
    po = po_file(guide, language, **{"X-Source-Language": guide.config.language})
    for entry in entries(guide, translation):
        flags = ["fuzzy"] if entry.stale and entry.translation else []
        po.append(polib.POEntry(msgctxt=entry.context, msgid=entry.source, msgstr=entry.translation, flags=flags))
    return str(po)


@dataclass
class _Field:
    """One field as the PO file gives it: its texts by index (None: not a list), source texts, first line."""

    line: int
    translated: dict[int | None, str]
    sources: dict[int | None, str]


def import_po(guide: Guide, language: str, po_file: Path) -> list[str]:
    """Write the PO (or XLIFF) file's translations; return the files changed. Raise ContentError
    (nothing written) on any problem."""
    translation = checked_translation(guide, language)
    rel = str(po_file)
    if po_file.suffix.lower() in (".xlf", ".xliff"):
        from .xliff import read_xliff

        entries_read, problems = read_xliff(po_file, rel)
    else:
        entries_read, problems = _read_po(po_file, rel)
        from .interface import import_interface, is_interface_file

        if not problems and is_interface_file(entries_read):
            return import_interface(guide, language, entries_read, rel)
    fields: dict[tuple[ItemKey, str], _Field] = {}
    for entry in entries_read:
        _collect(guide, entry, rel, fields, problems)
    items = {
        key: Item(i.path, i.line, dict(i.fields), dict(i.hashes), dict(i.lines)) for key, i in translation.items.items()
    }
    changed = _apply(guide, language, fields, items, problems, rel)
    problems += _validate(items, changed, fields, rel)
    if problems:
        raise ContentError(problems)
    order = list(source_items(guide))
    texts = file_texts({k: items[k] for k in changed}, order, language)
    if any(key[0] == "skill" for key in changed):  # skills.yml holds every skill: write them all
        texts |= file_texts({k: v for k, v in items.items() if k[0] == "skill"}, order, language)
    return write_files(guide.root, texts)


def _apply(
    guide: Guide,
    language: str,
    fields: dict[tuple[ItemKey, str], _Field],
    items: dict[ItemKey, Item],
    problems: list[Problem],
    rel: str,
) -> set[ItemKey]:
    """Each complete field into its item, with the hash of the source it translates; the items changed."""
    changed: set[ItemKey] = set()
    sources = source_items(guide)
    for (key, name), found in fields.items():
        value, source = _value(found, sources[key].get(name))
        if value is None or source is None:
            continue
        message = field_problem(name, source, value, numbers=key == SUPPORT_KEY)
        if message:
            problems.append(Problem(rel, found.line, 1, name, message))
            continue
        item = items.setdefault(key, Item(item_path(key, language), 1, {}, {}))
        if item.fields.get(name) != value or item.hashes.get(name) != field_hash(source):
            item.fields[name], item.hashes[name] = value, field_hash(source)
            changed.add(key)
    return changed


# A PO line: a keyword and a quoted string, a continued string, a comment, or nothing.
PO_LINE = re.compile(
    r'^\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$'  # a text
    r"|^\s*(?:#.*)?$"  # a comment or nothing
)


def _read_po(po_file: Path, rel: str) -> tuple[Any, list[Problem]]:
    """The entries, or the first line that is not PO (polib quietly accepts some broken lines)."""
    import polib

    try:
        text = po_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [], [Problem(rel, 1, 1, "po", f"could not be read ({error}); save it as UTF-8 text")]
    for number, line in enumerate(text.splitlines(), start=1):
        if not PO_LINE.match(line):
            message = "is not a PO line (a keyword and a text in double quotes, with every quote closed)"
            return [], [Problem(rel, number, 1, "po", f"{message}; fix it in a PO editor")]
    try:
        return polib.pofile(text), []
    except (OSError, ValueError, UnicodeDecodeError) as error:
        found = re.search(r"line (\d+)", str(error))
        message = f"could not be read as a PO file ({error}); open it in a PO editor and save it again"
        return [], [Problem(rel, int(found[1]) if found else 1, 1, "po", message)]


def _collect(
    guide: Guide, entry: Any, rel: str, fields: dict[tuple[ItemKey, str], _Field], problems: list[Problem]
) -> None:
    """One PO entry into fields; a fuzzy or empty one is left out (the translation keeps what it had)."""
    parsed = parse_context(entry.msgctxt or "")
    key = item_for(guide, parsed[0], parsed[1]) if parsed else None
    if parsed is None or key is None:
        where = entry.msgctxt or "(none)"
        problems.append(
            Problem(
                rel, entry.linenum, 1, "msgctxt", f"'{where}' names no item of the guide; was it renamed or deleted?"
            )
        )
        return
    _, _, name, index = parsed
    if name not in source_items(guide)[key]:
        problems.append(
            Problem(rel, entry.linenum, 1, "msgctxt", f"'{entry.msgctxt}': the source has no field '{name}'")
        )
        return
    if "fuzzy" in entry.flags or not entry.msgstr.strip():
        return
    found = fields.setdefault((key, name), _Field(entry.linenum, {}, {}))
    found.translated[index] = entry.msgstr.strip("\n") if name == "body" else entry.msgstr.strip()
    found.sources[index] = entry.msgid


def _value(found: _Field, current: Value | None) -> tuple[Value | None, Value | None]:
    """(translated value, the source it translates); (None, None) while a list is only partly translated."""
    if None in found.translated:
        return found.translated[None], found.sources[None]
    order = sorted(i for i in found.translated if i is not None)
    if not isinstance(current, tuple) or order != list(range(len(current))):
        return None, None
    return tuple(found.translated[i] for i in order), tuple(found.sources[i] for i in order)


MODELS: dict[str, Any] = {"activity": TranslatedActivity, "skill": TranslatedSkill, "easy-read": TranslatedEasyRead}
MODELS |= {"session": TranslatedSession, "support": TranslatedSupport}


def _validate(
    items: dict[ItemKey, Item], changed: set[ItemKey], fields: dict[tuple[ItemKey, str], _Field], rel: str
) -> list[Problem]:
    """The changed items as the translation files will hold them, checked with their models."""
    problems = []
    for key in sorted(changed):
        data = _nested(items[key].fields)
        model = MODELS.get(key[0], TranslatedPageMeta)
        if model is TranslatedPageMeta:
            data.pop("body", None)
        elif model is not TranslatedSupport:
            data["id"] = key[1]
        try:
            model.model_validate(data)
        except ValidationError as error:
            for problem in error.errors(include_url=False):
                name = ".".join(str(p) for p in problem["loc"] if not isinstance(p, int))
                line = next((f.line for (k, n), f in fields.items() if k == key and n == name), 1)
                problems.append(Problem(rel, line, 1, name, str(problem["msg"]).lower()))
    return problems


def _nested(flat: dict[str, Value]) -> dict[str, Any]:
    out: dict[str, Any] = defaultdict(dict)
    for name, value in flat.items():
        group, _, field_name = name.rpartition(".")  # "handout.rings", "adaptations.online"
        if group:
            out[group][field_name] = value
        else:
            out[name] = value
    return dict(out)
