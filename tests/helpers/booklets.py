"""Each booklet of a built guide joined again from its parts, as the build's make_booklet does,
for tests of what the join keeps beside the parts (pieces, fronts)."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from generator.content.loader import load_guide
from generator.pdf.booklet import make_booklet
from generator.pdf.job_list import pdf_jobs
from generator.pdf.variants import variant_parts


def joined_booklets(guide_root: Path, parts_root: Path, out: Path, cache_name: str) -> dict[str, str]:
    """Each booklet joined from the parts in parts_root (its front kept there under cache_name):
    sha256 by variant."""
    guide = load_guide(guide_root)
    found = {}
    out.mkdir(exist_ok=True)
    for job in pdf_jobs(guide):
        if job.kind != "booklet":
            continue
        folder = parts_root / job.variant if job.variant else parts_root
        parts = variant_parts(guide, job.source_date, job.variant)
        files = tuple((str(folder / f"{part.name}.pdf"), part.link_targets) for part in parts)
        target = out / f"{job.variant or 'guide'}.pdf"
        make_booklet(guide, replace(job, parts=files, front_cache=(cache_name, str(folder)), output=str(target)))
        found[job.variant] = hashlib.sha256(target.read_bytes()).hexdigest()
    return found
