"""The content model's JSON schema -> Decap CMS fields, so the editor's forms follow the model.

Nothing here names a field of the model: a field added to a model class appears in the editor
with its description as the hint, both in the guide's interface language where the catalogue
has them (render/form_words.py makes them messages). Only the widget is chosen here, from the
schema's type:

- short text (at most 200 characters) -> `string`; longer text -> `text` (a text box);
- whole numbers -> `number`; yes/no -> `boolean`; a fixed set of words -> `select`;
- a group of fields -> `object`; a list -> `list` of texts or of groups;
- one of several kinds of group (a handout: three circles, questions...) -> a `list` of at most
  one item with Decap's variable `types`, keyed by the model's own discriminator (`kind`); the
  editor's view of the file wraps and unwraps that one item (editor/entries.py);
- a table of words (interface wording) has no form in Decap: it is kept as it is (`hidden`).

Rules (lengths, patterns, numbers' ranges) are not repeated here: the server checks every save
with the same loader as `guidegen check` and shows its message, so each rule lives in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from ..common.messages import N_
from ..render.form_words import field_label, variant_label

Schema = dict[str, Any]
Field = dict[str, Any]
Say = Callable[[str], str]  # an interface message -> its wording in the guide's language
SHORT_TEXT = 200  # longest text shown on one line


def model_fields(model: type[BaseModel], say: Say = str) -> list[Field]:
    """The Decap fields of a model's top level, their labels and hints worded by say."""
    schema = model.model_json_schema(by_alias=True)
    return _object_fields(schema, schema.get("$defs", {}), say)


def _object_fields(schema: Schema, defs: dict[str, Schema], say: Say) -> list[Field]:
    required = set(schema.get("required", ()))
    props = schema.get("properties", {})
    return [_field(name, prop, name in required, defs, say) for name, prop in props.items()]


def _resolve(prop: Schema, defs: dict[str, Schema]) -> Schema:
    ref = prop.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return {**defs[ref.removeprefix("#/$defs/")], **{k: v for k, v in prop.items() if k != "$ref"}}
    return prop


def _without_null(prop: Schema) -> tuple[Schema, bool]:
    """An optional field's own schema (`X | None` -> X), and whether None was allowed."""
    options = prop.get("anyOf")
    if not isinstance(options, list):
        return prop, False
    kept = [option for option in options if option.get("type") != "null"]
    if len(kept) != 1:
        return prop, len(kept) != len(options)
    outer = {key: value for key, value in prop.items() if key != "anyOf"}
    return {**kept[0], **outer}, True


def _field(name: str, prop: Schema, required: bool, defs: dict[str, Schema], say: Say) -> Field:
    # The field's own title, never the title of the model it refers to: an optional group
    # (`safeguarding: SafeguardingContact | None`) would otherwise be labelled with a class name.
    label = field_label(name, prop)
    prop, optional = _without_null(_resolve(prop, defs))
    prop = _resolve(prop, defs)
    base: Field = {"name": name, "label": say(label)}
    if prop.get("description"):
        base["hint"] = say(prop["description"])
    base["required"] = required and not optional
    return {**base, **_widget(prop, defs, say)}


def _widget(prop: Schema, defs: dict[str, Schema], say: Say) -> Field:
    kinds = _variants(prop, defs, say)
    if kinds is not None:
        return kinds
    if "const" in prop:
        return {"widget": "hidden", "default": prop["const"]}
    if "enum" in prop:
        return {"widget": "select", "options": list(prop["enum"])}
    kind = prop.get("type")
    if kind == "string":
        return _text(prop)
    if kind in ("integer", "number"):
        return {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
    if kind == "boolean":
        return {"widget": "boolean"}
    if kind == "array":
        return _list(prop, defs, say)
    if kind == "object" and "properties" in prop:
        return {"widget": "object", "collapsed": False, "fields": _object_fields(prop, defs, say)}
    return {"widget": "hidden"}  # a table of words, or anything Decap has no form for: kept as it is


def _text(prop: Schema) -> Field:
    if prop.get("format") == "date":
        return {"widget": "string"}  # written as YYYY-MM-DD, as the model's description says
    long = int(prop.get("maxLength", SHORT_TEXT + 1)) > SHORT_TEXT
    return {"widget": "text" if long else "string"}


def _list(prop: Schema, defs: dict[str, Schema], say: Say) -> Field:
    items = prop.get("items")
    if items is None and isinstance(prop.get("prefixItems"), list):  # a fixed number, e.g. three rings
        items = prop["prefixItems"][0]
    items = _resolve(items or {"type": "string"}, defs)
    if "enum" in items:
        return {"widget": "select", "multiple": True, "options": list(items["enum"])}
    if items.get("type") == "object" and "properties" in items:
        fields = _object_fields(items, defs, say)
        return {"widget": "list", "collapsed": False, "summary": _summary(fields), "fields": fields}
    one = {"name": "item", "label": say(N_("Item")), **_widget(items, defs, say)}
    return {"widget": "list", "collapsed": False, "field": one}


def _summary(fields: list[Field]) -> str:
    """What a folded list item shows: its first text field."""
    for field in fields:
        if field.get("widget") in ("string", "text"):
            return "{{fields." + field["name"] + "}}"
    return ""


def _variants(prop: Schema, defs: dict[str, Schema], say: Say) -> Field | None:
    """A union told apart by a discriminator -> a list of at most one item with `types`."""
    options = prop.get("oneOf")
    discriminator = prop.get("discriminator")
    if not isinstance(options, list) or not isinstance(discriminator, dict):
        return None
    key = discriminator["propertyName"]
    types = []
    for option in options:
        variant = _resolve(option, defs)
        tag = variant["properties"][key]["const"]
        fields = [f for f in _object_fields(variant, defs, say) if f["name"] != key]
        types.append({"name": tag, "label": say(variant_label(tag)), "widget": "object", "fields": fields})
    return {"widget": "list", "types": types, "typeKey": key, "max": 1, "collapsed": False}
