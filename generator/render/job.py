"""One output to make, as the build schedules it: a PDF (handout, poster, booklet part, booklet,
agenda, pack, Easy Read) or the EPUB. Neutral: pdf/ and epub/ each say which jobs they have,
builder/work.py sends each job to the output that makes it, so neither output imports the other.

A Job is a small picklable value: a worker process gets the job and the guide, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

JobKind = Literal["booklet", "booklet-part", "handout", "poster", "epub", "agenda", "pack", "easy-read"]
# The printed variants besides the standard one (site_config.yml `variants`): each changes the
# paper, the stylesheets or the HTML of the jobs it has (pdf/variants.py, pdf/easy_read.py).
LARGE, A5, EASY_READ = "large-print", "a5-booklet", "easy-read"


@dataclass(frozen=True)
class Job:
    """One output to make. source_date (ISO 8601, from SOURCE_DATE_EPOCH) is the only date it may carry."""

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
    variant: str = ""  # "" or one of the other variants (LARGE, A5, EASY_READ)
    # The EPUB only: the last build's EPUB (its bytes checked by the builder) and the documents
    # in it that may be taken as they are (epub/kept.py).
    kept: tuple[str, tuple[str, ...]] | None = None
