"""The content model -> the editor's form fields (editor/fields.py): each widget from the schema's type."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from generator.content.model import Activity
from generator.editor.fields import model_fields


class Row(BaseModel):
    words: str = Field(max_length=80, description="The row's words.")
    minutes: int | None = None


class Sample(BaseModel):
    name: str = Field(max_length=80, description="A short name.")
    story: str = Field(max_length=5000)
    count: int
    shown: bool = True
    size: Literal["small", "large"] = "small"
    rows: tuple[Row, ...] = ()
    tags: tuple[str, ...] = ()
    day: str | None = None


def test_each_type_gets_its_widget_and_the_models_description_as_its_hint() -> None:
    fields = {f["name"]: f for f in model_fields(Sample, say=str.upper)}
    assert fields["name"] == {
        "name": "name",
        "label": "NAME",
        "hint": "A SHORT NAME.",
        "required": True,
        "widget": "string",
    }
    assert fields["story"]["widget"] == "text"  # longer than a line
    assert (fields["count"]["widget"], fields["count"]["value_type"]) == ("number", "int")
    assert fields["shown"]["widget"] == "boolean" and fields["shown"]["required"] is False
    assert (fields["size"]["widget"], fields["size"]["options"]) == ("select", ["small", "large"])
    assert fields["rows"]["summary"] == "{{fields.words}}" and [f["name"] for f in fields["rows"]["fields"]] == [
        "words",
        "minutes",
    ]
    assert fields["tags"]["field"] == {"name": "item", "label": "ITEM", "widget": "text"}  # no length: a text box
    assert fields["day"]["widget"] == "text" and fields["day"]["required"] is False  # None is left out, not a widget


def test_a_handout_is_a_list_of_at_most_one_of_its_kinds() -> None:
    handout = next(f for f in model_fields(Activity) if f["name"] == "handout")
    assert (handout["widget"], handout["typeKey"], handout["max"]) == ("list", "kind", 1)
    kinds = {t["name"]: t for t in handout["types"]}
    assert "three-circles" in kinds and kinds["three-circles"]["label"] == "Three circles"
    assert "kind" not in {f["name"] for f in kinds["three-circles"]["fields"]}  # the type key says it
