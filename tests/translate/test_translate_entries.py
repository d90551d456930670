"""Every translatable field as one entry (translate/entries.py), with a context a translator's tool keeps."""

from __future__ import annotations

import pytest
from helpers.translated_sample import translated_sample

from generator.translate.entries import checked_translation, context, entries, item_for, parse_context


def test_each_field_and_list_item_is_one_entry_with_the_translation_so_far() -> None:
    guide = translated_sample()
    found = {e.context: e for e in entries(guide, checked_translation(guide, "cy"))}
    steps = found["content/activities/circles.yml steps[2]"]
    assert (steps.source, steps.translation, steps.stale) == (
        "Place each note in a ring.",
        "Rhowch bob nodyn mewn cylch.",
        False,
    )
    assert found["content/activities/questions.yml steps[1]"].stale  # its source changed after it was translated
    assert found["content/skills.yml listening.name"].translation == ""  # not translated yet
    assert "content/activities/circles.yml id" not in found  # ids are not words


@pytest.mark.parametrize(
    ("key", "name", "index", "text", "parsed"),
    [
        (("skill", "listening"), "name", None, "content/skills.yml listening.name", ("listening", "name", None)),
        (
            ("activity", "circles"),
            "handout.rings",
            2,
            "content/activities/circles.yml handout.rings[3]",
            (None, "handout.rings", 2),
        ),
        (("page", "first-page"), "body", None, "content/pages/first-page.md body", (None, "body", None)),
    ],
)
def test_a_context_is_read_back_as_the_field_it_names(
    key: tuple[str, str], name: str, index: int | None, text: str, parsed: tuple[str | None, str, int | None]
) -> None:
    assert context(key, name, index) == text
    path, *rest = parse_context(text) or ("",)
    assert (path, *rest) == (text.split(" ")[0], *parsed)
    assert item_for(translated_sample(), path, parsed[0]) == key


def test_a_context_a_tool_spoilt_names_nothing() -> None:
    assert parse_context("circles title") is None
    assert parse_context("content/activities/circles.yml Title") is None
    assert item_for(translated_sample(), "content/activities/gone.yml", None) is None
