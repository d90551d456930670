"""The PDF jobs: which PDFs a guide has (handouts, A3 posters, the booklet and its parts),
and render_job, which makes one (pdf/layout.py lays it out, pdf/booklet.py joins the booklet).

Each output is a PdfJob, a small picklable value; render_job(guide, job) is a pure function
of the two, so the build can run jobs in worker processes with a time limit (a hostile
layout can hang WeasyPrint, and there is no way to cancel it from inside).

The booklet is laid out in parts (one per page, the skills, one per activity), each its own
job, then joined with the cover and contents (pdf/join/booklet.py): the build caches the parts, so an
edit lays out one part again, and the parts spread over the workers.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from ..content.model import Activity, Guide, ThreeCirclesHandout
from ..content.source_date import iso_date, source_epoch
from . import editions
from .booklet import FRONT, FRONT_KEY, make_booklet, part_of
from .easy_read import PageLimit, easy_read_html
from .html import BookletPart, handout_html, poster_html
from .layout import PAGE_SIZES, Kind, Pages, layout
from .problems import activity_source, section_source
from .session_jobs import session_job_html, session_jobs

JobKind = Kind
__all__ = [
    "FRONT",
    "FRONT_KEY",
    "PAGE_SIZES",
    "PdfJob",
    "booklet_job",
    "job_html",
    "part_job",
    "pdf_jobs",
    "render_job",
]


@dataclass(frozen=True)
class PdfJob:
    """One PDF to make. source_date (ISO 8601, from SOURCE_DATE_EPOCH) is the only date it may carry."""

    name: str
    filename: str
    kind: JobKind
    activity_id: str | None
    cost: float  # rough relative render time, for scheduling the biggest first
    source_date: str | None = None
    # The booklet only: its parts' PDF files, in order, and each part's link targets; when
    # empty, render_job lays out every part itself.
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The booklet only: (what else its cover and contents are made from, the folder that holds
    # the last build's laid-out front and keeps this one), to skip laying them out again.
    front_cache: tuple[str, str] | None = None
    session_id: str | None = None  # agendas and packs only
    # The booklet only: the file the join writes (in the build's staging folder), so the
    # booklet never travels back from a worker in memory; when None, render_job returns it.
    output: str | None = None
    # The content file behind it, named in its problems (from the loader's side: workers
    # never read content files).
    source: str = "content/"
    variant: str = ""  # "" or one of the other editions (pdf/editions.py)


def source_date(environ: Mapping[str, str] = os.environ) -> str | None:
    """SOURCE_DATE_EPOCH as an ISO date for dcterms meta, or None (then the PDF has no dates)."""
    epoch = source_epoch(environ)
    return None if epoch is None else iso_date(epoch)


def pdf_jobs(guide: Guide, date: str | None = None) -> list[PdfJob]:
    """Every PDF of the guide: the booklet, each activity's handout and poster, then the editions'."""
    date = date if date is not None else source_date()
    # The booklet is written for facilitators: the participants' edition has none.
    jobs = [booklet_job(guide, date)] if guide.edition == "facilitators" else []
    for activity in guide.activities:
        source = activity_source(guide, activity.id)
        jobs.append(PdfJob(activity.id, f"{activity.id}.pdf", "handout", activity.id, 1.0, date, source=source))
        if isinstance(activity.handout, ThreeCirclesHandout):
            poster = PdfJob(
                f"{activity.id}-a3", f"{activity.id}-a3.pdf", "poster", activity.id, 1.0, date, source=source
            )
            jobs.append(poster)
    return jobs + session_jobs(guide, date) + editions.edition_jobs(guide, date)


def booklet_job(
    guide: Guide,
    date: str | None,
    parts: tuple[tuple[str, tuple[str, ...]], ...] = (),
    front_cache: tuple[str, str] | None = None,
    output: str | None = None,
) -> PdfJob:
    """Joining the parts and laying out the contents: cheap next to the parts themselves."""
    cost = 1 + len(guide.activities) / 20
    return PdfJob("guide", "guide.pdf", "booklet", None, cost, date, parts, front_cache, output)


def part_job(guide: Guide, part: BookletPart, date: str | None, variant: str = "") -> PdfJob:
    """One part of the booklet (an edition's parts are in a folder of their own); the skills part is the longest."""
    cost = 1.5 if part.name == "skills" else 1.0
    source = section_source(guide, part.name)
    filename = f"{variant}/{part.name}.pdf" if variant else f"{part.name}.pdf"
    name = f"booklet:{part.name}"
    return PdfJob(name, filename, "booklet-part", part.activity_id, cost, date, source=source, variant=variant)


def job_html(guide: Guide, job: PdfJob) -> str:
    """The HTML WeasyPrint lays out for a handout or poster (also useful to look at when a layout goes wrong)."""
    assert job.kind != "booklet" and job.kind != "booklet-part", "the booklet's parts come from booklet_parts()"
    if job.session_id is not None:
        return session_job_html(guide, job.kind, job.session_id, job.source_date)
    if job.kind == "easy-read":
        return easy_read_html(guide, job.source_date)
    activity = _activity(guide, job)
    if job.variant == editions.LARGE:
        return editions.large_handout_html(guide, job)
    if job.kind == "poster":
        return poster_html(guide, activity, job.source_date)
    return handout_html(guide, activity, job.source_date)


def render_job(guide: Guide, job: PdfJob, html: str | None = None) -> bytes:
    """Render one job to PDF bytes; content mistakes raise ContentError, never a traceback.

    html, when the caller already made it (the build does, for its cache key), saves making it twice.
    A booklet job with an output file is written there, and b"" returned.
    """
    if job.kind == "booklet":
        return make_booklet(guide, job)
    if job.kind == "epub":
        from ..epub.package import epub_bytes

        return epub_bytes(guide, job.source_date)
    if html is None:
        html = part_of(guide, job).html if job.kind == "booklet-part" else job_html(guide, job)
    if job.kind == "easy-read":  # Easy Read's page limit: a longer PDF is a content problem
        limit = PageLimit()
        return limit.checked(layout(guide, job.kind, job.source, html, limit, job.variant))
    return layout(guide, job.kind, job.source, html, Pages(), job.variant, job.activity_id)


def _activity(guide: Guide, job: PdfJob) -> Activity:
    assert job.activity_id is not None
    return guide.activity(job.activity_id)
