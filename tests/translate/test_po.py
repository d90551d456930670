"""PO files for translators (translate/po.py): exported, filled in, imported; a bad line is named."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from helpers.translated_sample import translated_copy, translated_sample

from generator.content.translations import load_translation
from generator.errors import ContentError
from generator.translate.po import export_po, import_po


def test_the_export_has_one_entry_per_text_with_stale_ones_fuzzy() -> None:
    text = export_po(translated_sample(), "cy")
    po = polib.pofile(text)
    assert po.metadata["Language"] == "cy" and po.metadata["X-Source-Language"] == "en-GB"
    by_context = {entry.msgctxt: entry for entry in po}
    assert by_context["content/activities/circles.yml title"].msgstr == "Beth sydd bwysicaf?"
    assert by_context["content/activities/questions.yml steps[1]"].flags == ["fuzzy"]
    assert export_po(translated_sample(), "cy") == text  # no date: the same guide gives the same file


def test_an_imported_translation_is_written_with_its_sources_hash(tmp_path: Path) -> None:
    guide = translated_copy(tmp_path / "guide")
    po = polib.pofile(export_po(guide, "cy"))
    next(e for e in po if e.msgctxt == "content/skills.yml listening.name").msgstr = "Gwrando"
    po.save(str(tmp_path / "cy.po"))
    assert import_po(guide, "cy", tmp_path / "cy.po") == ["content/translations/cy/skills.yml"]
    item = load_translation(guide, "cy").items[("skill", "listening")]
    assert item.fields["name"] == "Gwrando" and "name" in item.hashes


@pytest.mark.parametrize(
    ("spoil", "line_text", "message"),
    [
        (
            lambda t: t.replace('msgstr "Beth sydd bwysicaf?"', 'msgstr "Beth sydd bwysicaf?'),
            'msgstr "Beth sydd bwysicaf?',
            "is not a PO line",
        ),
        (
            lambda t: t.replace(
                'msgctxt "content/activities/circles.yml title"', 'msgctxt "content/activities/gone.yml title"'
            ),
            "gone.yml",
            "names no item of the guide",
        ),
        (
            lambda t: t.replace(
                'msgctxt "content/activities/circles.yml aim"', 'msgctxt "content/activities/circles.yml goal"'
            ),
            "circles.yml goal",
            "the source has no field 'goal'",
        ),
    ],
)
def test_a_bad_line_is_named_and_nothing_is_written(
    tmp_path: Path, spoil: Callable[[str], str], line_text: str, message: str
) -> None:
    guide = translated_copy(tmp_path / "guide")
    before = {p: p.read_bytes() for p in (guide.root / "content" / "translations").rglob("*") if p.is_file()}
    text = spoil(export_po(guide, "cy"))
    (tmp_path / "cy.po").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        import_po(guide, "cy", tmp_path / "cy.po")
    (problem,) = raised.value.problems
    assert text.splitlines()[problem.line - 1].find(line_text) >= 0 and message in problem.message
    assert before == {p: p.read_bytes() for p in (guide.root / "content" / "translations").rglob("*") if p.is_file()}
