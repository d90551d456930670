"""Support contacts and step timings (checks/support.py): each warning at its line in its file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpers.edits import replace_line
from helpers.small_guides import line_of, loaded, small_guide

from generator.checks.support import contacts_to_check, stale_contacts, step_timings

SUPPORT = "content/support.yml"


def test_contacts_unchecked_for_over_a_year_are_named_at_checked(tmp_path: Path) -> None:
    root = small_guide(tmp_path / "guide", support=True)
    replace_line(root / SUPPORT, r"^checked: .*$", "checked: 2024-01-31")
    guide, sources = loaded(root)
    (problem,) = stale_contacts(guide, sources, date(2025, 2, 1))
    assert (problem.path, problem.line, problem.field) == (SUPPORT, line_of(root, SUPPORT, "checked: 2024"), "checked")
    assert "last checked 367 days ago (2024-01-31)" in problem.message
    assert stale_contacts(guide, sources, date(2025, 1, 30)) == []  # within the year
    (future,) = stale_contacts(guide, sources, date(2024, 1, 1))
    assert "2024-01-31 is in the future" in future.message


def test_a_contact_marked_to_check_is_named_at_its_mark(tmp_path: Path) -> None:
    root = small_guide(tmp_path / "guide", support=True)
    replace_line(root / SUPPORT, r"^(  - name: Samaritans\n)", r"\1    to_check: true\n")
    guide, sources = loaded(root)
    (problem,) = contacts_to_check(guide, sources)
    assert (problem.line, problem.field) == (line_of(root, SUPPORT, "    to_check: true"), "to_check")
    assert problem.message.startswith("is marked to check: check the details of Samaritans on the service's own page")


def test_steps_timed_only_in_part_are_named_at_steps(tmp_path: Path) -> None:
    root = small_guide(tmp_path / "guide")
    circles = root / "content" / "activities" / "circles.yml"
    replace_line(
        circles,
        r"^  - Write qualities on sticky notes\.$",
        "  - text: Write qualities on sticky notes.\n    minutes: 5",
    )
    guide, sources = loaded(root)
    (problem,) = step_timings(guide, sources)
    assert (problem.path, problem.line, problem.field) == (
        "content/activities/circles.yml",
        line_of(root, "content/activities/circles.yml", "steps:"),
        "steps",
    )
    assert problem.message.startswith("steps 2 have no minutes while others do")
    assert step_timings(*loaded(small_guide(tmp_path / "untimed"))) == []
