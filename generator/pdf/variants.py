"""The guide's other printed variants (site_config.yml `variants`), made with the other PDFs:

- large print, in pdf/large-print/: every handout and the booklet with body text at 18 pt
  (UK clear-print guidance for large print is 16 to 18 pt), line spacing 1.6, left-aligned, no
  text over a tint; the three circles on A3 (Tabloid for Letter guides), still fillable and tagged;
- the booklet laid out at A5 (half-letter for Letter guides) and imposed two pages to a side of
  A4 (Letter) landscape in saddle-stitch order, to print double-sided, fold and staple.

Each is a Job with a `variant` (render/job.py): the build caches, schedules and renders it like
any other job; pdf/job_list.py lists them. The differences live here: one more stylesheet, the HTML's
few changes (the paper is render/paper.py's).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..content.model import Guide, ThreeCirclesHandout
from ..render import paper
from ..render.diagram import RING_FILLS
from ..render.job import A5, EASY_READ, LARGE, Job
from .brand import ring_fills
from .html import (
    BOOKLET_DIAGRAM,
    HANDOUT_DIAGRAM,
    BookletPart,
    booklet_activity_part,
    booklet_front,
    booklet_head_parts,
    handout_context,
    render_template,
)

# The three circles' size and band height (mm). Large: fits A3 and Tabloid (279 mm wide) within
# the margins, bands tall enough for 16 pt writing. A5: fits the A5 page's 118 mm.
LARGE_CIRCLES = (245.0, 14.0)
LARGE_BOOKLET_DIAGRAM = (170.0, 14.0)
A5_DIAGRAM = (110.0, 7.0)
# "Page X of Y" in points: as large-print.css's footers, and Easy Read's smallest size (nothing under 14 pt)
FOOTER_SIZES = {LARGE: 14.0, EASY_READ: 14.0}
STYLESHEETS = {LARGE: ("large-print.css",), A5: ("a5-booklet.css",)}
TITLE_NOTES = {LARGE: " (large print)", A5: " (A5 booklet)", "": ""}
BOOKLET_DIAGRAMS = {LARGE: LARGE_BOOKLET_DIAGRAM, A5: A5_DIAGRAM, "": BOOKLET_DIAGRAM}


def large_handout_html(guide: Guide, job: Job) -> str:
    """A large-print handout: the three circles grow to fill A3, everything else to 18 pt (CSS)."""
    assert job.activity_id is not None
    activity = guide.activity(job.activity_id)
    circles = isinstance(activity.handout, ThreeCirclesHandout)
    context = handout_context(guide, activity, job.source_date, LARGE_CIRCLES if circles else HANDOUT_DIAGRAM)
    context["meta"] = replace(context["meta"], title=f"{context['title']}: large-print handout")
    return untinted(render_template(guide, "handout.html.j2", **context), ring_fills(guide.config.brand.primary))


def untinted(html: str, fills: tuple[str, ...] = RING_FILLS) -> str:
    """The rings without their fills (greys or brand tints), so no text sits on a tint (their lines still differ)."""
    for colour in {*RING_FILLS, *fills}:
        html = html.replace(f'fill="{colour}"', 'fill="#ffffff"')
    return html


def variant_parts(guide: Guide, date: str | None, variant: str) -> list[BookletPart]:
    """The booklet's parts for a variant ("" for guide.pdf itself)."""
    activities = [variant_activity_part(guide, date, variant, i) for i in range(len(guide.activities))]
    return variant_head_parts(guide, date, variant) + activities


def variant_head_parts(guide: Guide, date: str | None, variant: str) -> list[BookletPart]:
    """The variant's parts before the activities: introduction, pages, skills."""
    return [_variant_look(guide, part, variant) for part in booklet_head_parts(guide, date, TITLE_NOTES[variant])]


def variant_activity_part(guide: Guide, date: str | None, variant: str, index: int) -> BookletPart:
    """The variant's part of the guide's index-th activity (the build lays out only the changed ones)."""
    part = booklet_activity_part(guide, date, index, BOOKLET_DIAGRAMS[variant], TITLE_NOTES[variant])
    return _variant_look(guide, part, variant)


def _variant_look(guide: Guide, part: BookletPart, variant: str) -> BookletPart:
    """Large print's rings without tints; the other variants' parts as they are."""
    if variant != LARGE:
        return part
    return replace(part, html=untinted(part.html, ring_fills(guide.config.brand.primary)))


def variant_front(
    guide: Guide, date: str | None, numbers: Mapping[str, int | str], variant: str, entries: slice = slice(None)
) -> BookletPart:
    """The booklet's cover and contents for a variant (or a slice of the contents: html.booklet_front)."""
    return booklet_front(guide, date, numbers, TITLE_NOTES[variant], entries)


def printing_sheet(guide: Guide) -> tuple[tuple[float, float], str]:
    """The sheet the A5 (half-letter) booklet is imposed on, and the imposed file's title."""
    letter = guide.config.paper == "Letter"
    what = "half-letter booklet on Letter" if letter else "A5 booklet on A4"
    title = f"{guide.config.title}: {what}, for printing (double-sided, flip on short edge)"
    return paper.printing_sheet(guide), title
