"""PDF fixtures, built once per session and shared: every PDF of the default guide, and the
minimal sample guide's PDFs (booklet parts included) that the join tests read."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from helpers.pdfcheck import Built, render_all

from generator.content.model import Guide


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="session")
def built(default_guide: Guide, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """All PDFs of the default guide, each through render_job as the build's workers call it.

    WeasyPrint reports what it could not do (a missing image, untagged alt text) only as
    log warnings, so those are collected for a test to check.
    """
    folder = tmp_path_factory.mktemp("pdf")
    collect = Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        files = tuple(render_all(default_guide, folder))
    finally:
        logger.removeHandler(collect)
    return Built(folder, files, tuple(collect.messages))


@pytest.fixture(scope="session")
def minimal_pdfs(minimal_build: Path) -> Path:
    """The minimal sample guide after a build: its booklet parts in build/.booklet-parts. The
    session's full build (conftest.minimal_build), whose PDFs a `--only pdf` build made again.
    Tests copy what they join out of it and never write into it."""
    return minimal_build
