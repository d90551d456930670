"""An activity's PDF jobs are keyed by what they are made from (pdf/job_inputs.py), not by their
HTML: every edit that changes a job's HTML must change its digest, and an edit elsewhere must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.content.loader import load_guide
from generator.content.model import Guide
from generator.pdf.job_inputs import JobInputs
from generator.pdf.job_list import pdf_jobs
from generator.pdf.job_render import job_html
from generator.pdf.variants import variant_activity_part, variant_parts

LINKING = "check-in-and-check-out"  # lists LINKED as its next activity
LINKED = "someone-in-distress"  # shows the skill "facilitating"
OTHER = "good-facilitation"  # three circles
DATE = "2025-01-01T00:00:00Z"
VARIANTS = ("", "large-print", "a5-booklet")

Outputs = dict[tuple[str, str, str], str]


def job_keys(guide: Guide) -> list[tuple[str, str, str]]:
    """Every activity job: (activity, file or "booklet-part", variant), booklet parts of each variant included."""
    keys = [
        (job.activity_id, job.filename, job.variant)
        for job in pdf_jobs(guide, DATE)
        if job.activity_id is not None and job.session_id is None and job.kind in ("handout", "poster")
    ]
    return keys + [(a.id, "booklet-part", variant) for variant in VARIANTS for a in guide.activities]


def jobs_html(guide: Guide) -> Outputs:
    """Every activity job's HTML."""
    html = {}
    jobs = {(job.activity_id, job.filename, job.variant): job for job in pdf_jobs(guide, DATE)}
    index = {a.id: i for i, a in enumerate(guide.activities)}
    for key in job_keys(guide):
        activity, name, variant = key
        if name == "booklet-part":
            html[key] = variant_activity_part(guide, DATE, variant, index[activity]).html
        else:
            html[key] = job_html(guide, jobs[key])
    return html


def digests(guide: Guide) -> Outputs:
    inputs = JobInputs(guide)
    return {key: inputs.activity(*key, shows_next=key[1] == "booklet-part") for key in job_keys(guide)}


def edited(root: Path, file: str, old: str, new: str) -> Guide:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_guide(root)


@pytest.fixture(scope="module")
def before(make_guide_copy: Callable[[Path], Path], tmp_path_factory: pytest.TempPathFactory) -> Guide:
    """The default guide as every edit below starts from it (each edits its own copy)."""
    return load_guide(make_guide_copy(tmp_path_factory.mktemp("job-inputs") / "guide"))


@pytest.fixture(scope="module")
def made_before(before: Guide) -> tuple[Outputs, Outputs]:
    """The unedited guide's HTML and digests, made once for every edit."""
    return jobs_html(before), digests(before)


EDITS = [
    pytest.param(f"content/activities/{LINKED}.yml", "title: If someone", "title: When someone", id="title"),
    pytest.param(f"content/activities/{LINKED}.yml", "order: 3", "order: 0", id="order"),
    pytest.param(f"content/activities/{OTHER}.yml", "aim: >-\n", "aim: >-\n  Edited.\n", id="aim"),
    pytest.param(f"content/activities/{OTHER}.yml", "Less important", "Somewhat important", id="ring-label"),
    pytest.param("content/skills.yml", "name: Facilitating the group", "name: Leading the group", id="skill-name"),
    pytest.param("content/support.yml", "name: Emergency services", "name: The emergency services", id="support"),
    pytest.param("site_config.yml", "organisation: Example", "organisation: An example", id="site-config"),
    pytest.param("content/pages/confidentiality-and-its-limits.md", "Keep any notes", "Keep all notes", id="page-body"),
]


@pytest.mark.parametrize(("file", "old", "new"), EDITS)
def test_every_changed_html_has_a_changed_digest(
    guide_copy: Path, made_before: tuple[Outputs, Outputs], file: str, old: str, new: str
) -> None:
    """The digest is a safe stand-in for the HTML: never the same digest for different HTML."""
    html_before, digests_before = made_before
    after = edited(guide_copy, file, old, new)
    html_after, digests_after = jobs_html(after), digests(after)
    changed = {key for key, html in html_after.items() if html_before.get(key) != html}
    assert changed or file.endswith(".md")  # the edit reached some job (a page's body reaches none)
    for key in changed:
        assert key not in digests_before or digests_after[key] != digests_before[key], key


def test_an_activitys_text_changes_its_own_digests_alone(
    guide_copy: Path, made_before: tuple[Outputs, Outputs]
) -> None:
    old = made_before[1]
    new = digests(edited(guide_copy, f"content/activities/{OTHER}.yml", "aim: >-\n", "aim: >-\n  Edited.\n"))
    assert {key[0] for key in old if new[key] != old[key]} == {OTHER}


def test_a_title_changes_the_booklet_parts_of_the_activity_before(
    guide_copy: Path, made_before: tuple[Outputs, Outputs]
) -> None:
    old = made_before[1]
    new = digests(edited(guide_copy, f"content/activities/{LINKED}.yml", "title: If someone", "title: When someone"))
    changed = {key for key in old if new[key] != old[key]}
    assert {key for key in changed if key[0] != LINKED} == {(LINKING, "booklet-part", v) for v in VARIANTS}


def test_with_its_own_templates_a_booklet_part_is_keyed_by_all_of_the_next_activity(guide_copy: Path) -> None:
    (guide_copy / "templates" / "pdf").mkdir(parents=True)  # a guide's own templates may show more of it
    old = digests(load_guide(guide_copy))
    new = digests(edited(guide_copy, f"content/activities/{LINKED}.yml", "aim: >-\n", "aim: >-\n  Edited.\n"))
    changed = {key for key in old if new[key] != old[key]}
    assert {key for key in changed if key[0] != LINKED} == {(LINKING, "booklet-part", v) for v in VARIANTS}


def test_a_page_body_changes_no_activity_digest(guide_copy: Path, made_before: tuple[Outputs, Outputs]) -> None:
    page = "content/pages/confidentiality-and-its-limits.md"
    assert digests(edited(guide_copy, page, "Keep any notes", "Keep all notes")) == made_before[1]


def test_the_job_tells_its_digest_apart(before: Guide) -> None:
    inputs = JobInputs(before)
    assert inputs.activity(OTHER, "handout") != inputs.activity(OTHER, "poster")
    assert inputs.activity(OTHER, "handout") == JobInputs(before).activity(OTHER, "handout")


@pytest.mark.parametrize("variant", VARIANTS)
def test_an_activitys_part_alone_is_the_one_among_all_parts(before: Guide, variant: str) -> None:
    every = {part.name: part for part in variant_parts(before, DATE, variant)}
    for index, activity in enumerate(before.activities):
        assert variant_activity_part(before, DATE, variant, index) == every[f"activity-{activity.id}"]
