"""A translation's file not written yet: the editor lists it and opens it empty, saving it
writes the new file through the same checks, and never replaces one written meanwhile; and the
Store itself (editor/store.py): a save merged in, a stale or refused save writing nothing."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.small_guides import small_guide

from generator.checks import check_guide
from generator.editor.api import Api
from generator.editor.paths import Refused
from generator.editor.store import Store

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


# ---------------------------------------------------------------- the Store itself, without the API

PAGE = "content/pages/first-page.md"


def status(call: Callable[[], object]) -> int:
    """The status of the Refused a call raises."""
    with pytest.raises(Refused) as refused:
        call()
    return refused.value.status


def test_a_saved_change_is_merged_in_and_a_second_save_from_the_old_view_is_refused(tmp_path: Path) -> None:
    root = small_guide(tmp_path / "guide")
    store = Store(root)
    opened = store.entry(PAGE)
    assert opened["file"]["path"] == PAGE and f"{PAGE}@{opened['file']['id']}" in opened["data"]
    assert store.entry(PAGE) is opened  # unchanged on disk: not read again
    raw = opened["data"].replace('"The first page"', '"A better first page"')
    store.save_entry(PAGE, raw)
    text = (root / PAGE).read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: A better first page\nsummary: A short page.\norder: 1\n---\n")
    assert status(lambda: store.save_entry(PAGE, raw)) == 409  # the file changed since that view was opened
    assert (root / PAGE).read_text(encoding="utf-8") == text


def test_a_change_check_would_refuse_is_not_written(tmp_path: Path) -> None:
    root = small_guide(tmp_path / "guide")
    store = Store(root)
    before = (root / PAGE).read_bytes()
    raw = store.entry(PAGE)["data"].replace("(skill:listening)", "(skill:nothing)")
    with pytest.raises(Refused) as refused:
        store.save_entry(PAGE, raw)
    assert refused.value.status == 422 and "Nothing was saved: `guidegen check` found 1 problem." in str(refused.value)
    assert (root / PAGE).read_bytes() == before


def test_files_the_editor_does_not_know_are_refused(tmp_path: Path) -> None:
    store = Store(small_guide(tmp_path / "guide"))
    assert status(lambda: store.entry("generator/cli.py")) == 403
    assert status(lambda: store.entry("content/activities/nothing.yml")) == 404
    assert status(lambda: store.media_file("content/assets/nothing.png")) == 404
    assert [e["file"]["path"] for e in store.folder_entries("content/activities", "yml")] == [
        "content/activities/circles.yml",
        "content/activities/questions.yml",
    ]
