"""Session plans: loading, `guidegen new session`, audiences (the timed agenda: test_agenda.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.audience import for_audience
from generator.content.loader import load_guide
from generator.content.model import Guide
from generator.content.sessions import load_sessions


def test_loading_reports_a_repeated_id_and_an_unknown_activity_at_once(guide_copy: Path) -> None:
    ids = {a.id for a in load_guide(guide_copy).activities}
    folder = guide_copy / "content" / "sessions"
    text = (folder / "first-meeting.yml").read_text()
    (folder / "z-again.yml").write_text(text.replace("making-our-group-agreement", "making-our-group-agreements"))
    loaded = load_sessions(guide_copy, None, ids, set())
    found = [(p.path, p.field) for p in loaded.problems]
    assert ("content/sessions/z-again.yml", "id") in found
    assert ("content/sessions/z-again.yml", "items[2].activity") in found
    assert all(path == "content/sessions/z-again.yml" for path, _ in found)


def test_new_session_writes_a_plan_that_passes_strict_check(
    guide_copy: Path, capsys: pytest.CaptureFixture[str], filled_in: Callable[[Path], None]
) -> None:
    assert main(["new", "session", "Our second meeting: looking back", "--guide", str(guide_copy)]) == 0
    path = guide_copy / "content" / "sessions" / "our-second-meeting-looking-back.yml"
    assert path.is_file()
    assert main(["new", "session", "Our second meeting: looking back", "--guide", str(guide_copy)]) == 0
    assert (guide_copy / "content" / "sessions" / "our-second-meeting-looking-back-2.yml").is_file()
    guide = load_guide(guide_copy)
    session = guide.session("our-second-meeting-looking-back")
    assert session.title == "Our second meeting: looking back"
    assert any(item.activity for item in session.items)
    capsys.readouterr()
    assert main(["check", "--strict", "--guide", str(guide_copy)]) == 1  # until its example summary is replaced
    assert "our-second-meeting-looking-back.yml:13:1: summary: is still the example text" in capsys.readouterr().err
    filled_in(guide_copy)
    assert main(["check", "--strict", "--guide", str(guide_copy)]) == 0, capsys.readouterr()


def test_the_participants_guide_has_no_facilitator_notes(default_guide: Guide) -> None:
    assert any(a.facilitator_notes for a in default_guide.activities)
    assert any(i.notes for s in default_guide.sessions for i in s.items)
    participants = for_audience(default_guide, "participants")
    assert participants.audience == "participants"
    assert all(a.facilitator_notes is None for a in participants.activities)
    assert all(s.notes is None and all(i.notes is None for i in s.items) for s in participants.sessions)
    assert for_audience(default_guide, "facilitators") is default_guide
