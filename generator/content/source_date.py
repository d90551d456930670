"""SOURCE_DATE_EPOCH, the one date outputs may carry, read here and nowhere else.

Builds are byte-identical for the same input: no output takes the clock's time. When the
variable is unset the website (sitemap), the EPUB and the offline zip carry DEFAULT_EPOCH, and
the PDFs carry no date at all. builder/settings.py refuses a value that is not a date before a
build starts, so the readers below can take any text that got this far.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime

VARIABLE = "SOURCE_DATE_EPOCH"
DEFAULT_EPOCH = 1735689600  # 2025-01-01T00:00:00Z, when the variable is unset


def source_date_text(environ: Mapping[str, str] = os.environ) -> str:
    """The variable as set, without surrounding spaces; "" when unset (part of cache keys)."""
    return environ.get(VARIABLE, "").strip()


def source_epoch(environ: Mapping[str, str] = os.environ) -> int | None:
    """Whole seconds since 1970 (UTC), or None when unset or not a whole number."""
    text = source_date_text(environ)
    return int(text) if text.isascii() and text.isdigit() else None


def epoch_or_default(environ: Mapping[str, str] = os.environ) -> int:
    """The date for outputs that always carry one (sitemap, EPUB, zip entries)."""
    epoch = source_epoch(environ)
    return DEFAULT_EPOCH if epoch is None else epoch


def iso_source_date(environ: Mapping[str, str] = os.environ) -> str | None:
    """SOURCE_DATE_EPOCH as an ISO date for dcterms meta, or None (then a PDF has no dates)."""
    epoch = source_epoch(environ)
    return None if epoch is None else iso_date(epoch)


def iso_date(epoch: int) -> str:
    """An epoch as the ISO 8601 text PDFs and the EPUB carry (dcterms dates)."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
