"""The Decap configuration is generated from the content model: every collection the issue
names, widgets chosen from the schema, and a field added to the model shows up by itself."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import Field

from generator.common.messages import catalog
from generator.content.model import Activity, EditingSettings
from generator.editor import collections
from generator.editor.config import LOCAL_BACKEND, decap_config

REPO = Path(__file__).resolve().parents[2]
TRANSLATED = REPO / "tests" / "samples" / "translated"
ORIGIN = "http://127.0.0.1:8781"


def _collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [c for c in config["collections"] if c["name"] == name]
    return found


def _fields(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    fields = collection["fields"] if "fields" in collection else collection["files"][0]["fields"]
    return {field["name"]: field for field in fields}


def _welsh_guide(tmp_path: Path) -> Path:
    """The Welsh sample (tests/samples/translated) written in Welsh: its interface language is cy."""
    guide = shutil.copytree(TRANSLATED, tmp_path / "guide")
    config = guide / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en-GB", "language: cy"), encoding="utf-8")
    return guide


def test_the_local_backend_is_this_preview() -> None:
    config = decap_config(REPO, ORIGIN)
    assert config["backend"] == {"name": "proxy", "proxy_url": f"{ORIGIN}/api/v1", "branch": "main"}
    assert "local_backend" not in config  # named directly: Decap need not ask the API whether it is there
    assert config["media_folder"] == "content/assets"


def test_every_part_of_the_guide_has_a_collection() -> None:
    config = decap_config(REPO, ORIGIN)
    names = [c["name"] for c in config["collections"]]
    assert names == ["settings", "home", "pages", "activities", "skills", "sessions", "support", "easy_read"]
    assert _collection(config, "settings")["files"][0]["file"] == "site_config.yml"
    pages = _collection(config, "pages")
    assert (pages["folder"], pages["format"], pages["create"]) == ("content/pages", "frontmatter", True)
    assert _fields(pages)["body"]["widget"] == "markdown"
    assert _collection(config, "activities")["slug"] == "{{fields.id}}"


def test_widgets_and_hints_come_from_the_model() -> None:
    activity = _fields(_collection(decap_config(REPO, ORIGIN), "activities"))
    assert activity["title"]["widget"] == "string"
    assert activity["title"]["hint"] == "The activity's title."
    assert activity["aim"]["widget"] == "text"
    assert activity["duration_minutes"] == {**activity["duration_minutes"], "widget": "number", "required": True}
    steps = activity["steps"]
    assert steps["widget"] == "list"
    assert [f["name"] for f in steps["fields"]] == ["text", "minutes"]
    assert steps["fields"][1]["value_type"] == "int"
    assert [f["name"] for f in activity["adaptations"]["fields"]] == [
        *("online", "larger_group", "reading_support"),
        *("sight", "hearing", "mobility", "interpreter"),
    ]
    assert activity["facilitator_notes"]["hint"].startswith("Tips for the facilitator.")
    handout = activity["handout"]
    assert (handout["widget"], handout["typeKey"], handout["max"]) == ("list", "kind", 1)
    assert [t["name"] for t in handout["types"]] == ["three-circles", "questions", "checklist", "table"]
    settings = _fields(_collection(decap_config(REPO, ORIGIN), "settings"))
    assert settings["paper"]["options"] == ["A4", "Letter"]
    assert settings["outputs"] == {**settings["outputs"], "widget": "select", "multiple": True}


def test_a_field_added_to_the_model_appears_in_the_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    class Extended(Activity):
        materials_cost: int | None = Field(default=None, description="Roughly what the materials cost, in pounds.")

    monkeypatch.setattr(collections, "Activity", Extended)
    field = _fields(_collection(decap_config(REPO, ORIGIN), "activities"))["materials_cost"]
    assert field == {
        "name": "materials_cost",
        "label": "Materials Cost",
        "hint": "Roughly what the materials cost, in pounds.",
        "required": False,
        "widget": "number",
        "value_type": "int",
    }


def test_each_translation_has_its_own_collections(tmp_path: Path) -> None:
    (tmp_path / "site_config.yml").write_text("title: T\ntranslations: [cy, {language: fr}]\n")
    names = [c["name"] for c in decap_config(tmp_path, ORIGIN)["collections"]]
    parts = ("home", "pages", "activities", "skills", "easy_read", "sessions", "support")
    assert names[8:] == [f"{lang}_{part}" for lang in ("cy", "fr") for part in parts]
    cy_activities = _collection(decap_config(tmp_path, ORIGIN), "cy_activities")
    assert cy_activities["folder"] == "content/translations/cy/activities"
    assert _fields(cy_activities)["steps"]["field"]["widget"] == "text"


def test_an_optional_group_is_labelled_by_its_field_not_its_model() -> None:
    settings = _fields(_collection(decap_config(REPO, ORIGIN), "settings"))
    assert settings["safeguarding"]["label"] == "Safeguarding"
    assert settings["editing"]["label"] == "Editing"
    assert [field["name"] for field in settings["editing"]["fields"]][:3] == ["backend", "repo", "branch"]


def test_labels_and_hints_are_in_the_guides_interface_language(tmp_path: Path) -> None:
    config = decap_config(_welsh_guide(tmp_path), ORIGIN)
    activity = _fields(_collection(config, "activities"))
    assert (activity["title"]["label"], activity["title"]["hint"]) == ("Teitl", "Teitl y gweithgaredd.")
    assert activity["duration_minutes"]["label"] == "Hyd (munudau)"
    assert activity["steps"]["label"] == "Camau"
    assert [t["label"] for t in activity["handout"]["types"]] == ["Tri chylch", "Cwestiynau", "Rhestr wirio", "Tabl"]
    assert _collection(config, "settings")["label"] == "Gosodiadau"
    assert _collection(config, "cy_activities")["label"] == "cy: gweithgareddau"
    # Not translated yet, or only a guess a Welsh speaker has to confirm (fuzzy): English.
    assert activity["aim"]["hint"] == "What the group gets from the activity."
    assert catalog("cy").get("Id").fuzzy and activity["id"]["label"] == "Id"
    assert config["locale"] == "en"  # Decap's own buttons: it ships no Welsh


def test_decaps_own_words_follow_the_guide_when_decap_has_the_language(tmp_path: Path) -> None:
    for language, locale in [("de", "de"), ("pt-BR", "pt"), ("nb-NO", "nb_no"), ("zh-Hant", "zh_Hant"), ("cy", "en")]:
        (tmp_path / "site_config.yml").write_text(f"title: T\nlanguage: {language}\n", encoding="utf-8")
        config = decap_config(tmp_path, ORIGIN)
        assert config["locale"] == locale
    assert _fields(_collection(config, "activities"))["title"]["label"] == "Teitl"


def test_a_rewording_in_site_config_reaches_the_editor(tmp_path: Path) -> None:
    (tmp_path / "site_config.yml").write_text("title: T\ninterface: {Group Size: How many}\n", encoding="utf-8")
    assert _fields(_collection(decap_config(tmp_path, ORIGIN), "activities"))["group_size"]["label"] == "How many"


# guidegen's build of Decap (scripts/decap/) registers only these: a configuration naming any
# other widget or backend would show "No control for widget" or fail to start in the browser.
BUILD_ENTRY = REPO / "scripts" / "decap" / "index.js"
CORE_WIDGETS = {"hidden"}  # decap-cms-core registers it itself


def _widgets(fields: list[dict[str, Any]]) -> set[str]:
    found: set[str] = set()
    for field in fields:
        found.add(field["widget"])
        nested = field.get("fields", []) + field.get("types", []) + ([field["field"]] if "field" in field else [])
        found |= _widgets(nested)
    return found


def test_every_widget_and_backend_the_editor_names_is_in_guidegens_decap_build(tmp_path: Path) -> None:
    entry = BUILD_ENTRY.read_text(encoding="utf-8")
    built = set(re.findall(r"from 'decap-cms-widget-([a-z]+)'", entry)) | CORE_WIDGETS
    backends = set(re.findall(r"registerBackend\('([a-z-]+)'", entry))
    named: set[str] = set()
    for guide in (REPO, _welsh_guide(tmp_path)):
        for collection in decap_config(guide, ORIGIN)["collections"]:
            for fields in [collection.get("fields", [])] + [entry["fields"] for entry in collection.get("files", [])]:
                named |= _widgets(fields)
    assert {"string", "text", "markdown", "list", "object", "hidden"} <= named <= built
    assert backends == {LOCAL_BACKEND, *get_args(EditingSettings.model_fields["backend"].annotation)}
