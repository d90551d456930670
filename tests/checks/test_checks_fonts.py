"""Declared fonts whose words cannot be read back from PDFs (checks/fonts.py): a warning at the font."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers.small_guides import line_of, loaded, small_guide

from generator.checks.fonts import unreadable_fonts

NOTO = Path("/usr/share/fonts/truetype/noto")  # Debian's fonts-noto-core (make system-deps installs it)


@pytest.mark.parametrize(
    ("font", "warned"), [("NotoNastaliqUrdu-Regular.ttf", True), ("NotoNaskhArabic-Regular.ttf", False)]
)
def test_a_nastaliq_font_is_named_with_the_naskh_font_to_choose(tmp_path: Path, font: str, warned: bool) -> None:
    root = small_guide(tmp_path / "guide", f"fonts: [assets/fonts/{font}]\n")
    (root / "content" / "assets" / "fonts").mkdir()
    shutil.copyfile(NOTO / font, root / "content" / "assets" / "fonts" / font)
    guide, sources = loaded(root)
    problems = unreadable_fonts(guide, sources)
    if not warned:
        assert problems == []
        return
    (problem,) = problems
    assert (problem.path, problem.line, problem.field) == (
        "site_config.yml",
        line_of(root, "site_config.yml", "fonts:"),
        "fonts[1]",
    )
    assert problem.message.startswith("'Noto Nastaliq Urdu' draws beautifully")
    assert "choose assets/fonts/NotoNaskhArabic-Regular.ttf instead" in problem.message
