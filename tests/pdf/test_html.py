"""What WeasyPrint is given: the HTML of a handout, a poster and a booklet part, compared with
the files in tests/pdf/expected/ (refresh them with `pytest tests/pdf --update-expected`, then
read the diff). A change to a template or to the HTML code shows here as a readable diff,
before any PDF is laid out."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.loader import load_guide
from generator.content.model import Guide
from generator.pdf.html import booklet_parts
from generator.pdf.job_list import pdf_jobs
from generator.pdf.job_render import job_html

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "expected"
MINIMAL = HERE.parent / "samples" / "minimal"
DATE = "2025-01-01T00:00:00Z"


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(MINIMAL)


def _check(name: str, actual: str, update: bool) -> None:
    path = EXPECTED / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing; create it with pytest tests/pdf --update-expected"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from {path}"


@pytest.mark.parametrize(
    ("job_name", "expected"), [("circles", "handout-circles.html"), ("circles-a3", "poster-circles.html")]
)
def test_the_html_of_a_handout_and_a_poster(guide: Guide, update_expected: bool, job_name: str, expected: str) -> None:
    (job,) = [job for job in pdf_jobs(guide, DATE) if job.name == job_name]
    _check(expected, job_html(guide, job), update_expected)


def test_the_html_of_a_booklet_part(guide: Guide, update_expected: bool) -> None:
    (part,) = [part for part in booklet_parts(guide, DATE) if part.name == "activity-questions"]
    _check("booklet-part-activity-questions.html", part.html, update_expected)
