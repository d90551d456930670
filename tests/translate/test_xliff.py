"""XLIFF 1.2 for translators' tools (translate/xliff.py): written, then read back the same."""

from __future__ import annotations

from pathlib import Path

from helpers.translated_sample import translated_sample

from generator.translate.entries import checked_translation, entries
from generator.translate.xliff import NS, REVIEW, export_xliff, read_xliff


def test_an_exported_file_reads_back_as_the_same_entries(tmp_path: Path) -> None:
    guide = translated_sample()
    path = tmp_path / "cy.xlf"
    path.write_text(export_xliff(guide, "cy"), encoding="utf-8")
    units, problems = read_xliff(path, "cy.xlf")
    assert problems == []
    expected = entries(guide, checked_translation(guide, "cy"))
    assert [(u.msgctxt, u.msgid, u.msgstr) for u in units] == [(e.context, e.source, e.translation) for e in expected]
    stale = next(u for u in units if u.msgctxt == "content/activities/questions.yml steps[1]")
    assert stale.flags == ["fuzzy"] and f'state="{REVIEW}"' in path.read_text(encoding="utf-8")
    assert 'target-language="cy"' in path.read_text(encoding="utf-8")


def test_a_broken_file_or_a_unit_without_source_is_named_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cy.xlf"
    path.write_text('<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n', encoding="utf-8")
    units, (problem,) = read_xliff(path, "cy.xlf")
    assert units == [] and (problem.path, problem.line, problem.field) == ("cy.xlf", 4, "xliff")
    assert problem.message.startswith("could not be read as XLIFF")
    path.write_text(
        f'<xliff xmlns="{NS}" version="1.2"><file><body>\n<trans-unit id="x">\n'
        "<target>Hi</target></trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    units, (problem,) = read_xliff(path, "cy.xlf")
    assert (problem.line, problem.message) == (2, "a trans-unit has no <source>; export again")


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    """A translator's file is content: an entity defined in it never reaches a translation."""
    path = tmp_path / "cy.xlf"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        f'<xliff xmlns="{NS}" version="1.2"><file><body><trans-unit id="a"><source>A</source>'
        "<target>&e;</target></trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    (unit,), problems = read_xliff(path, "cy.xlf")
    assert problems == [] and unit.msgstr == "&e;"  # the reference kept as written, not the file it names
