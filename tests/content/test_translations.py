"""The load phase's translations: every language's Guide made, and every problem found, before any output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.loader import load_guide
from generator.content.model import Guide
from generator.content.translations import translated_guide, translated_guides
from generator.errors import ContentError

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "translated"
TRANSLATIONS = Path("content") / "translations"


@pytest.fixture
def two_languages(tmp_path: Path) -> Path:
    """The translated sample with a second, empty translation (French) after the Welsh one."""
    root = Path(shutil.copytree(SAMPLE, tmp_path / "guide"))
    config = root / "site_config.yml"
    config.write_text(config.read_text().replace("translations:\n", "translations:\n  - language: fr\n"))
    return root


def _unknown_session(root: Path, language: str) -> None:
    folder = root / TRANSLATIONS / language / "sessions"
    folder.mkdir(parents=True)
    (folder / "gone.yml").write_text("id: gone\ntitle: Gone\n", encoding="utf-8")


def test_every_translation_is_made_in_the_order_of_site_config(two_languages: Path) -> None:
    source = load_guide(two_languages)
    guides = translated_guides(source)
    assert [g.config.language for g in guides] == ["fr", "cy"]
    assert guides == tuple(translated_guide(source, s) for s in source.config.translations)


def test_a_guide_without_translations_has_none(default_guide: Guide) -> None:
    assert not default_guide.config.translations
    assert translated_guides(default_guide) == ()


def test_every_languages_problems_come_at_once(two_languages: Path) -> None:
    for language in ("cy", "fr"):
        _unknown_session(two_languages, language)
    with pytest.raises(ContentError) as raised:
        translated_guides(load_guide(two_languages))
    paths = {p.path for p in raised.value.problems}
    assert paths == {f"content/translations/{lang}/sessions/gone.yml" for lang in ("cy", "fr")}


def test_a_broken_translation_stops_the_build_before_anything_is_written(
    two_languages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _unknown_session(two_languages, "fr")
    out = tmp_path / "outputs" / "build"
    assert main(["build", "--guide", str(two_languages), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "content/translations/fr/sessions/gone.yml:1:1: session: 'gone' is not in the source guide" in err
    assert "Traceback" not in err
    assert list(out.parent.iterdir()) == []  # no build/, no staging folder left
