"""The other variants' downloads (large print, the A5 booklet, the EPUB): their keys in the
handouts mapping the site's pages are given, and the links each page shows.

Kept free of heavy imports: the build asks for variant_links() before it knows whether
anything needs rendering.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from ..content.model import Guide
from ..render.easy_read import PDF_KEY as EASY_READ_KEY
from ..render.easy_read import pdf_name as easy_read_pdf

LARGE = "{id}:large"  # an activity's large-print handout (ids never contain a colon)
BOOKLET_LARGE, BOOKLET_A5, EPUB = "guide:large", "guide:a5", "guide:epub"
LARGE_FOLDER = "large-print"
A5_FILE = "guide-a5-booklet.pdf"


def epub_name(guide: Guide) -> str:
    """build/<slug>.epub, and build/<slug>-<lang>.epub for each translation (beside it, not in a folder)."""
    slug = guide.config.slug
    return f"{slug}.epub" if guide.source_language is None else f"{slug}-{guide.config.language}.epub"


def variant_links(guide: Guide, filenames: Collection[str]) -> dict[str, str]:
    """Keys of the handouts mapping -> file names (relative to pdf/), for the variants being made."""
    wanted = {LARGE.format(id=a.id): f"{LARGE_FOLDER}/{a.id}.pdf" for a in guide.activities}
    wanted |= {BOOKLET_LARGE: f"{LARGE_FOLDER}/guide.pdf", BOOKLET_A5: A5_FILE, EPUB: epub_name(guide)}
    wanted[EASY_READ_KEY] = easy_read_pdf(guide)
    return {key: name for key, name in wanted.items() if name in filenames}


@dataclass(frozen=True)
class Download:
    """One link on a page: root-relative path and its words."""

    path: str
    words: str


def guide_downloads(handouts: Mapping[str, str]) -> list[Download]:
    """The whole guide's other variants, for the home page."""
    found = [
        # The sheets are untagged, their pages in printing order: the tagged booklet is the reading copy.
        (
            BOOKLET_A5,
            "Download the A5 booklet to print, fold and staple (PDF in printing order; to read on screen "
            "or with a screen reader, use the whole guide above)",
        ),
        (BOOKLET_LARGE, "Download the whole guide in large print (PDF)"),
        (EPUB, "Download the e-book (EPUB)"),
    ]
    return [Download(f"pdf/{handouts[key]}", words) for key, words in found if key in handouts]


def activity_downloads(handouts: Mapping[str, str], activity_id: str) -> list[Download]:
    """An activity's large-print handout, if there is one."""
    key = LARGE.format(id=activity_id)
    return [Download(f"pdf/{handouts[key]}", "Download the handout in large print (PDF)")] if key in handouts else []
