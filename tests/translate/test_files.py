"""A translation's files as the import writes them (translate/files.py): words only, stable, atomic."""

from __future__ import annotations

from pathlib import Path

from helpers.translated_sample import TRANSLATED, translated_copy, translated_sample

from generator.content.translations import load_translation, source_items
from generator.translate.files import file_texts, po_file, write_files


def test_a_translation_read_and_written_again_is_the_same_file() -> None:
    guide = translated_sample()
    items = load_translation(guide, "cy").items
    texts = file_texts(items, list(source_items(guide)), "cy")
    circles = "content/translations/cy/activities/circles.yml"
    assert texts[circles] == (TRANSLATED / circles).read_text(encoding="utf-8")
    assert texts[circles].startswith("# cy translation of content/activities/circles.yml. Only words here")
    assert set(texts) == {
        str(p.relative_to(TRANSLATED)) for p in (TRANSLATED / "content" / "translations").rglob("*.*")
    }


def test_only_changed_files_are_written(tmp_path: Path) -> None:
    guide = translated_copy(tmp_path / "guide")
    items = load_translation(guide, "cy").items
    texts = file_texts(items, list(source_items(guide)), "cy")
    assert write_files(guide.root, texts) == []
    page = "content/translations/cy/pages/first-page.md"
    texts[page] = texts[page].replace("Tudalen fer.", "Tudalen fer iawn.")
    assert write_files(guide.root, texts) == [page]
    assert "Tudalen fer iawn." in (guide.root / page).read_text(encoding="utf-8")
    assert not list(guide.root.rglob("*.guidegen-tmp"))


def test_a_po_file_has_no_date() -> None:
    po = po_file(translated_sample(), "cy", **{"X-Extra": "yes"})
    assert po.metadata["Language"] == "cy" and po.metadata["X-Extra"] == "yes"
    assert not any("Date" in name for name in po.metadata)
