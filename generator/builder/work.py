"""The one dispatcher: a job (render/job.py) to the output that makes it.

PDFs and the EPUB are peers: each output lists its own jobs and makes them, and neither knows
the other; the build's workers call make() for every job, whatever its kind.
"""

from __future__ import annotations

from ..content.model import Guide
from ..render.job import Job


def make(guide: Guide, job: Job, html: str | None = None) -> bytes:
    """The job's file as bytes (b"" when a booklet or the EPUB was written to job.output); html, when the
    build already made it for its cache key, is not made again."""
    if job.kind == "epub":
        from ..epub.package import epub_bytes, write_epub

        if job.output is None:
            return epub_bytes(guide, job.source_date, job.kept)
        with open(job.output, "wb") as out:  # written as it is made, not held
            write_epub(guide, job.source_date, out, job.kept)
        return b""
    from ..pdf.job_render import render_job

    return render_job(guide, job, html)
