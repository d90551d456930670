"""tests/samples/translated (a small guide with a Welsh translation), loaded once per test session
for the translate package's unit tests, and copied for a test that writes to it."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from generator.content.loader import load_guide
from generator.content.model import Guide

TRANSLATED = Path(__file__).resolve().parents[1] / "samples" / "translated"


@cache
def translated_sample() -> Guide:
    """Read only: a test that changes files loads its own copy (translated_copy)."""
    return load_guide(TRANSLATED)


def translated_copy(dest: Path) -> Guide:
    return load_guide(Path(shutil.copytree(TRANSLATED, dest)))
