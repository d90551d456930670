"""The guide as documents of prose (checks/documents.py): which fields are prose, which are scored."""

from __future__ import annotations

from pathlib import Path

from helpers.small_guides import loaded, small_guide

from generator.checks.documents import document_makers


def test_each_file_is_one_document_with_its_prose_and_its_scored_text(tmp_path: Path) -> None:
    root = small_guide(tmp_path / "guide")
    guide, sources = loaded(root)
    documents = {source.path: make() for source, make in document_makers(guide, sources)}
    assert set(documents) == {
        "site_config.yml",
        "content/home.md",
        "content/pages/first-page.md",
        "content/skills.yml",
        "content/activities/circles.yml",
        "content/activities/questions.yml",
    }
    circles = documents["content/activities/circles.yml"]
    assert circles.noun == "activity" and circles.anchor.field == "title"
    fields = {p.field for p in circles.prose}
    assert {"title", "aim", "facilitator_notes"} <= fields
    assert not fields & {"id", "skills", "next"}  # ids and keywords are not sentences
    assert "title" not in {p.field for p in circles.scored} and "aim" in {p.field for p in circles.scored}
    config = documents["site_config.yml"]
    assert config.noun == "" and config.scored == () and config.anchor.raw == "A small test guide"
    page = documents["content/pages/first-page.md"]
    assert page.noun == "page" and page.body == page.scored and page.body
