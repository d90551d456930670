"""Paper sizes, all in one place: which paper each job is laid out on, and the sheets the A5
booklet is imposed on. A poster is twice the handout's paper.

The guide's `paper` (A4 or Letter) is the handouts' and the booklet's; the posters, and the
large-print variant's three circles, are printed on the paper twice its size: A3 for A4,
Tabloid for Letter. The website names the poster's paper in its download links, the PDFs lay it
out: both ask here.
"""

from __future__ import annotations

from ..content.model import Guide, ThreeCirclesHandout
from .job import A5, LARGE

TWICE = {"A4": "A3", "Letter": "Tabloid"}
# Each paper's CSS page size, for WeasyPrint's @page rule.
PAGE_SIZES = {"A4": "A4", "Letter": "letter", "A3": "A3", "A5": "A5", "half-letter": "5.5in 8.5in", "Tabloid": "ledger"}
A4_LANDSCAPE = (297 * 72 / 25.4, 210 * 72 / 25.4)  # points: the A5 booklet's printing sheet
LETTER_LANDSCAPE = (11 * 72.0, 8.5 * 72.0)  # the half-letter booklet's


def poster_paper(handout_paper: str) -> str:
    """The paper twice the size of the handouts' (a key of PAGE_SIZES)."""
    return TWICE[handout_paper]


def job_paper(guide: Guide, kind: str, variant: str, activity_id: str | None) -> str:
    """The page size (a key of PAGE_SIZES) of one job."""
    letter = guide.config.paper == "Letter"
    if kind == "poster":
        return poster_paper(guide.config.paper)
    if variant == A5:
        return "half-letter" if letter else "A5"
    circles = activity_id and isinstance(guide.activity(activity_id).handout, ThreeCirclesHandout)
    if variant == LARGE and kind == "handout" and circles:  # the booklet keeps one paper size throughout
        return poster_paper(guide.config.paper)
    return guide.config.paper


def printing_sheet(guide: Guide) -> tuple[float, float]:
    """The sheet (points, landscape) the A5 (half-letter) booklet is imposed on."""
    return LETTER_LANDSCAPE if guide.config.paper == "Letter" else A4_LANDSCAPE
