"""`guidegen translate new` (translate/scaffold.py): a folder and a line in site_config.yml, never an overwrite."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.small_guides import small_guide

from generator.content.loader import load_guide
from generator.translate.scaffold import TranslationScaffoldError, new_translation


def test_a_new_language_gets_its_folders_and_a_place_in_the_settings(tmp_path: Path) -> None:
    root = small_guide(tmp_path / "guide")
    folder, config = new_translation(root, "pt-BR")
    assert folder == root / "content" / "translations" / "pt-BR" and config == root / "site_config.yml"
    assert {p.name for p in folder.iterdir()} == {"pages", "activities", "README.md"}
    assert "# pt-BR translation" in (folder / "README.md").read_text(encoding="utf-8")
    assert [t.language for t in load_guide(root).config.translations] == ["pt-BR"]  # the guide still loads


@pytest.mark.parametrize(
    ("language", "message"),
    [("Welsh", "'Welsh' is not a language code"), ("cy", "site_config.yml already has translations:")],
)
def test_what_cannot_be_done_changes_nothing(tmp_path: Path, language: str, message: str) -> None:
    root = small_guide(tmp_path / "guide", "translations: [ga]\n")
    before = (root / "site_config.yml").read_text(encoding="utf-8")
    with pytest.raises(TranslationScaffoldError, match=re.escape(message)):
        new_translation(root, language)
    assert (root / "site_config.yml").read_text(encoding="utf-8") == before
    assert not (root / "content" / "translations").exists()
    with pytest.raises(TranslationScaffoldError, match=r"has no site_config\.yml"):
        new_translation(tmp_path, "cy")
