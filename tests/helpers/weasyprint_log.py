"""What WeasyPrint logs while a build renders, written to a file its forked workers share."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

WEASYPRINT_LOG = "weasyprint.log"  # beside conftest.default_build's guide folder
LAYOUT_STARTED = "INFO Step 4 "  # WeasyPrint's progress line at the start of each layout


@contextmanager
def weasyprint_logged(path: Path) -> Iterator[None]:
    """WeasyPrint's warnings and errors, and a line at the start of each layout (its progress
    logger's "Step 4"), written to a file. The build's PDF workers are forked from this process,
    so they inherit the handler and write there too: a test reading the file sees every render,
    and counting the layouts shows that it did."""
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    weasyprint, progress = logging.getLogger("weasyprint"), logging.getLogger("weasyprint.progress")
    was = progress.level
    progress.setLevel(logging.INFO)
    weasyprint.addHandler(handler)  # the progress logger's records reach it too
    try:
        yield
    finally:
        weasyprint.removeHandler(handler)
        progress.setLevel(was)
        handler.close()


def read_log(path: Path) -> tuple[tuple[str, ...], int]:
    """(every line that is not progress: the warnings and errors, the layouts started)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line for line in lines if not line.startswith(("INFO ", "DEBUG "))), sum(
        line.startswith(LAYOUT_STARTED) for line in lines
    )
