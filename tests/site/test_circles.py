"""The handout font the circles' script draws notes with: kept between builds, the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from generator.site import circles


def test_the_kept_font_is_the_one_made_and_is_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    circles.handout_font.cache_clear()
    made = circles.handout_font_made()
    assert circles.handout_font() == made
    kept = list((tmp_path / "guidegen").glob("handout-font-*.ttf"))
    assert len(kept) == 1 and kept[0].read_bytes() == made
    assert "Ł" in {chr(c) for c in TTFont(kept[0]).getBestCmap()}  # both subsets merged
    # The next build reads the kept file instead of merging again: what it holds is what it gets.
    kept[0].write_bytes(made + b"\0")
    circles.handout_font.cache_clear()
    assert circles.handout_font() == made + b"\0"
    circles.handout_font.cache_clear()


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    circles.handout_font.cache_clear()
    assert circles.handout_font() == circles.handout_font_made()
    circles.handout_font.cache_clear()
