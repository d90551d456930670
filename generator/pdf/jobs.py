"""Guide -> fillable PDF handouts, the A3 three-circle poster and the booklet (WeasyPrint).

Each output is a PdfJob, a small picklable value; render_job(guide, job) is a pure function
of the two, so the build can run jobs in worker processes with a time limit (a hostile
layout can hang WeasyPrint, and there is no way to cancel it from inside).

The booklet is laid out in parts (one per page, the skills, one per activity), each its own
job, then joined with the cover and contents (pdf/join/writer.py): the build caches the parts, so an
edit lays out one part again, and the parts spread over the workers.
"""

from __future__ import annotations

import atexit
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

from ..builder.cache import digest_bytes
from ..content.model import Activity, Guide, ThreeCirclesHandout
from ..errors import ContentError
from ..render.environments import TEMPLATES_DIR
from ..render.fonts import SHIPPED_DIR, environment_variable, fontconfig_file, pdf_font_css
from . import editions
from .brand import brand_css
from .html import BookletPart, handout_html, poster_html
from .problems import layout_problem, refusal_problems

JobKind = Literal["booklet", "booklet-part", "handout", "poster", "epub"]
PAGE_SIZES = {"A4": "A4", "Letter": "letter", "A3": "A3", "A5": "A5", "half-letter": "5.5in 8.5in", "Tabloid": "ledger"}
FRONT, FRONT_KEY = "front.pdf", "front.key"  # the booklet's cover and contents, kept beside its parts
STYLESHEETS: dict[str, tuple[str, ...]] = {
    "booklet": ("common.css", "content.css", "booklet.css"),
    "handout": ("common.css", "content.css", "handout.css"),
    "poster": ("common.css", "content.css", "handout.css", "poster.css"),
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
    # The booklet only: its parts' PDF files, in order, and each part's link targets; when
    # empty, render_job lays out every part itself.
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The booklet only: (what else its cover and contents are made from, the folder that holds
    # the last build's laid-out front and keeps this one), to skip laying them out again.
    front_cache: tuple[str, str] | None = None
    variant: str = ""  # "" or one of the other editions (pdf/editions.py)


def source_date(environ: dict[str, str] | os._Environ[str] = os.environ) -> str | None:
    """SOURCE_DATE_EPOCH as an ISO date for dcterms meta, or None (then the PDF has no dates)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def pdf_jobs(guide: Guide, date: str | None = None) -> list[PdfJob]:
    """Every PDF of the guide: the booklet, then each activity's handout and poster."""
    date = date if date is not None else source_date()
    jobs = [booklet_job(guide, date)]
    for activity in guide.activities:
        jobs.append(PdfJob(activity.id, f"{activity.id}.pdf", "handout", activity.id, 1.0, date))
        if isinstance(activity.handout, ThreeCirclesHandout):
            jobs.append(PdfJob(f"{activity.id}-a3", f"{activity.id}-a3.pdf", "poster", activity.id, 1.0, date))
    return jobs + editions.edition_jobs(guide, date)


def booklet_job(
    guide: Guide,
    date: str | None,
    parts: tuple[tuple[str, tuple[str, ...]], ...] = (),
    front_cache: tuple[str, str] | None = None,
) -> PdfJob:
    """Joining the parts and laying out the contents: cheap next to the parts themselves."""
    return PdfJob("guide", "guide.pdf", "booklet", None, 1 + len(guide.activities) / 20, date, parts, front_cache)


def part_job(part: BookletPart, date: str | None, variant: str = "") -> PdfJob:
    """One part of the booklet (an edition's parts are in a folder of their own); the skills part is the longest."""
    cost = 1.5 if part.name == "skills" else 1.0
    filename = f"{variant}/{part.name}.pdf" if variant else f"{part.name}.pdf"
    return PdfJob(f"booklet:{part.name}", filename, "booklet-part", part.activity_id, cost, date, variant=variant)


def job_html(guide: Guide, job: PdfJob) -> str:
    """The HTML WeasyPrint lays out for a handout or poster (also useful to look at when a layout goes wrong)."""
    assert job.kind in ("handout", "poster"), "the booklet's parts come from booklet_parts()"
    activity = _activity(guide, job)
    if job.variant == editions.LARGE:
        return editions.large_handout_html(guide, job)
    if job.kind == "poster":
        return poster_html(guide, activity, job.source_date)
    return handout_html(guide, activity, job.source_date)


def render_job(guide: Guide, job: PdfJob, html: str | None = None) -> bytes:
    """Render one job to PDF bytes; content mistakes raise ContentError, never a traceback.

    html, when the caller already made it (the build does, for its cache key), saves making it twice.
    """
    if job.kind == "booklet":
        return editions.finish(guide, job, _booklet(guide, job))
    if job.kind == "epub":
        from ..epub.package import epub_bytes

        return epub_bytes(guide, job.source_date)
    if html is None:
        html = _part(guide, job).html if job.kind == "booklet-part" else job_html(guide, job)
    return _layout(guide, job.kind, job.activity_id, html, _Pages(), job.variant)


class _Pages:
    """Accepts any laid-out document; the booklet's front uses a subclass to check its length."""

    def accept(self, count: int) -> bool:
        return True


def _layout(guide: Guide, kind: JobKind, activity_id: str | None, html: str, pages: _Pages, variant: str = "") -> bytes:
    """WeasyPrint with our stylesheets, fonts, fetcher and options; b"" when pages.accept() said no."""
    from weasyprint import HTML  # heavy: imported only when rendering

    from .fetcher import GuideFetcher, RefusedReference

    fetcher = GuideFetcher([guide.content_dir, TEMPLATES_DIR])
    paper = editions.paper(guide, kind, variant, activity_id)
    config = guide.config
    look = (config.fonts, config.brand.primary, config.brand.accent)
    kind_sheets = "booklet" if kind == "booklet-part" else kind
    fonts, sheets = _stylesheets(kind_sheets, paper, guide.content_dir, look, variant)
    options: dict[str, Any] = {
        "stylesheets": list(sheets),
        "pdf_variant": "pdf/ua-1",
        "pdf_forms": kind in ("handout", "poster"),
        # Booklet parts embed whole fonts so the join keeps one copy; elsewhere only the letters
        # used, except the fields' font, which WeasyPrint keeps whole for text typed in later.
        "full_fonts": kind in ("booklet", "booklet-part"),
    }
    pdf: bytes | None = None
    try:
        source = HTML(string=html, base_url=_base_url(guide), url_fetcher=fetcher)
        document = source.render(font_config=fonts, **options)
        pdf = document.write_pdf(**options) if pages.accept(len(document.pages)) else b""
    except RefusedReference:
        pass  # recorded by the fetcher; reported below with file:line
    except (RecursionError, ZeroDivisionError, OverflowError) as error:
        raise ContentError([layout_problem(guide, activity_id, error)]) from None
    if fetcher.refused:
        raise ContentError(refusal_problems(guide, activity_id, fetcher.refused))
    assert pdf is not None
    return pdf


def _part(guide: Guide, job: PdfJob) -> BookletPart:
    name = job.name.removeprefix("booklet:")
    return next(part for part in editions.edition_parts(guide, job.source_date, job.variant) if part.name == name)


class _FrontLength(_Pages):
    """The contents' page numbers count the front's own pages: lay out again if the guess was wrong."""

    def __init__(self, guess: int) -> None:
        self.guess, self.found = guess, guess

    def accept(self, count: int) -> bool:
        self.found = count
        return count == self.guess


def _booklet(guide: Guide, job: PdfJob) -> bytes:
    """The cover and contents, then every part, joined into one PDF."""
    from .join.writer import FOOTER_SIZE, Part, join, page_numbers

    if job.parts:
        parts = [Part.open(Path(path), targets) for path, targets in job.parts]
    else:
        parts = [
            Part.open(_layout(guide, "booklet-part", p.activity_id, p.html, _Pages(), job.variant), p.link_targets)
            for p in editions.edition_parts(guide, job.source_date, job.variant)
        ]
    # A guess at the cover and contents' length, checked below: about 36 entries fit on a page.
    entries = 3 + len(guide.pages) + len(guide.skills) + len(guide.activities)
    front_pages = _FrontLength(1 + -(-entries // 36))
    for _ in range(3):
        numbers = page_numbers(parts, front_pages.found + 1)
        front_part = editions.edition_front(guide, job.source_date, numbers, job.variant)
        key = digest_bytes(job.front_cache[0] if job.front_cache else "", front_part.html)
        cached = _cached_front(job, key)
        data = cached or _layout(guide, "booklet", None, front_part.html, front_pages, job.variant)
        if data:
            if not cached:
                _keep_front(job, key, data)
            front = Part.open(data, front_part.link_targets)
            break
        front_pages.guess = front_pages.found
    else:
        raise RuntimeError("the booklet's contents changed length every time they were laid out")
    # Activities after the first sit under the "Activities" heading that the first one's part holds.
    first_activity = next((i for i, p in enumerate(parts) if "activities" in p.anchors), len(parts))
    nested = [i > first_activity for i in range(len(parts))]
    return join(front, parts, nested, editions.FOOTER_SIZES.get(job.variant, FOOTER_SIZE))


def _cached_front(job: PdfJob, key: str) -> bytes:
    """The last build's cover and contents (the build links them in), if made from the same
    HTML, page numbers included."""
    if not job.front_cache:
        return b""
    folder = Path(job.front_cache[1])
    try:
        if (folder / FRONT_KEY).read_text(encoding="ascii") == key:
            return (folder / FRONT).read_bytes()
    except OSError:
        pass
    return b""


def _keep_front(job: PdfJob, key: str, data: bytes) -> None:
    """Keep a newly laid-out front for the next build (unlinking the last build's, never writing through it)."""
    if not job.front_cache:
        return
    folder = Path(job.front_cache[1])
    for name, content in ((FRONT, data), (FRONT_KEY, key.encode("ascii"))):
        (folder / name).unlink(missing_ok=True)
        (folder / name).write_bytes(content)


@cache
def _stylesheets(
    kind: str, paper: str, content_dir: Path, look: tuple[tuple[str, ...], str, str], variant: str = ""
) -> tuple[Any, tuple[Any, ...]]:
    """Our stylesheets and the fonts their @font-face rules load, parsed once per process.

    Decoding the embedded fonts is close to half the cost of a small handout, and a worker
    renders many; the stylesheets are ours (templates/pdf), read through the same fetcher.
    look is the guide's fallback fonts and brand colours (primary, accent).
    """
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from .fetcher import GuideFetcher

    declared, primary, accent = look
    # Only the shipped and declared fonts: fontconfig reads FONTCONFIG_FILE when the configuration
    # is made, and only then (so it is set for that moment, not for the rest of the process).
    folders = [SHIPPED_DIR, content_dir / "assets" / "fonts"]
    with environment_variable("FONTCONFIG_FILE", str(fontconfig_file(folders, Path(tempfile.gettempdir())))):
        fonts = FontConfiguration()  # @font-face in our stylesheets registers here
    fetcher = GuideFetcher([content_dir, TEMPLATES_DIR])
    base = content_dir.resolve().as_uri() + "/"
    sheets = [CSS(string=pdf_font_css(content_dir, declared), base_url=base, url_fetcher=fetcher, font_config=fonts)]
    sheets += [
        CSS(filename=TEMPLATES_DIR / "pdf" / name, url_fetcher=fetcher, font_config=fonts)
        for name in STYLESHEETS[kind] + editions.STYLESHEETS.get(variant, ())
    ]
    sheets.append(CSS(string=brand_css(primary, accent), url_fetcher=fetcher))
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
        (out_dir / filename).parent.mkdir(parents=True, exist_ok=True)  # large print has a folder
        (out_dir / filename).write_bytes(data)
        written.append(out_dir / filename)
    return written


def _activity(guide: Guide, job: PdfJob) -> Activity:
    assert job.activity_id is not None
    return guide.activity(job.activity_id)


def _base_url(guide: Guide) -> str:
    """Content refers to images as assets/..., relative to content/."""
    return guide.content_dir.resolve().as_uri() + "/"
