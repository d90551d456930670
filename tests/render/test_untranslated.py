"""render/untranslated.py: a part of a translation not yet translated is marked with the language
its words are really in, under a notice in the reader's language; nothing else is marked."""

from __future__ import annotations

from pathlib import Path

from generator.content.loader import load_guide
from generator.content.model import TranslationSettings
from generator.content.translations import translated_guide
from generator.render.untranslated import untranslated

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "translated"
NOTHING = {"notice": None, "source_lang": None, "source_dir": None}


def test_an_untranslated_activity_is_marked_english_under_a_welsh_notice() -> None:
    welsh = translated_guide(load_guide(SAMPLE), TranslationSettings(language="cy"))
    assert "skill:listening" in welsh.untranslated
    marked = untranslated(welsh, "skill:listening")
    assert (marked["source_lang"], marked["source_dir"]) == ("en-GB", "ltr")
    assert "Nid yw'r rhan hon wedi'i chyfieithu eto" in marked["notice"]
    assert untranslated(welsh, "activity:circles") == NOTHING  # translated


def test_the_source_guide_is_never_marked() -> None:
    assert untranslated(load_guide(SAMPLE), "skill:listening") == NOTHING
