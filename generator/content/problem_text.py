"""pydantic's validation errors -> sentences an editor understands, with a fix."""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .model import HANDOUT_KINDS, RENAMED_SETTINGS

PATTERN_HINTS = {
    "^[a-z0-9]+": "use only lowercase letters, digits and hyphens, e.g. good-facilitation",
    "^#(?:": "expected a colour as a hex code, e.g. #1d4e89",
    "^assets/": "expected a file inside content/assets/, e.g. assets/logo.svg",
    "^https?://": "expected a web address starting with https://",
    "^[a-z]{2,3}": "expected a language code, e.g. en-GB",
    "^[A-Za-z0-9][A-Za-z0-9-]{0,38}/": "expected the GitHub repository as OWNER/NAME, e.g. my-charity/peer-guide",
    "^[A-Za-z0-9][A-Za-z0-9._/-]": "expected a branch name, e.g. main",
    "^(?:[01]?[0-9]|2[0-3]):": 'expected a time on the 24-hour clock, in quotes, e.g. "18:30"',
}


def field_label(loc: tuple[str | int, ...]) -> str:
    """('handout', 'three-circles', 'rings', 1) -> 'handout.rings[2]' (1-based for people)."""
    label = ""
    for part in loc:
        if isinstance(part, int):
            label += f"[{part + 1}]"
        elif part in HANDOUT_KINDS:
            continue  # pydantic's discriminator step, not something the editor wrote
        else:
            label += f".{part}" if label else part
    return label or "file"


def yaml_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Drop pydantic's union-tag steps so the path matches the YAML document."""
    return tuple(part for part in loc if part not in HANDOUT_KINDS)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found.extend(_models_in(arg))
    return found


