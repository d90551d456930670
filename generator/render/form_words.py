"""The content model's words as the editor's forms show them: a field's label (its title in the
model's JSON schema) and its hint (its description), and a handout kind's name.

They are interface messages like any other: `render/extract.py` puts every one in the
catalogues, and the editor's configuration (editor/fields.py) shows them in the guide's
interface language. Both ask here, so what is extracted is exactly what is looked up. A form
word a catalogue has not translated yet is shown in English (the readers' words must all be
translated; the editors' may wait).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel

from ..content import model, translation_model

MODULES: tuple[ModuleType, ...] = (model, translation_model)  # every model a content file is checked with
COMMENT = "A label or hint of the browser editor's forms: shown in English until translated."


def field_label(name: str, prop: dict[str, Any]) -> str:
    """A field's label: its title in the schema (pydantic makes one from the name)."""
    return str(prop.get("title") or name.replace("_", " ").capitalize())


def variant_label(tag: str) -> str:
    """The name of one kind of a group told apart by its kind ('three-circles' -> 'Three circles')."""
    return tag.replace("-", " ").capitalize()


def model_files() -> frozenset[str]:
    """The files the form words come from (a message found only there may stay untranslated)."""
    return frozenset(str(Path(inspect.getfile(module)).resolve()) for module in MODULES)


def form_words() -> Iterator[tuple[Path, int, str]]:
    """(file, line of the model's class, message) for every label, hint and kind name."""
    for module in MODULES:
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not (issubclass(cls, BaseModel) and cls.__module__ == module.__name__):
                continue
            schema = cls.model_json_schema(by_alias=True)
            line = inspect.getsourcelines(cls)[1]
            for message in _schema_words(schema):
                yield Path(inspect.getfile(module)).resolve(), line, message


def _schema_words(schema: Any) -> Iterator[str]:
    if isinstance(schema, list):
        for item in schema:
            yield from _schema_words(item)
    if not isinstance(schema, dict):
        return
    for name, prop in (schema.get("properties") or {}).items():
        if isinstance(prop, dict):
            yield field_label(name, prop)
            if isinstance(prop.get("description"), str):
                yield prop["description"]
    discriminator = schema.get("discriminator")
    if isinstance(discriminator, dict):
        yield from (variant_label(tag) for tag in discriminator.get("mapping", {}))
    for key, value in schema.items():
        if key != "properties" or isinstance(value, dict):
            yield from _schema_words(value if key != "properties" else list(value.values()))
