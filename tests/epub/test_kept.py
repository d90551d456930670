"""The activities' documents taken from the last EPUB: the same bytes as made afresh, and an
edit reaches the documents that show it (its own, and the one before it through "next")."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.model import Guide
from generator.epub import package
from generator.epub.kept import activity_document, document_keys, read_kept, unchanged
from generator.epub.package import epub_bytes

DATE = "2025-01-01T00:00:00Z"


def test_an_epub_made_with_kept_documents_is_the_same_bytes(default_guide: Guide, tmp_path: Path) -> None:
    last = tmp_path / "last.epub"
    last.write_bytes(epub_bytes(default_guide, DATE))
    names = tuple(activity_document(a.id) for a in default_guide.activities)
    assert set(read_kept(last, names)) == set(names)
    assert epub_bytes(default_guide, DATE, (str(last), names)) == last.read_bytes()


def test_an_edited_activity_changes_its_own_key_and_the_one_that_shows_it_next(default_guide: Guide) -> None:
    before = document_keys(default_guide, "base")
    shown = next(a for a in default_guide.activities if a.next)
    after_id = shown.next
    assert after_id is not None
    edited = default_guide.model_copy(
        update={
            "activities": tuple(
                a.model_copy(update={"aim": a.aim + " (edited)"}) if a.id == after_id else a
                for a in default_guide.activities
            )
        }
    )
    keys = document_keys(edited, "base")
    changed = sorted(set(keys) - set(unchanged(keys, before)))
    assert activity_document(after_id) in changed
    assert activity_document(shown.id) in changed
    assert len(changed) < len(keys)
    assert unchanged(document_keys(default_guide, "another base"), before) == []


def test_the_documents_are_keyed_by_the_code_that_renders_them(
    default_guide: Guide, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kept document must not outlive a fix in the Markdown, the shared code or the interface
    words: each of those folders is hashed into the key its documents are kept by."""
    hashed: list[str] = []

    def record(*folders: Path) -> str:
        hashed.extend(folder.name for folder in folders)
        return "digest"

    monkeypatch.setattr(package, "digest_tree", record)
    package.epub_base(default_guide, "engines", None)
    assert {"epub", "render", "common", "locale"} <= set(hashed)
