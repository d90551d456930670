"""Each session's timed agenda: clock times, materials, timing warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.content.agenda import agenda, clock_at, end_clock, materials, total_minutes
from generator.content.loader import load_guide
from generator.content.model import Guide


def test_clock_times_follow_the_start_and_wrap_past_midnight() -> None:
    assert clock_at("18:30", 0) == "18:30"
    assert clock_at("18:30", 75) == "19:45"
    assert clock_at("23:50", 20) == "00:10"
    assert clock_at("9:05", 60) == "10:05"


def test_the_first_meeting_agenda(default_guide: Guide) -> None:
    session = default_guide.session("first-meeting")
    rows = agenda(default_guide, session)
    assert [(r.clock, r.title, r.minutes) for r in rows] == [
        ("18:30", "Welcome and names", 10),
        ("18:40", "Making our group agreement", 45),  # the activity's own time
        ("19:25", "Break", 15),
        ("19:40", "What makes good facilitation?", 40),  # minutes: in the session replaces the activity's 45
        ("20:20", "Check-out", 10),
    ]
    assert total_minutes(default_guide, session) == 120
    assert end_clock(default_guide, session) == "20:30"


def test_materials_are_gathered_once_each(default_guide: Guide) -> None:
    for session in default_guide.sessions:
        found = materials(default_guide, session)
        assert len(found) == len({m.lower() for m in found})
        wanted = {m for row in agenda(default_guide, session) if row.activity for m in row.activity.materials}
        assert {m.lower() for m in wanted} == {m.lower() for m in found}


def test_without_a_start_time_rows_have_no_clock(guide_copy: Path) -> None:
    path = guide_copy / "content" / "sessions" / "first-meeting.yml"
    path.write_text(path.read_text().replace('start: "18:30"\n', ""))
    guide = load_guide(guide_copy)
    rows = agenda(guide, guide.session("first-meeting"))
    assert [r.clock for r in rows] == [None] * len(rows)
    assert [r.offset for r in rows] == [0, 10, 55, 70, 110]


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        ("100", "adds up to 120 minutes, 20 more than length_minutes (100)"),
        ("150", "adds up to 120 minutes, 30 fewer than length_minutes (150)"),
    ],
)
def test_check_warns_when_a_plan_runs_over_or_far_under(
    guide_copy: Path, length: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = guide_copy / "content" / "sessions" / "first-meeting.yml"
    path.write_text(path.read_text().replace("length_minutes: 120", f"length_minutes: {length}"))
    assert main(["check", "--guide", str(guide_copy)]) == 0
    assert main(["check", "--strict", "--guide", str(guide_copy)]) == 1
    err = capsys.readouterr().err
    line = path.read_text().splitlines().index(f"length_minutes: {length}") + 1
    assert f"content/sessions/first-meeting.yml:{line}:1: length_minutes: the agenda {expected}" in err


def test_a_plan_close_to_its_length_gives_no_warning(guide_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = guide_copy / "content" / "sessions" / "first-meeting.yml"
    path.write_text(path.read_text().replace("length_minutes: 120", "length_minutes: 125"))
    assert main(["check", "--strict", "--guide", str(guide_copy)]) == 0
