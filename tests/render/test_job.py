"""The neutral job type (render/job.py): every output's jobs are Jobs of a kind it names."""

from __future__ import annotations

import pickle
from typing import get_args

from generator.content.model import Guide
from generator.epub.package import epub_job
from generator.pdf.job_list import pdf_jobs
from generator.render.job import A5, EASY_READ, LARGE, Job, JobKind


def test_every_job_of_the_default_guide_has_a_known_kind_and_variant(default_guide: Guide) -> None:
    jobs = [*pdf_jobs(default_guide), epub_job(default_guide)]
    assert {job.kind for job in jobs} <= set(get_args(JobKind))
    assert {job.variant for job in jobs} <= {"", LARGE, A5, EASY_READ}
    assert [job.kind for job in jobs if job.filename.endswith(".epub")] == ["epub"]


def test_a_job_travels_to_a_worker_unchanged(default_guide: Guide) -> None:
    """Workers get jobs through a pipe: a Job pickles and compares equal."""
    job = Job("guide", "guide.pdf", "booklet", None, 2.0, None, parts=(("a.pdf", ("x",)),), output="/tmp/g.pdf")
    assert pickle.loads(pickle.dumps(job)) == job
