"""Crisis contacts from one file, timed steps, adaptations and the boxes pages can ask for."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator.checks import check_guide
from generator.cli import main
from generator.content.loader import load_guide
from generator.content.model import Guide
from generator.errors import ContentError
from generator.pdf.html import booklet_parts, handout_html
from generator.site.pages import all_pages

NEW_PAGES = {"if-someone-is-in-crisis", "confidentiality-and-its-limits", "keeping-members-details"}
NEW_PAGES |= {"running-groups-online", "boundaries-and-behaviour", "what-to-say", "looking-after-the-facilitators"}


def replace_in(path: Path, old: str, new: str) -> int:
    """Replace text in a file and return the 1-based line where it now is."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1


def test_default_guide_has_ten_activities_each_timed_to_the_minute(default_guide: Guide) -> None:
    assert len(default_guide.activities) >= 10
    for activity in default_guide.activities:
        minutes = [step.minutes for step in activity.steps]
        assert None not in minutes, activity.id
        assert sum(m or 0 for m in minutes) == activity.duration_minutes, activity.id


def test_default_activities_open_with_the_agreement_and_close_with_a_round(default_guide: Guide) -> None:
    for activity in default_guide.activities:
        first, last = activity.steps[0].text.lower(), activity.steps[-1].text.lower()
        assert "welcome" in first and ("pass" in first or "step out" in first), activity.id
        assert "round" in last, activity.id
        assert activity.adaptations and activity.adaptations.online, activity.id


def test_default_guide_has_the_new_pages_and_the_safeguarding_route(default_guide: Guide) -> None:
    assert {p.id for p in default_guide.pages} >= NEW_PAGES
    crisis = next(p for p in default_guide.pages if p.id == "if-someone-is-in-crisis")
    assert crisis.show == ("support-contacts", "safeguarding-contact")
    # The example guide has no real safeguarding contact, so it shows the route any UK group can use.
    assert default_guide.config.safeguarding is None
    assert default_guide.support is not None and len(default_guide.support.safeguarding_route) >= 4


def test_default_contacts_are_dated_and_say_where_each_was_checked(default_guide: Guide) -> None:
    support = default_guide.support
    assert support is not None
    hows = " ".join(c.how for c in support.contacts)
    for number in ("116 123", "111", "999", "85258", "0808 808 8000", "0800 83 85 87", "0808 800 5000", "18000"):
        assert number in hows
    assert "press 2" in hows and "choose the mental health option" in hows
    assert all(c.checked_at.startswith(("https://", "http://")) and not c.to_check for c in support.contacts)
    sections = {c.section for c in support.contacts}
    assert {"England", "Wales", "Scotland", "Northern Ireland", "Anywhere in the UK"} <= sections


def test_numbers_appear_nowhere_but_the_support_file(repo_root: Path) -> None:
    """One place: a number written in prose elsewhere would not change with the file."""
    pattern = re.compile(r"116 123|85258|0808 808 8000|\b999\b|\b111\b")
    files = [*(repo_root / "content").rglob("*.md"), *(repo_root / "content").rglob("*.yml")]
    found = [f.name for f in files if f.name != "support.yml" and pattern.search(f.read_text(encoding="utf-8"))]
    assert found == []


def test_changing_one_file_changes_every_output(guide_copy: Path) -> None:
    """Another organisation replaces the contacts in content/support.yml only."""
    replace_in(guide_copy / "content" / "support.yml", "Call 116 123", "Call 0800 000 1234")
    guide = load_guide(guide_copy)
    pages = {p.path: p.markdown for p in all_pages(guide, {})}
    for activity in guide.activities:
        assert "0800 000 1234" in pages[f"activities/{activity.id}.md"], activity.id
        assert "0800 000 1234" in handout_html(guide, activity, None), activity.id
        assert "116 123" not in handout_html(guide, activity, None)
    assert "0800 000 1234" in pages["if-someone-is-in-crisis.md"]
    booklet = "".join(part.html for part in booklet_parts(guide, None))
    assert booklet.count("0800 000 1234") == len(guide.activities) + 1  # each activity and the crisis page


def test_a_guide_without_support_file_builds_without_boxes(guide_copy: Path) -> None:
    (guide_copy / "content" / "support.yml").unlink()
    replace_in(
        guide_copy / "content" / "pages" / "if-someone-is-in-crisis.md",
        "show: [support-contacts, safeguarding-contact]\n",
        "",
    )
    replace_in(
        guide_copy / "content" / "pages" / "confidentiality-and-its-limits.md", "show: [safeguarding-contact]\n", ""
    )
    guide = load_guide(guide_copy)
    assert guide.support is None
    page = next(p for p in all_pages(guide, {}) if p.path == "activities/good-facilitation.md")
    assert "!!! info" not in page.markdown


def test_old_checked_date_warns_with_file_and_line(guide_copy: Path) -> None:
    line = replace_in(guide_copy / "content" / "support.yml", "checked: 2026-12-06", "checked: 2024-05-01")
    _, warnings = check_guide(guide_copy, today=date(2026, 12, 6))
    stale = [w for w in warnings if w.field == "checked"]
    assert len(stale) == 1
    assert (stale[0].path, stale[0].line) == ("content/support.yml", line)
    assert "2024-05-01" in stale[0].message and "check every number" in stale[0].message


