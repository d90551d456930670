"""A translation's file not written yet: the editor lists it and opens it empty, saving it
writes the new file through the same checks, and never replaces one written meanwhile."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.checks import check_guide
from generator.editor.api import Api
from generator.editor.paths import Refused

REPO = Path(__file__).resolve().parents[2]
TRANSLATED = REPO / "tests" / "samples" / "translated"
HOME = "content/translations/cy/home.md"


def test_an_untranslated_file_is_listed_opened_empty_and_saved_as_new(tmp_path: Path) -> None:
    guide = shutil.copytree(TRANSLATED, tmp_path / "guide")
    api = Api(guide)
    listed = api.answer({"action": "entriesByFiles", "params": {"files": [{"path": HOME}]}})
    assert [entry["file"]["path"] for entry in listed] == [HOME]
    opened = api.answer({"action": "getEntry", "params": {"path": HOME}})
    assert opened["data"] == "---\n{}\n---\n" and "id" not in opened["file"]
    raw = "---\ntitle: Croeso\n---\n"
    api.answer({"action": "persistEntry", "params": {"dataFiles": [{"path": HOME, "raw": raw}]}})
    written = (guide / HOME).read_text(encoding="utf-8")
    assert written.startswith("---\ntitle: Croeso\n---\n")
    check_guide(guide, remember=False)
    with pytest.raises(Refused) as refused:  # a second tab, opened before the first saved
        api.answer({"action": "persistEntry", "params": {"dataFiles": [{"path": HOME, "raw": raw}]}})
    assert refused.value.status == 409
    assert (guide / HOME).read_text(encoding="utf-8") == written


def test_a_missing_source_file_is_still_not_found(tmp_path: Path) -> None:
    api = Api(shutil.copytree(TRANSLATED, tmp_path / "guide"))
    with pytest.raises(Refused) as refused:
        api.answer({"action": "getEntry", "params": {"path": "content/activities/nothing.yml"}})
    assert refused.value.status == 404
