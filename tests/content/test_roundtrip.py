"""content/roundtrip.py: the editor's data merged into a file without losing what it did not change."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from generator.content.reader import parse_yaml, plain
from generator.content.roundtrip import merge_markdown, merge_yaml, split_front_matter, write_atomically
from generator.errors import ProblemCollector

REPO = Path(__file__).resolve().parents[2]


def _data(text: str) -> object:
    return plain(parse_yaml(text, ProblemCollector("x")))


@pytest.mark.parametrize("path", sorted([*REPO.glob("content/**/*.yml"), REPO / "site_config.yml"]), ids=str)
def test_unchanged_data_gives_the_file_back_byte_for_byte(path: Path) -> None:
    text = path.read_text()
    assert merge_yaml(text, _data(text)) == text


def test_a_change_touches_only_its_own_line_and_keeps_every_comment() -> None:
    old = "# About the file\nid: a  # the id\ntitle: Old\n# before steps\nsteps:\n  - One\n"
    old += "  - text: Two\n    minutes: 5\n"
    new = merge_yaml(old, {"steps": ["One", {"text": "Two", "minutes": 6}], "title": "New", "id": "a"})
    assert new == old.replace("title: Old", "title: New").replace("minutes: 5", "minutes: 6")


def test_a_shorthand_stays_short_and_a_date_stays_a_date() -> None:
    old = "checked: 2026-11-30\ntranslations: [cy]\nsteps:\n  - Plain step\n"
    data = {"checked": "2026-11-30", "translations": [{"language": "cy"}], "steps": [{"text": "Plain step"}]}
    assert merge_yaml(old, data) == old
    assert merge_yaml(old, {**data, "checked": "2026-12-01"}).startswith("checked: 2026-12-01\n")


def test_keys_removed_and_added_where_the_editor_puts_them() -> None:
    old = "id: a\n# the summary\nsummary: Gone soon\ntitle: T\n"
    assert merge_yaml(old, {"id": "a", "title": "T", "order": 2}) == "id: a\n# the summary\ntitle: T\norder: 2\n"
    added = merge_yaml(old, {"id": "a", "aim": "New", "summary": "Gone soon", "title": "T"})
    assert added == "id: a\naim: New\n# the summary\nsummary: Gone soon\ntitle: T\n"


def test_text_of_several_lines_is_written_as_a_block_and_reads_back_the_same() -> None:
    text = merge_yaml("aim: >-\n  One line\n", {"aim": "First line\nSecond line"})
    assert _data(text) == {"aim": "First line\nSecond line"}
    assert text.startswith("aim: |-\n")


def test_a_page_keeps_its_body_and_front_matter_comments() -> None:
    old = "---\n# shown in the menu\ntitle: Old\norder: 1\n---\n## Heading\n\nText.\n"
    new = merge_markdown(old, {"order": 1, "title": "New"}, "## Heading\n\nText.")
    assert new == old.replace("title: Old", "title: New")
    assert split_front_matter(new) == ("# shown in the menu\ntitle: New\norder: 1\n", "## Heading\n\nText.\n")


def test_writing_is_atomic_and_keeps_the_files_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_text("id: a\n")
    path.chmod(0o600)
    write_atomically(path, "id: b\n")
    assert path.read_text() == "id: b\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.yml"]