def test_a_date_within_the_year_gives_no_warning(guide_copy: Path) -> None:
    replace_in(guide_copy / "content" / "support.yml", "checked: 2026-12-06", "checked: 2026-01-02")
    _, warnings = check_guide(guide_copy, today=date(2026, 12, 6))
    assert [w for w in warnings if w.field == "checked"] == []


def test_a_date_in_the_future_warns(guide_copy: Path) -> None:
    line = replace_in(guide_copy / "content" / "support.yml", "checked: 2026-12-06", "checked: 2027-01-02")
    _, warnings = check_guide(guide_copy, today=date(2026, 12, 6))
    assert [(w.line, w.message) for w in warnings if w.field == "checked"] == [
        (line, "2027-01-02 is in the future; write the date you checked the contacts")
    ]


def test_old_checked_date_fails_check_strict(guide_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = replace_in(guide_copy / "content" / "support.yml", "checked: 2026-12-06", "checked: 2019-03-04")
    assert main(["check", "--strict", "--guide", str(guide_copy)]) == 1
    assert f"content/support.yml:{line}:1: checked: the contacts were last checked" in capsys.readouterr().err


def test_minutes_over_the_duration_are_an_error_at_the_duration(guide_copy: Path) -> None:
    path = guide_copy / "content" / "activities" / "good-facilitation.yml"
    line = replace_in(path, "duration_minutes: 45", "duration_minutes: 40")
    with pytest.raises(ContentError) as caught:
        load_guide(guide_copy)
    [problem] = caught.value.problems
    assert (problem.path, problem.line, problem.field) == (
        "content/activities/good-facilitation.yml",
        line,
        "duration_minutes",
    )
    assert "add up to 45, more than the 40 minutes" in problem.message


def test_plain_string_steps_still_load_and_check(guide_copy: Path) -> None:
    """Older guides write each step as one line of text, without minutes."""
    path = guide_copy / "content" / "activities" / "check-in-and-check-out.yml"
    text = path.read_text(encoding="utf-8")
    steps = text[text.index("steps:") : text.index("facilitator_notes:")]
    path.write_text(text.replace(steps, "steps:\n  - Welcome everyone.\n  - Close with a round.\n"), encoding="utf-8")
    guide, warnings = check_guide(guide_copy, today=date(2026, 12, 6))
    steps_loaded = guide.activity("check-in-and-check-out").steps
    assert [(s.text, s.minutes) for s in steps_loaded] == [("Welcome everyone.", None), ("Close with a round.", None)]
    assert warnings == []


def test_partly_timed_steps_warn(guide_copy: Path) -> None:
    path = guide_copy / "content" / "activities" / "check-in-and-check-out.yml"
    replace_in(path, "    minutes: 13\n", "")
    _, warnings = check_guide(guide_copy, today=date(2026, 12, 6))
    [warning] = [w for w in warnings if w.field == "steps"]
    assert warning.path == "content/activities/check-in-and-check-out.yml"
    assert "steps 3 have no minutes" in warning.message


def test_a_hard_word_in_a_plain_step_is_reported_at_its_own_line(guide_copy: Path) -> None:
    path = guide_copy / "content" / "activities" / "check-in-and-check-out.yml"
    text = path.read_text(encoding="utf-8")
    steps = text[text.index("steps:") : text.index("facilitator_notes:")]
    path.write_text(
        text.replace(steps, "steps:\n  - Welcome everyone.\n  - Ask the guys how they are.\n"), encoding="utf-8"
    )
    _, warnings = check_guide(guide_copy, today=date(2026, 12, 6))
    heads = [(w.line, w.column, w.field) for w in warnings if "guys" in w.message]
    line = path.read_text(encoding="utf-8").splitlines().index("  - Ask the guys how they are.") + 1
    assert heads == [(line, 13, "steps[2]")]


def test_pages_asking_for_missing_boxes_are_errors(guide_copy: Path) -> None:
    (guide_copy / "content" / "support.yml").unlink()
    with pytest.raises(ContentError) as caught:
        load_guide(guide_copy)
    found = {(p.path, p.field) for p in caught.value.problems}
    assert found == {
        ("content/pages/if-someone-is-in-crisis.md", "show"),
        ("content/pages/confidentiality-and-its-limits.md", "show"),
    }
    assert all(p.line == 5 for p in caught.value.problems)


def test_adaptations_and_minutes_show_on_the_page_and_in_the_booklet(default_guide: Guide) -> None:
    activity = default_guide.activity("types-of-leadership")
    page = next(p for p in all_pages(default_guide, {}) if p.path == "activities/types-of-leadership.md")
    assert "## Changing the activity" in page.markdown and "With a larger group" in page.markdown
    assert "1. **5 min.** Welcome everyone" in page.markdown
    part = next(p for p in booklet_parts(default_guide, None) if p.activity_id == activity.id)
    assert "If reading or writing is hard" in part.html and '<span class="minutes">15 min.</span>' in part.html
    for label in ("If someone is blind or partially sighted", "If someone is Deaf or has hearing loss"):
        assert label in page.markdown and label in part.html
    assert "If moving around is hard" in page.markdown and "With an interpreter" in part.html
    assert "Which way of leading best gives us the qualities in our centre circle?" in page.markdown
