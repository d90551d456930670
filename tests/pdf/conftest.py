"""PDF fixtures, built once per session and shared: every PDF of the default guide, and the
minimal sample guide's PDFs (booklet parts included) that the join tests read."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.pdfcheck import Built
from helpers.weasyprint_log import WEASYPRINT_LOG, read_log

from generator.content.model import Guide
from generator.pdf.job_list import pdf_jobs


@pytest.fixture(scope="session")
def built(default_guide: Guide, default_build: Path) -> Built:
    """All PDFs of the default guide, as the session's `guidegen build` (conftest.default_build)
    made them, in the order of its jobs; read, never written. Rendering every one again in this
    process, as this fixture did, cost 48 s of CPU: test_job_render's byte-identity test renders
    a few here and compares.

    WeasyPrint reports what it could not do (a missing image, untagged alt text) only as log
    warnings: the build's workers wrote theirs to a file (helpers/weasyprint_log.py), kept here
    for a test to check, with the number of layouts they started (to show the file saw them)."""
    folder = default_build / "build" / "pdf"
    files = tuple(folder / job.filename for job in pdf_jobs(default_guide))
    warnings, layouts = read_log(default_build.parent / WEASYPRINT_LOG)
    return Built(folder, files, warnings, layouts)


@pytest.fixture(scope="session")
def minimal_pdfs(minimal_build: Path) -> Path:
    """The minimal sample guide after a build: its booklet parts in build/.booklet-parts. The
    session's full build (conftest.minimal_build), whose PDFs a `--only pdf` build made again.
    Tests copy what they join out of it and never write into it."""
    return minimal_build
