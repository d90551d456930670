"""A content file as the editor sees it, and the editor's text back as data for the file.

Two differences, both driven by the model's JSON schema rather than by field names:

- a union told apart by a discriminator (the handout) is one object in the file but a list
  of at most one item in the editor (Decap has variable `types` only for lists);
- a shorthand the model accepts (a step written as plain text, a language written alone) is
  shown as the group of fields it stands for.

Each entry also carries `guidegen_version`: its path and the SHA-256 of the file as it was read.
Decap keeps keys it has no form for and sends them back on save, so every open editor tab holds
the version it started from, and a save over a file changed since (by a text editor, another
tab) is refused. A copy ("Publish and duplicate") carries another path's version: it is new.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

from pydantic import BaseModel

from ..content.reader import Unreadable, parse_yaml, plain
from ..content.roundtrip import join_front_matter, split_front_matter
from ..errors import Problem, ProblemCollector
from .collections import Kind

VERSION_KEY = "guidegen_version"
Schema = dict[str, Any]


class Unparsable(Exception):
    """The editor's text is not YAML we accept; carries the reader's problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def version(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stamp(path: str, text: str) -> str:
    return f"{path}@{version(text)}"


def view(kind: Kind, path: str, text: str) -> str:
    """The file's text for the editor: its data reshaped for the forms, with its version."""
    front, body = split_front_matter(text) if kind.markdown else (text, "")
    data = _quick(front or "")
    if not isinstance(data, dict):
        return text  # a broken file: shown as it is, and `guidegen check` says what is wrong
    data = {**_to_view(data, _schema(kind.model)), VERSION_KEY: stamp(path, text)}
    dumped = _dump(data)
    return join_front_matter(dumped, body) if kind.markdown else dumped


def blank(kind: Kind, path: str) -> str:
    """A translation not written yet, as the editor opens it: only the id it must carry (the
    file's name). Without a version, so saving it writes a new file and never replaces one
    written meanwhile (editor/store.py)."""
    ident = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    data = {"id": ident} if "id" in _schema(kind.model).get("required", ()) else {}
    return join_front_matter(_dump(data), "") if kind.markdown else _dump(data)


def edited(kind: Kind, path: str, raw: str) -> tuple[dict[str, Any], str, str | None]:
    """The editor's text -> (data for the file, Markdown body, the version it was opened at)."""
    front, body = split_front_matter(raw) if kind.markdown else (raw, "")
    data = _parsed(path, front or "")
    if not isinstance(data, dict):
        data = {}
    opened = data.pop(VERSION_KEY, None)
    where, _, sha = opened.rpartition("@") if isinstance(opened, str) else ("", "", "")
    return _from_view(data, _schema(kind.model)), body, sha if where == path else None


def _parsed(path: str, text: str) -> Any:
    """The editor's text: JSON as the local editor sends it for a YAML file (editor/config.py),
    read by the standard library in a millisecond, a key given twice or NaN refused; otherwise
    (a page's front matter, JSON that does not read) as strictly as content files, with the
    position of any problem. Either way the file it makes is checked in context before a save."""
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
        except (ValueError, RecursionError):
            pass  # the YAML reader says what is wrong, and where
    collector = ProblemCollector(path, text)
    try:
        node = parse_yaml(text, collector) if text.strip() else {}
    except Unreadable:
        node = None
    if collector.problems:
        raise Unparsable(collector.problems)
    return plain(node)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise ValueError("a key appears twice")
    return found


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a value a guide's file can hold")


def _quick(text: str) -> Any:
    """A file's data for showing only, fast: libyaml through PyYAML (which MkDocs needs, so it
    is always installed) reads a file in a millisecond where the position-keeping reader takes
    about eighty, and a list of 500 activities must open in seconds. Anchors and aliases are
    refused before anything is built, as the content reader does; None for any file it cannot read."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        if any(isinstance(t, yaml.AnchorToken | yaml.AliasToken) for t in yaml.scan(text, Loader=loader)):
            return None
        return yaml.load(text, Loader=loader) if text.strip() else {}
    except (yaml.YAMLError, RecursionError, ValueError):
        return None


def _dump(data: dict[str, Any]) -> str:
    """JSON, which is YAML too: Decap reads it the same, and writing it is fifty times quicker
    than a YAML writer (what the editor sends back is merged into the real file anyway)."""
    return json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n"


@cache
def _schema(model: type[BaseModel]) -> Schema:
    """Made once per model: pydantic takes tens of milliseconds to build it."""
    return model.model_json_schema(by_alias=True)


def _resolved(prop: Schema, defs: dict[str, Schema]) -> Schema:
    """A property's own schema: `$ref` followed, `X | None` -> X."""
    ref = prop.get("$ref")
    if isinstance(ref, str):
        prop = defs[ref.rsplit("/", 1)[-1]]
    options = prop.get("anyOf")
    if isinstance(options, list):
        kept = [o for o in options if o.get("type") != "null"]
        if len(kept) == 1:
            return _resolved(kept[0], defs)
    return prop


def _to_view(value: Any, prop: Schema, defs: dict[str, Schema] | None = None) -> Any:
    defs = prop.get("$defs", {}) if defs is None else defs
    prop = _resolved(prop, defs)
    if "discriminator" in prop and isinstance(value, dict):
        key = prop["discriminator"]["propertyName"]
        variant = prop["discriminator"]["mapping"].get(value.get(key), "")
        return [_to_view(value, {"$ref": variant}, defs) if variant else value]
    if prop.get("type") == "object" and "properties" in prop:
        required = prop.get("required", [])
        if isinstance(value, str) and required:
            return {required[0]: value}  # the shorthand, as the group it stands for
        if isinstance(value, dict):
            fields = prop["properties"]
            return {k: _to_view(v, fields[k], defs) if k in fields else v for k, v in value.items()}
    if prop.get("type") == "array" and isinstance(value, list) and isinstance(prop.get("items"), dict):
        return [_to_view(item, prop["items"], defs) for item in value]
    return value


def _from_view(value: Any, prop: Schema, defs: dict[str, Schema] | None = None) -> Any:
    """The editor's data for the file: the one-item list unwrapped, empty answers left out
    (Decap writes an emptied field as '' or null; the file simply does not have it)."""
    defs = prop.get("$defs", {}) if defs is None else defs
    prop = _resolved(prop, defs)
    if "discriminator" in prop and isinstance(value, list):
        return _from_view(value[0], {"type": "object"}, defs) if value else None
    if isinstance(value, dict):
        fields = prop.get("properties", {}) if prop.get("type") == "object" else {}
        out = {}
        for key, item in value.items():
            item = _from_view(item, fields.get(key, {}), defs)
            if not _empty(item):
                out[key] = item
        return out
    if isinstance(value, list) and isinstance(prop.get("items"), dict):
        return [_from_view(item, prop["items"], defs) for item in value]
    return value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}
