"""The local editor's config.yml is made once per state of the guide: asked again, the same
bytes; a source text changed on disk (a hint of the translation), made again."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.content.loader import load_guide
from generator.editor.local_config import LocalConfig

REPO = Path(__file__).resolve().parents[2]
TRANSLATED = REPO / "tests" / "samples" / "translated"
ORIGIN = "http://127.0.0.1:8781"


def test_the_generated_config_is_made_again_only_when_the_guide_changes(tmp_path: Path) -> None:
    guide = shutil.copytree(TRANSLATED, tmp_path / "guide")
    loads: list[int] = []
    config = LocalConfig(guide, lambda: loads.append(1) or load_guide(guide))
    first = config.text(ORIGIN)
    assert config.text(ORIGIN) is first and len(loads) == 1
    path = guide / "content" / "activities" / "circles.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("What matters most?", "What matters?"), encoding="utf-8")
    assert b"Source: What matters?" in config.text(ORIGIN) and len(loads) == 2
    assert config.text("http://127.0.0.1:9999") != config.text(ORIGIN)  # another preview's address
