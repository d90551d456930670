"""pydantic's errors as sentences an editor understands (content/problem_text.py), each with a fix."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from generator.content.model import Activity, SiteConfig
from generator.content.problem_text import describe, did_you_mean, field_label, flow, yaml_loc

ACTIVITY = {
    "id": "circles",
    "title": "What matters?",
    "aim": "Agree.",
    "duration_minutes": 30,
    "group_size": "Any",
    "steps": ["Talk."],
}


def sentences(model: Any, data: dict[str, Any]) -> dict[str, str]:
    """Each error of validating data, as field label -> sentence."""
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data)
    return {field_label(tuple(e["loc"])): describe(e, model) for e in raised.value.errors()}


def test_a_misspelt_field_gets_the_nearest_name_and_every_known_one() -> None:
    found = sentences(Activity, {**ACTIVITY, "titel": "x"})
    assert found["titel"].startswith("'titel' is not a field we know. Did you mean 'title'? Known fields here: ")


def test_wrong_kinds_of_value_say_what_to_write_instead() -> None:
    found = sentences(Activity, {**ACTIVITY, "duration_minutes": "half an hour", "steps": "Talk.", "id": "Circles!"})
    assert found["duration_minutes"].startswith("expected a whole number of minutes, not 'half an hour'")
    assert found["steps"] == "expected a list, not 'Talk.': put each item on its own line starting with '- '"
    assert (
        found["id"]
        == "'Circles!' is not allowed: use only lowercase letters, digits and hyphens, e.g. good-facilitation"
    )


def test_a_handouts_rings_are_counted_and_its_kind_named() -> None:
    rings = {**ACTIVITY, "handout": {"kind": "three-circles", "rings": ["Inner", "Outer"]}}
    assert sentences(Activity, rings)["handout.rings[3]"].startswith(
        "has two labels but needs exactly three, centre first"
    )
    unknown = sentences(Activity, {**ACTIVITY, "handout": {"kind": "circles"}})
    assert unknown["handout"].startswith("unknown handout kind 'circles': choose one of three-circles")


def test_a_missing_field_and_a_group_written_as_text_get_an_example() -> None:
    found = sentences(SiteConfig, {"title": "A guide", "licence": "CC BY-SA 4.0"})
    assert found["licence"] == "expected a group of fields, not text: write licence: {name: CC BY-SA 4.0}"
    assert found["slug"].startswith("this is required but missing; add it")


def test_labels_and_values_as_an_editor_writes_them() -> None:
    assert field_label(("handout", "three-circles", "rings", 1)) == "handout.rings[2]" and field_label(()) == "file"
    assert yaml_loc(("handout", "three-circles", "rings", 1)) == ("handout", "rings", 1)
    assert flow({"name": "CC BY: 4.0", "tags": ["a", "b c"]}) == '{name: "CC BY: 4.0", tags: [a, b c]}'
    assert did_you_mean("listenin", ["empathy", "listening"]) == " Did you mean 'listening'?"
    assert did_you_mean("zzz", ["empathy"]) == ""