def model_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that owns the last key in loc (for 'did you mean' and examples)."""
    current: type[BaseModel] | None = root
    candidates: list[type[BaseModel]] = [root]
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if part in HANDOUT_KINDS:
            current = next(
                (
                    m
                    for m in candidates
                    if m.model_fields.get("kind") and part in typing.get_args(m.model_fields["kind"].annotation)
                ),
                None,
            )
            continue
        if current is None or part not in current.model_fields:
            return None
        candidates = _models_in(current.model_fields[part].annotation)
        current = candidates[0] if len(candidates) == 1 else None
    return current


# Words editors reach for that are not our keys: what we call them instead.
SYNONYMS = {
    "colours": "brand",
    "colors": "brand",
    "colour": "brand",
    "color": "brand",
    "branding": "brand",
    "theme": "brand",
    "license": "licence",
    "lang": "language",
    "locale": "language",
    "url": "site_url",
    "website": "site_url",
    "font": "fonts",
    "paper_size": "paper",
    "time": "duration_minutes",
    "minutes": "duration_minutes",
    "duration": "duration_minutes",
    "people": "group_size",
    "notes": "facilitator_notes",
    "prep": "preparation",
    "type": "kind",
    "labels": "rings",
    "circles": "rings",
}


def _example(owner: type[BaseModel] | None, name: str) -> str:
    if owner is None or name not in owner.model_fields:
        return ""
    examples = owner.model_fields[name].examples
    if not examples:
        return ""
    return f", e.g. {name}: {flow(examples[0])}"


def flow(value: Any) -> str:
    """A value as one line of YAML, so it can be pasted anywhere, also inside {...} or [...]."""
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    text = str(value)
    if any(mark in text for mark in ",:[]{}#&*!|>'\"%@`") or text != text.strip():
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value) if not isinstance(value, str) else f"'{value[:40]}'"


def describe(error: ErrorDetails, root: type[BaseModel]) -> str:
    """One plain-English sentence for one pydantic error, with how to fix it."""
    kind = error["type"]
    loc = tuple(error["loc"])
    name = next((str(p) for p in reversed(loc) if isinstance(p, str) and p not in HANDOUT_KINDS), "")
    owner = model_at(root, loc)
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")

    if kind == "missing" and loc and isinstance(loc[-1], int):
        items = len(value) if isinstance(value, list) else 0  # the loader passes the whole list
        if name == "rings":
            return _ring_count(items)
        return f"has {items} item{'' if items == 1 else 's'}; this list needs more items"
    if kind == "missing":
        return f"this is required but missing; add it{_example(owner, name) or f' as {name}: ...'}"
    if kind == "extra_forbidden":
        return _unknown_key(name, owner)
    if kind in ("int_parsing", "int_type", "int_from_float"):
        unit = " of minutes" if name.endswith("minutes") else ""
        return f"expected a whole number{unit}, not {_kind_of(value)}{_example(owner, name) or ', e.g. 30'}"
    if kind in ("float_parsing", "float_type"):
        return f"expected a number, not {_kind_of(value)}{_example(owner, name)}"
    if kind in ("bool_parsing", "bool_type"):
        return "expected true or false"
    if kind == "string_type":
        return f"expected text, not {_kind_of(value)}; if it is a number or date, put it in quotes"
    if kind == "string_too_short":
        return "is empty; write something here or remove the line"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters); shorten it"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        hint = next((h for p, h in PATTERN_HINTS.items() if pattern.startswith(p)), "has the wrong form")
        return f"{_kind_of(value)} is not allowed: {hint}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, not {_kind_of(value)}: put each item on its own line starting with '- '"
    if kind in ("too_short", "too_long") and name == "rings":
        return _ring_count(len(value) if isinstance(value, list) else 0)
    if kind == "too_short":
        count = ctx.get("min_length")
        return f"needs at least {count} item{'' if count == 1 else 's'}; put each on its own line starting with '- '"
    if kind == "too_long":
        return f"has too many items (at most {ctx.get('max_length')})"
    if kind == "literal_error":
        return f"{_kind_of(value)} is not allowed: choose one of {ctx.get('expected')}"
    if kind == "union_tag_invalid":
        return f"unknown handout kind '{ctx.get('tag')}': choose one of {', '.join(HANDOUT_KINDS)}"
    if kind == "union_tag_not_found":
        return f"the handout needs a 'kind:' line, one of {', '.join(HANDOUT_KINDS)}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {ctx.get('ge', ctx.get('gt'))}, not {_kind_of(value)}"
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {ctx.get('le', ctx.get('lt'))}, not {_kind_of(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _group_expected(name, value, loc, root)
    return str(error["msg"])


def _ring_count(count: int) -> str:
    said = {0: "no labels", 1: "one label", 2: "two labels"}.get(count, f"{count} labels")
    return f"has {said} but needs exactly three, centre first, e.g. rings: [Important, Less important, Not important]"


def _group_expected(name: str, value: Any, loc: tuple[str | int, ...], root: type[BaseModel]) -> str:
    """'licence: CC BY-SA 4.0' -> write licence: {name: CC BY-SA 4.0}; else a pasteable example."""
    owner = model_at(root, (*loc, "_"))
    fields = owner.model_fields if owner else {}
    if isinstance(value, str) and "name" in fields:
        return f"expected a group of fields, not text: write {name}: {flow({'name': value})}"
    example = {key: field.examples[0] for key, field in fields.items() if field.is_required() and field.examples}
    hint = f", e.g. {name}: {flow(example)}" if example else ""
    return f"expected a group of 'key: value' lines, not {_kind_of(value)}{hint}"


def did_you_mean(wanted: str, known: Iterable[str]) -> str:
    """' Did you mean 'x'?' for the nearest known name, or '' when none is close."""
    import difflib  # here: only a problem asks for it, and a warm `check` has none

    close = difflib.get_close_matches(wanted, sorted(known), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def _unknown_key(name: str, owner: type[BaseModel] | None) -> str:
    known = sorted(info.alias or key for key, info in owner.model_fields.items()) if owner else []
    if RENAMED_SETTINGS.get(name) in known:  # the old name is only left over when the new one is here too
        new = RENAMED_SETTINGS[name]
        return f"is the old name of {new}:, which is here too; keep only {new}: (move anything you need into it)"
    synonym = SYNONYMS.get(name.lower())
    hint = f" Did you mean '{synonym}'?" if synonym in known else did_you_mean(name, known)
    listing = f" Known fields here: {', '.join(known)}." if known else ""
    return f"'{name}' is not a field we know.{hint}{listing}"
