"""The last check's warnings per file (checks/remembered.py), kept while nothing they depend on changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.checks.remembered import FILE, RememberedWarnings, cache_folder, file_key
from generator.errors import Problem

WARNING = Problem("content/pages/a.md", 4, 2, "body", "a long sentence", "Some words.")


def test_warnings_written_are_read_back_by_the_next_check(tmp_path: Path) -> None:
    first = RememberedWarnings.read(tmp_path)
    key = file_key("content/pages/a.md", ("Some words.",), "settings")
    assert first.get(key) is None
    first.put(key, [WARNING])
    first.write()
    second = RememberedWarnings.read(tmp_path)
    assert second.get(key) == [WARNING]
    second.write()  # kept, since this check asked for it ...
    assert RememberedWarnings.read(tmp_path).get(key) == [WARNING]
    RememberedWarnings.read(tmp_path).write()  # ... and dropped by a check that did not
    assert RememberedWarnings.read(tmp_path).get(key) is None


def test_warnings_of_other_code_or_a_damaged_file_are_not_used(tmp_path: Path) -> None:
    data = {"code": "another version", "files": {"k": [list(WARNING.__reduce__()[1])]}}
    (tmp_path / FILE).write_text(json.dumps(data), encoding="utf-8")
    assert RememberedWarnings.read(tmp_path).get("k") is None
    (tmp_path / FILE).write_text("{not json", encoding="utf-8")
    assert RememberedWarnings.read(tmp_path).get("k") is None


def test_a_files_key_changes_with_its_path_its_text_and_the_settings() -> None:
    key = file_key("a.md", ("one", "two"), "s")
    assert len({key, file_key("b.md", ("one", "two"), "s"), file_key("a.md", ("one", "too"), "s")}) == 3
    assert file_key("a.md", ("one", "two"), "t") != key and file_key("a.md", ("one", "two"), "s") == key


def test_the_cache_is_in_the_users_cache_folder_per_guide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    one, two = cache_folder(Path("/guides/one")), cache_folder(Path("/guides/two"))
    assert one.parent == tmp_path / "guidegen" and one != two
