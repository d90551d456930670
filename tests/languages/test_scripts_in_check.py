"""Issue 26 in `guidegen check`: a font whose words cannot be read back from the PDFs is named
with its line and the font to choose instead; letters no font has are found in translations too
(tests/samples/bad/translation-glyphs), and the hint for Urdu is a font with Urdu's letters."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from helpers.written_guides import NOTO, URDU, write_guide

from generator.checks import check_guide
from generator.content.glyphs import suggested_fonts
from generator.errors import ContentError


def test_a_nastaliq_font_is_warned_about_at_its_line(tmp_path: Path) -> None:
    root = write_guide(tmp_path / "guide", URDU, fonts=("NotoNastaliqUrdu-Regular.ttf",))
    _, warnings = check_guide(root, remember=False)
    found = [w for w in warnings if w.field == "fonts[1]"]
    assert len(found) == 1, warnings
    lines = (root / "site_config.yml").read_text(encoding="utf-8").splitlines()
    assert "NotoNastaliqUrdu-Regular.ttf" in lines[found[0].line - 1]
    assert "assets/fonts/NotoNaskhArabic-Regular.ttf" in found[0].message


def test_noto_naskh_arabic_gets_no_warning(tmp_path: Path) -> None:
    _, warnings = check_guide(write_guide(tmp_path / "guide", URDU), remember=False)
    assert not [w for w in warnings if w.field.startswith("fonts")], warnings


def test_an_urdu_guide_without_a_font_for_urdu_is_refused_with_a_font_that_has_urdu(tmp_path: Path) -> None:
    root = write_guide(tmp_path / "guide", URDU, fonts=())
    with pytest.raises(ContentError) as raised:
        check_guide(root, remember=False)
    messages = [p.message for p in raised.value.problems]
    assert messages and all("assets/fonts/NotoNaskhArabic-Regular.ttf" in m for m in messages), messages
    assert not any("NotoSans-Regular" in m for m in messages)


@pytest.mark.parametrize(
    ("text", "font"),
    [
        ("اہم", "NotoNaskhArabic-Regular.ttf"),
        ("সমাজ", "NotoSansBengali-Regular.ttf"),
        ("ਪੰਜਾਬੀ", "NotoSansGurmukhi-Regular.ttf"),
        ("हिन्दी", "NotoSansDevanagari-Regular.ttf"),
    ],
)
def test_each_suggested_font_has_the_letters_it_is_suggested_for(text: str, font: str) -> None:
    """The hint is checked against the font itself (Debian's fonts-noto-core), not only its name."""
    assert suggested_fonts(list(text)) == [font]
    cmap = TTFont(NOTO / font).getBestCmap()
    assert all(ord(c) in cmap for c in text)
