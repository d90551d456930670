"""Guide -> fillable PDF handouts, the A3 three-circle poster and the booklet (WeasyPrint).

Each output is a PdfJob, a small picklable value; render_job(guide, job) is a pure function
of the two, so the build can run jobs in worker processes with a time limit (a hostile
layout can hang WeasyPrint, and there is no way to cancel it from inside).
"""

from __future__ import annotations

import atexit
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

from .errors import ContentError
from .model import Activity, Guide, ThreeCirclesHandout
from .pdf_html import booklet_html, handout_html, poster_html
from .pdf_problems import layout_problem, refusal_problems
from .templates import TEMPLATES_DIR

JobKind = Literal["booklet", "handout", "poster"]
PAGE_SIZES = {"A4": "A4", "Letter": "letter", "A3": "A3"}
STYLESHEETS: dict[JobKind, tuple[str, ...]] = {
    "booklet": ("common.css", "booklet.css"),
    "handout": ("common.css", "handout.css"),
    "poster": ("common.css", "handout.css", "poster.css"),
}


@dataclass(frozen=True)
class PdfJob:
    """One PDF to make. source_date (ISO 8601, from SOURCE_DATE_EPOCH) is the only date it may carry."""

    name: str
    filename: str
    kind: JobKind
    activity_id: str | None
    cost: float  # rough relative render time, for scheduling the biggest first
    source_date: str | None = None


def source_date(environ: dict[str, str] | os._Environ[str] = os.environ) -> str | None:
    """SOURCE_DATE_EPOCH as an ISO date for dcterms meta, or None (then the PDF has no dates)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def pdf_jobs(guide: Guide, date: str | None = None) -> list[PdfJob]:
    """Every PDF of the guide, the booklet first (it takes longest)."""
    date = date if date is not None else source_date()
    booklet_cost = 2 + len(guide.pages) + len(guide.activities) + len(guide.skills) / 4
    jobs = [PdfJob("guide", "guide.pdf", "booklet", None, booklet_cost, date)]
    for activity in guide.activities:
        jobs.append(PdfJob(activity.id, f"{activity.id}.pdf", "handout", activity.id, 1.0, date))
        if isinstance(activity.handout, ThreeCirclesHandout):
            jobs.append(PdfJob(f"{activity.id}-a3", f"{activity.id}-a3.pdf", "poster", activity.id, 1.0, date))
    return jobs


def job_html(guide: Guide, job: PdfJob) -> str:
    """The HTML WeasyPrint lays out for a job (also useful to look at when a layout goes wrong)."""
    if job.kind == "booklet":
        return booklet_html(guide, job.source_date)
    activity = _activity(guide, job)
    if job.kind == "poster":
        return poster_html(guide, activity, job.source_date)
    return handout_html(guide, activity, job.source_date)


def render_job(guide: Guide, job: PdfJob, html: str | None = None) -> bytes:
    """Render one job to PDF bytes; content mistakes raise ContentError, never a traceback.

    html, when the caller already made it (the build does, for its cache key), saves making it twice.
    """
    from weasyprint import HTML  # heavy: imported only when rendering

    from .fetcher import GuideFetcher, RefusedReference

    fetcher = GuideFetcher([guide.content_dir, TEMPLATES_DIR])
    paper = "A3" if job.kind == "poster" else guide.config.paper
    fonts, sheets = _stylesheets(job.kind, paper, guide.content_dir)
    pdf: bytes | None = None
    try:
        document = HTML(string=html or job_html(guide, job), base_url=_base_url(guide), url_fetcher=fetcher)
        pdf = document.write_pdf(
            stylesheets=list(sheets),
            font_config=fonts,
            pdf_variant="pdf/ua-1",
            pdf_forms=job.kind != "booklet",
            full_fonts=job.kind != "booklet",  # typed-in text needs every glyph, not a subset
        )
    except RefusedReference:
        pass  # recorded by the fetcher; reported below with file:line
    except (RecursionError, ZeroDivisionError, OverflowError) as error:
        raise ContentError([layout_problem(guide, job.activity_id, error)]) from None
    if fetcher.refused:
        raise ContentError(refusal_problems(guide, job.activity_id, fetcher.refused))
    assert pdf is not None
    return pdf


@cache
def _stylesheets(kind: JobKind, paper: str, content_dir: Path) -> tuple[Any, tuple[Any, ...]]:
    """Our stylesheets and the fonts their @font-face rules load, parsed once per process.

    Decoding the embedded fonts is close to half the cost of a small handout, and a worker
    renders many; the stylesheets are ours (templates/pdf), read through the same fetcher.
    """
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from .fetcher import GuideFetcher

    fetcher = GuideFetcher([content_dir, TEMPLATES_DIR])
    fonts = FontConfiguration()  # @font-face in our stylesheets registers here
    sheets = [
        CSS(filename=TEMPLATES_DIR / "pdf" / name, url_fetcher=fetcher, font_config=fonts)
        for name in STYLESHEETS[kind]
    ]
    sheets.append(CSS(string=f"@page {{ size: {PAGE_SIZES[paper]} portrait; }}", url_fetcher=fetcher))
    if fetcher.refused:
        raise RuntimeError(f"our own stylesheets refer to files we refuse: {fetcher.refused}")
    # Let WeasyPrint clean up its font files while the interpreter is still whole.
    atexit.register(_stylesheets.cache_clear)
    return fonts, tuple(sheets)


def build_pdfs(guide: Guide, out_dir: Path) -> list[Path]:
    """Render every PDF, then write them all into out_dir: a content error leaves nothing half-written.

    This runs the jobs one after another; the build may run pdf_jobs in worker processes instead.
    """
    rendered = [(job.filename, render_job(guide, job)) for job in pdf_jobs(guide)]
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, data in rendered:
        (out_dir / filename).write_bytes(data)
        written.append(out_dir / filename)
    return written


def _activity(guide: Guide, job: PdfJob) -> Activity:
    assert job.activity_id is not None
    return guide.activity(job.activity_id)


def _base_url(guide: Guide) -> str:
    """Content refers to images as assets/..., relative to content/."""
    return guide.content_dir.resolve().as_uri() + "/"
