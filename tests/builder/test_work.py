"""The one dispatcher (builder/work.py): each job goes to the output that makes it."""

from __future__ import annotations

import io
import zipfile

import pytest

from generator.builder.work import make
from generator.content.model import Guide
from generator.epub.package import epub_job
from generator.pdf.job_list import pdf_jobs


def test_the_epub_job_is_made_by_the_epub_output(default_guide: Guide) -> None:
    data = make(default_guide, epub_job(default_guide))
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert book.read("mimetype") == b"application/epub+zip"


@pytest.mark.slow
def test_a_handout_job_is_made_by_the_pdf_output(default_guide: Guide) -> None:
    job = next(j for j in pdf_jobs(default_guide) if j.kind == "handout" and not j.variant)
    assert make(default_guide, job).startswith(b"%PDF-")
