"""Write translated items back as files in content/translations/<lang>/ (YAML and Markdown).

The layout is fixed, so the same translation always gives the same bytes: fields in the
source model's order, long text as YAML block scalars, `source_hashes` on one line.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString

from ..content.model import Guide
from ..content.translations import (
    ACTIVITY_FIELDS,
    ADAPTATION_FIELDS,
    EASY_READ_FIELDS,
    HANDOUT_FIELDS,
    PAGE_FIELDS,
    SESSION_FIELDS,
    SKILL_FIELDS,
    SUPPORT_FIELDS,
    Fields,
    Item,
    ItemKey,
    item_path,
)

HEADER = "# {language} translation of {source}. Only words here: structure comes from the source.\n"


NUMBERS_NOTE = "# Never a number or an address: how to reach each service always comes from the source.\n"


def _text(value: str) -> Any:
    return LiteralScalarString(value + "\n") if "\n" in value else value


def _value(value: str | tuple[str, ...]) -> Any:
    return [_text(v) for v in value] if isinstance(value, tuple) else _text(value)


def _hashes(hashes: dict[str, str]) -> CommentedMap:
    flow = CommentedMap(sorted(hashes.items()))
    flow.fa.set_flow_style()
    return flow


def _mapping(fields: Fields, names: tuple[str, ...], prefix: str = "") -> CommentedMap:
    out = CommentedMap()
    for name in names:
        if prefix + name in fields:
            out[name] = _value(fields[prefix + name])
    return out


def _dump(data: Any) -> str:
    yaml = YAML()
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def activity_text(ident: str, item: Item, language: str, source: str) -> str:
    data = CommentedMap(id=ident)
    data["source_hashes"] = _hashes(item.hashes)
    data.update(_mapping(item.fields, ACTIVITY_FIELDS))
    handout = _mapping(item.fields, HANDOUT_FIELDS, "handout.")
    if handout:
        data["handout"] = handout
    adaptations = _mapping(item.fields, ADAPTATION_FIELDS, "adaptations.")
    if adaptations:
        data["adaptations"] = adaptations
    return HEADER.format(language=language, source=source) + _dump(data)


def session_text(ident: str, item: Item, language: str, source: str) -> str:
    data = CommentedMap(id=ident)
    data["source_hashes"] = _hashes(item.hashes)
    data.update(_mapping(item.fields, SESSION_FIELDS))
    return HEADER.format(language=language, source=source) + _dump(data)


def support_text(item: Item, language: str) -> str:
    data = CommentedMap(source_hashes=_hashes(item.hashes))
    data.update(_mapping(item.fields, SUPPORT_FIELDS))
    header = HEADER.format(language=language, source="content/support.yml") + NUMBERS_NOTE
    return header + _dump(data)


def easy_read_text(ident: str, item: Item, language: str, source: str) -> str:
    data = CommentedMap(id=ident)
    data["source_hashes"] = _hashes(item.hashes)
    data.update(_mapping(item.fields, EASY_READ_FIELDS))
    return HEADER.format(language=language, source=source) + _dump(data)


def skills_text(items: list[tuple[str, Item]], language: str) -> str:
    skills = []
    for ident, item in items:
        entry = CommentedMap(id=ident)
        entry["source_hashes"] = _hashes(item.hashes)
        entry.update(_mapping(item.fields, SKILL_FIELDS))
        skills.append(entry)
    return HEADER.format(language=language, source="content/skills.yml") + _dump({"skills": skills})


def page_text(item: Item) -> str:
    front = _mapping(item.fields, tuple(n for n in PAGE_FIELDS if n != "body"))
    front["source_hashes"] = _hashes(item.hashes)
    body = item.fields.get("body", "")
    assert isinstance(body, str)
    return f"---\n{_dump(front)}---\n\n{body}\n"


def file_texts(items: dict[ItemKey, Item], order: list[ItemKey], language: str) -> dict[str, str]:
    """Path (relative to the guide) -> text, for every file the items make."""
    from ..translate.entries import source_path

    out: dict[str, str] = {}
    skills = [(key[1], items[key]) for key in order if key[0] == "skill" and key in items]
    if skills:
        out[item_path(("skill", ""), language)] = skills_text(skills, language)
    for key in order:
        if key not in items or key[0] == "skill":
            continue
        item = items[key]
        if key[0] in ("home", "page"):
            text = page_text(item)
        elif key[0] == "easy-read":
            text = easy_read_text(key[1], item, language, source_path(key))
        elif key[0] == "session":
            text = session_text(key[1], item, language, source_path(key))
        elif key[0] == "support":
            text = support_text(item, language)
        else:
            text = activity_text(key[1], item, language, source_path(key))
        out[item_path(key, language)] = text
    return out


def write_files(root: Path, texts: dict[str, str]) -> list[str]:
    """Write the files whose text changed (each through a temporary file and a rename); return them."""
    written = []
    for rel, text in sorted(texts.items()):
        path = root / rel
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.guidegen-tmp")
        temporary.write_text(text, encoding="utf-8", newline="\n")
        os.replace(temporary, path)
        written.append(rel)
    return written


def po_file(guide: Guide, language: str, **headers: str) -> Any:
    """An empty PO file for one language of the guide: deterministic headers (no dates), UTF-8, no wrapping."""
    import polib

    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": guide.config.slug,
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        **headers,
    }
    return po
