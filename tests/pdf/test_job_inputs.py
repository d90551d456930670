"""An activity's PDF jobs are keyed by what they are made from (pdf/job_inputs.py), not by their
HTML: every edit that changes a job's HTML must change its digest, and an unrelated edit must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.loader import load_guide
from generator.content.model import Guide
from generator.pdf.job_inputs import JobInputs
from generator.pdf.jobs import job_html, pdf_jobs
from generator.pdf.variants import variant_activity_part

LINKING = "check-in-and-check-out"  # links to LINKED ("activity:") and lists it as next
LINKED = "someone-in-distress"  # shows the skill "facilitating"
OTHER = "good-facilitation"
DATE = "2025-01-01T00:00:00Z"


def digests(guide: Guide) -> dict[str, str]:
    inputs = JobInputs(guide)
    return {a.id: inputs.activity(a.id, "handout") for a in guide.activities}


def outputs(guide: Guide) -> dict[tuple[str, str, str], str]:
    """Every activity job's HTML, booklet parts of each variant included."""
    html = {
        (job.activity_id, job.kind, job.variant): job_html(guide, job)
        for job in pdf_jobs(guide, DATE)
        if job.activity_id is not None and job.session_id is None and job.kind in ("handout", "poster")
    }
    for variant in ("", "large-print", "a5-booklet"):
        for index, activity in enumerate(guide.activities):
            html[(activity.id, "booklet-part", variant)] = variant_activity_part(guide, DATE, variant, index).html
    return html


def edited(root: Path, file: str, old: str, new: str) -> Guide:
    path = root / "content" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_guide(root)


@pytest.fixture
def before(guide_copy: Path) -> Guide:
    return load_guide(guide_copy)


def test_a_title_reaches_the_activities_that_link_to_it(guide_copy: Path, before: Guide) -> None:
    after = edited(guide_copy, f"activities/{LINKED}.yml", "title: If someone", "title: When someone")
    assert digests(after)[LINKING] != digests(before)[LINKING]


def test_a_skills_name_reaches_the_activities_that_show_it(guide_copy: Path, before: Guide) -> None:
    after = edited(guide_copy, "skills.yml", "name: Facilitating the group", "name: Leading the group")
    assert digests(after)[LINKED] != digests(before)[LINKED]


def test_support_contacts_reach_every_activity(guide_copy: Path, before: Guide) -> None:
    after = edited(guide_copy, "support.yml", "name: Samaritans", "name: The Samaritans")
    old, new = digests(before), digests(after)
    assert all(new[a] != old[a] for a in old)


def test_an_activitys_text_changes_its_own_digest_and_the_one_before(guide_copy: Path, before: Guide) -> None:
    text = (guide_copy / "content" / "activities" / f"{OTHER}.yml").read_text(encoding="utf-8")
    aim = text.split("aim:", 1)[1].split("\n", 2)[1]
    after = edited(guide_copy, f"activities/{OTHER}.yml", aim, aim + " Edited.")
    old, new = digests(before), digests(after)
    assert new[OTHER] != old[OTHER]
    # The activity before it shows it as "next" (a guide's own template may show more of it).
    before_it = {a.id for a in after.activities if a.next == OTHER}
    assert {a for a in old if new[a] != old[a]} == {OTHER, *before_it}
    assert len(old) - len(before_it) > 5


def test_the_job_tells_its_digest_apart(before: Guide) -> None:
    inputs = JobInputs(before)
    assert inputs.activity(OTHER, "handout") != inputs.activity(OTHER, "poster")
    assert inputs.activity(OTHER, "handout") == JobInputs(before).activity(OTHER, "handout")


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        (f"activities/{LINKED}.yml", "title: If someone", "title: When someone"),
        ("skills.yml", "name: Facilitating the group", "name: Leading the group"),
        ("support.yml", "name: Samaritans", "name: The Samaritans"),
        (f"activities/{LINKED}.yml", "order: 3", "order: 0"),
    ],
)
def test_every_changed_html_has_a_changed_digest(
    guide_copy: Path, before: Guide, file: str, old: str, new: str
) -> None:
    """The digest is a safe stand-in for the HTML: never the same digest for different HTML."""
    after = edited(guide_copy, file, old, new)
    inputs_before, inputs_after = JobInputs(before), JobInputs(after)
    html_before, html_after = outputs(before), outputs(after)
    for (activity, kind, variant), html in html_after.items():
        if html_before.get((activity, kind, variant)) != html:
            assert inputs_after.activity(activity, kind, variant) != inputs_before.activity(activity, kind, variant)
