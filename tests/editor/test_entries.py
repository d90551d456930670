"""A file as the editor sees it and back: shorthands expanded for the forms and kept short in
the file, the handout as a one-item list, emptied fields left out, the opening version kept."""

from __future__ import annotations

import json

import pytest

from generator.content.roundtrip import merge_yaml
from generator.editor.collections import kind_of
from generator.editor.entries import VERSION_KEY, Unparsable, edited, view

OLD = "# Steps written the old way\nid: a\ntitle: A\nsteps:\n  - First\n  - Second\nhandout:\n  kind: questions\n"
OLD += "  questions: [Why?]\n"
PATH = "content/activities/a.yml"


def test_the_view_expands_shorthands_and_wraps_the_handout() -> None:
    kind = kind_of(PATH)
    assert kind is not None
    data = json.loads(view(kind, PATH, OLD))
    assert data["steps"] == [{"text": "First"}, {"text": "Second"}]
    assert data["handout"] == [{"kind": "questions", "questions": ["Why?"]}]
    assert data[VERSION_KEY].startswith(f"{PATH}@")


def test_what_comes_back_merges_into_the_same_file_when_nothing_changed() -> None:
    kind = kind_of(PATH)
    assert kind is not None
    data = json.loads(view(kind, PATH, OLD))
    data.update(summary="", next=None, materials=[])  # what Decap sends for fields left empty
    back, body, opened = edited(kind, PATH, json.dumps(data))
    assert "summary" not in back and "next" not in back and "materials" not in back
    assert back["handout"] == {"kind": "questions", "questions": ["Why?"]}
    assert opened == data[VERSION_KEY].rpartition("@")[2] and body == ""
    assert merge_yaml(OLD, back) == OLD


def test_a_copy_of_another_file_is_a_new_entry() -> None:
    kind = kind_of(PATH)
    assert kind is not None
    data = json.loads(view(kind, PATH, OLD))
    assert edited(kind, "content/activities/b.yml", json.dumps(data))[2] is None


def test_files_the_editor_does_not_know_have_no_kind() -> None:
    assert kind_of("content/activities/sub/a.yml") is None
    assert kind_of("content/assets/logo.svg") is None
    assert kind_of("content/translations/cy/activities/a.yml").name == "cy_activities"  # type: ignore[union-attr]


def test_json_from_the_editor_reads_as_its_yaml_would() -> None:
    """Decap sends a YAML file's entry back as JSON (its collections' format is json); the
    same data written as YAML reads the same, and JSON that is not plain falls back to the
    YAML reader, which says what is wrong and where."""
    kind = kind_of(PATH)
    assert kind is not None
    data = json.loads(view(kind, PATH, OLD))
    as_yaml = "\n".join(f"{key}: {json.dumps(value)}" for key, value in data.items())
    assert edited(kind, PATH, json.dumps(data, indent=2)) == edited(kind, PATH, as_yaml)
    with pytest.raises(Unparsable) as twice:
        edited(kind, PATH, '{\n "id": "a",\n "id": "b"\n}')
    assert [(p.line, p.message) for p in twice.value.problems] == [(3, "this key appears twice; keep one of them")]
    # NaN is no JSON number: read as YAML it is the word "NaN", which check then refuses.
    assert edited(kind, PATH, '{"id": "a", "duration_minutes": NaN}')[0]["duration_minutes"] == "NaN"
