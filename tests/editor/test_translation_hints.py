"""A translation's collections list each source item as a file, each field with the source's
text as its hint (the config of tests/samples/translated, with its Welsh translation)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.content.loader import load_guide
from generator.content.translations import source_items
from generator.editor.config import decap_config
from generator.editor.translation_hints import SOURCE

REPO = Path(__file__).resolve().parents[2]
TRANSLATED = REPO / "tests" / "samples" / "translated"
ORIGIN = "http://127.0.0.1:8781"


def _collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [c for c in config["collections"] if c["name"] == name]
    return found


def test_each_translated_file_shows_the_source_text_as_its_fields_hints() -> None:
    config = decap_config(TRANSLATED, ORIGIN, source_items(load_guide(TRANSLATED)))
    assert SOURCE == "Source:"
    activities = _collection(config, "cy_activities")
    assert [f["name"] for f in activities["files"]] == ["circles", "questions"]
    circles = {f["name"]: f for f in activities["files"][0]["fields"]}
    assert activities["files"][0]["file"] == "content/translations/cy/activities/circles.yml"
    assert circles["title"]["hint"] == "Source: What matters most?"
    assert circles["steps"]["hint"] == "Source:\n\n1. Write qualities on sticky notes.\n2. Place each note in a ring."
    rings = {f["name"]: f for f in circles["handout"]["fields"]}["rings"]
    assert rings["hint"] == "Source:\n\n1. Important\n2. Less important\n3. Not important"
    assert circles["summary"]["hint"] == "The summary, translated."  # the source has none: the description
    page = {f["name"]: f for f in _collection(config, "cy_pages")["files"][0]["fields"]}
    source = (TRANSLATED / "content" / "pages" / "first-page.md").read_text(encoding="utf-8")
    assert page["body"]["hint"].removeprefix("Source: ") in source
    skills = _collection(config, "cy_skills")["files"][0]["fields"][0]["fields"]
    assert {f["name"]: f for f in skills}["name"]["hint"] == "Source:\n\n1. listening: Listening\n2. empathy: Empathy"
