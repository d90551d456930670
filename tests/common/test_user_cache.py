"""The user's cache folder: where it is, and a private folder for files that are run when read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.common.user_cache import keep, private_folder, user_cache
from generator.render.environments import bytecode_cache


def test_the_cache_follows_xdg_cache_home_and_falls_back_to_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert user_cache("fonts") == tmp_path / "xdg" / "guidegen" / "fonts"
    assert not (tmp_path / "xdg").exists()  # not made until something is written
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache() == tmp_path / "home" / ".cache" / "guidegen"


def test_a_private_folder_is_made_only_ours(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = private_folder("templates")
    assert folder == tmp_path / "guidegen" / "templates"
    assert folder.stat().st_mode & 0o777 == 0o700


def test_a_folder_others_may_write_to_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    shared = tmp_path / "guidegen" / "templates"
    shared.mkdir(parents=True)
    os.chmod(shared, 0o777)  # compiled templates another user could replace would be run
    assert private_folder("templates") is None


def test_a_folder_that_cannot_be_made_is_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "guidegen").write_text("a file where the folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert private_folder("templates") is None


def test_compiled_templates_are_kept_in_the_users_cache_not_the_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    bytecode_cache.cache_clear()
    try:
        found = bytecode_cache("test-flavour")
        assert found is not None
        assert found.directory == str(tmp_path / "xdg" / "guidegen" / "templates")
    finally:
        bytecode_cache.cache_clear()
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_kept_file_is_written_whole_and_a_blocked_folder_only_costs_time(tmp_path: Path) -> None:
    path = tmp_path / "made" / "font.ttf"
    keep(path, b"whole")
    assert path.read_bytes() == b"whole"
    assert [p.name for p in path.parent.iterdir()] == ["font.ttf"]  # no temporary file left
    (tmp_path / "blocked").write_text("a file where the folder should be")
    keep(tmp_path / "blocked" / "font.ttf", b"whole")  # nothing kept, nothing raised
    assert (tmp_path / "blocked").read_text() == "a file where the folder should be"
