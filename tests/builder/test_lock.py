"""One build at a time per output folder (builder/lock.py): a second build is refused, plainly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.builder.lock import BuildRunning, output_lock


def test_a_second_build_into_the_same_folder_is_refused_while_the_first_holds_it(tmp_path: Path) -> None:
    out = tmp_path / "build"
    said: list[str] = []
    with output_lock(out):
        refused = re.escape(f"another guidegen build is writing to {out}; wait for it")
        with pytest.raises(BuildRunning, match=refused), output_lock(out, wait=0, say=said.append):
            pass
        with output_lock(tmp_path / "elsewhere", wait=0):  # another folder is free
            pass
    with output_lock(out, wait=0):  # released
        pass
    assert said == []  # no wait allowed: refused at once, without "Waiting..."


def test_a_folder_the_lock_made_goes_again_if_the_build_left_it_empty(tmp_path: Path) -> None:
    with output_lock(tmp_path / "empty"):
        assert (tmp_path / "empty").is_dir()
    assert not (tmp_path / "empty").exists()
    with output_lock(tmp_path / "kept"):
        (tmp_path / "kept" / "index.html").write_text("built", encoding="utf-8")
    assert (tmp_path / "kept" / "index.html").is_file()
