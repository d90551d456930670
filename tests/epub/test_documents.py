"""The e-book of a translation: the support contacts' words and the adaptations in the
translation's language, how to reach each service in the source's words and numbers, marked so."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from helpers.translated_words import NUMBERS, write_translated_words

from generator.content.loader import load_guide
from generator.content.model import TranslationSettings
from generator.content.translations import translated_guide
from generator.epub.package import epub_bytes


def test_a_welsh_e_book_has_welsh_contacts_and_adaptations_and_the_same_numbers(tmp_path: Path) -> None:
    guide = load_guide(write_translated_words(tmp_path / "guide"))
    welsh = translated_guide(guide, TranslationSettings(language="cy"))
    with zipfile.ZipFile(BytesIO(epub_bytes(welsh, "2025-01-01T00:00:00Z"))) as book:
        text = " ".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml"))
    assert "Llinell Gymorth Un" in text and "Am ddim, ddydd neu nos" in text and "Helpline One" not in text
    assert f'<span lang="en-GB" xml:lang="en-GB">Call {NUMBERS[1]}</span>' in text
    assert "Newid y gweithgaredd" in text and "Rhannwch fwrdd gwyn ar yr alwad." in text
