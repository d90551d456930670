"""The PDF jobs a guide has: handouts, A3 posters, the booklet and its parts, the variants'.

Each output is a Job, a small picklable value named and keyed here (its name, file, kind, cost,
source for messages); pdf/job_render.py makes one. Listing jobs lays nothing out, so the build
can list them all, key its cache and send only what changed to the workers.

The booklet is laid out in parts (one per page, the skills, one per activity), each its own
job, then joined with the cover and contents (pdf/join/booklet.py): the build caches the parts, so an
edit lays out one part again, and the parts spread over the workers.
"""

from __future__ import annotations

from dataclasses import replace

from ..content.model import Guide, ThreeCirclesHandout
from ..content.source_date import iso_source_date
from ..render.easy_read import pdf_name as easy_read_pdf
from ..render.job import A5, EASY_READ, LARGE, Job
from ..site.downloads import A5_FILE as A5_BOOKLET
from ..site.downloads import LARGE_FOLDER
from . import easy_read
from .agendas import session_jobs
from .html import BookletPart
from .problems import activity_source, section_source


def pdf_jobs(guide: Guide, date: str | None = None) -> list[Job]:
    """Every PDF of the guide: the booklet, each activity's handout and poster, then the variants'."""
    date = date if date is not None else iso_source_date()
    # The booklet is written for facilitators: the participants' guide has none.
    jobs = [booklet_job(guide, date)] if guide.audience == "facilitators" else []
    for activity in guide.activities:
        source = activity_source(guide, activity.id)
        jobs.append(Job(activity.id, f"{activity.id}.pdf", "handout", activity.id, 1.0, date, source=source))
        if isinstance(activity.handout, ThreeCirclesHandout):
            poster = Job(f"{activity.id}-a3", f"{activity.id}-a3.pdf", "poster", activity.id, 1.0, date, source=source)
            jobs.append(poster)
    return jobs + session_jobs(guide, date) + variant_jobs(guide, date)


def variant_jobs(guide: Guide, date: str | None) -> list[Job]:
    """The jobs of the variants site_config.yml asks for: the A5 booklet, the large-print booklet
    and handouts, the Easy Read PDF."""
    wanted = guide.config.variants
    booklets = guide.audience == "facilitators"  # the booklet holds facilitator notes: not for participants
    jobs = []
    if A5 in wanted and booklets:
        jobs.append(replace(booklet_job(guide, date), name="guide-a5", filename=A5_BOOKLET, variant=A5))
    if LARGE in wanted:
        if booklets:
            booklet = booklet_job(guide, date)
            jobs.append(replace(booklet, name="guide-large", filename=f"{LARGE_FOLDER}/guide.pdf", variant=LARGE))
        for activity in guide.activities:
            name = f"{LARGE_FOLDER}/{activity.id}.pdf"
            jobs.append(Job(name, name, "handout", activity.id, 1.5, date, variant=LARGE))
    if EASY_READ in wanted and guide.easy_read:  # every Easy Read text of the guide, in one PDF
        name, cost = easy_read_pdf(guide), easy_read.job_cost(guide)
        jobs.append(Job(EASY_READ, name, "easy-read", None, cost, date, source=easy_read.SOURCE, variant=EASY_READ))
    return jobs


def booklet_job(
    guide: Guide,
    date: str | None,
    parts: tuple[tuple[str, tuple[str, ...]], ...] = (),
    front_cache: tuple[str, str] | None = None,
    output: str | None = None,
) -> Job:
    """Joining the parts and laying out the contents: cheap next to the parts themselves."""
    cost = 1 + len(guide.activities) / 20
    return Job("guide", "guide.pdf", "booklet", None, cost, date, parts, front_cache, output)


def part_job(guide: Guide, part: BookletPart, date: str | None, variant: str = "") -> Job:
    """One part of the booklet (a variant's parts are in a folder of their own); the skills part is the longest."""
    cost = 1.5 if part.name == "skills" else 1.0
    source = section_source(guide, part.name)
    filename = f"{variant}/{part.name}.pdf" if variant else f"{part.name}.pdf"
    name = f"booklet:{part.name}"
    return Job(name, filename, "booklet-part", part.activity_id, cost, date, source=source, variant=variant)
