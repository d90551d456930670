"""Fixtures for the website tests: a small sample guide and the expected-output switch.

Refresh the expected Markdown after an intended change with
`pytest --update-expected` (or UPDATE_EXPECTED=1; the option lives in tests/conftest.py), then review the diff.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.content.loader import load_guide
from generator.content.model import Guide

SAMPLE = Path(__file__).resolve().parent / "sample-guide"
EXPECTED = Path(__file__).resolve().parent / "expected"


@pytest.fixture(scope="session")
def sample_root() -> Path:
    """The sample guide's folder (site_config.yml and content/); copy it before changing it."""
    return SAMPLE


@pytest.fixture(scope="session")
def sample_guide() -> Guide:
    return load_guide(SAMPLE)


@pytest.fixture
def check_expected(update_expected: bool) -> Callable[[str, str], None]:
    """Compare text with tests/site/expected/<name>, or rewrite that file when updating."""

    def check(name: str, actual: str) -> None:
        path = EXPECTED / name
        if update_expected:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            return
        assert path.exists(), f"{path} is missing; create it with pytest tests/site --update-expected"
        assert actual == path.read_text(encoding="utf-8"), f"{name} differs from {path} (see the diff above)"

    return check
