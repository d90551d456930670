"""Rendering one PDF job (listed by pdf/job_list.py): its HTML, then pdf/layout.py lays it out
(pdf/booklet.py joins the booklet).

render_job(guide, job) is a pure function of the two, so the build can run jobs in worker
processes with a time limit (a hostile layout can hang WeasyPrint, and there is no way to
cancel it from inside).
"""

from __future__ import annotations

from ..content.model import Activity, Guide
from ..render.job import LARGE, Job
from . import variants
from .agendas import session_job_html
from .booklet import make_booklet, part_of
from .easy_read import PageLimit, easy_read_html
from .html import handout_html, poster_html
from .layout import Pages, layout


def job_html(guide: Guide, job: Job) -> str:
    """The HTML WeasyPrint lays out for a handout or poster (also useful to look at when a layout goes wrong)."""
    assert job.kind != "booklet" and job.kind != "booklet-part", "the booklet's parts come from booklet_parts()"
    if job.session_id is not None:
        return session_job_html(guide, job.kind, job.session_id, job.source_date)
    if job.kind == "easy-read":
        return easy_read_html(guide, job.source_date)
    activity = _activity(guide, job)
    if job.variant == LARGE:
        return variants.large_handout_html(guide, job)
    if job.kind == "poster":
        return poster_html(guide, activity, job.source_date)
    return handout_html(guide, activity, job.source_date)


def render_job(guide: Guide, job: Job, html: str | None = None) -> bytes:
    """Render one job to PDF bytes; content mistakes raise ContentError, never a traceback.

    html, when the caller already made it (the build does, for its cache key), saves making it twice.
    A booklet job with an output file is written there, and b"" returned.
    """
    if job.kind == "booklet":
        return make_booklet(guide, job)
    if html is None:
        html = part_of(guide, job).html if job.kind == "booklet-part" else job_html(guide, job)
    if job.kind == "easy-read":  # Easy Read's page limit: a longer PDF is a content problem
        limit = PageLimit()
        return limit.checked(layout(guide, job.kind, job.source, html, limit, job.variant))
    return layout(guide, job.kind, job.source, html, Pages(), job.variant, job.activity_id)


def _activity(guide: Guide, job: Job) -> Activity:
    assert job.activity_id is not None
    return guide.activity(job.activity_id)
