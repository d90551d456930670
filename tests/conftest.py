"""Fixtures shared by every test folder. Folder-specific ones live in that folder's conftest."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.load import load_guide
from generator.model import Guide

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def default_guide() -> Guide:
    """The guide in this repository's content/, loaded and validated once."""
    return load_guide(REPO)


def copy_guide(dest: Path) -> Path:
    """A private copy of the default guide (config, content) that a test may change."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "site_config.yml", dest / "site_config.yml")
    shutil.copytree(REPO / "content", dest / "content")
    return dest


@pytest.fixture
def guide_copy(tmp_path: Path) -> Path:
    return copy_guide(tmp_path / "guide")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright: use Debian's Chromium; Playwright cannot download its own here."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture(scope="session")
def make_guide_copy() -> Callable[[Path], Path]:
    """copy_guide for session-scoped fixtures in other folders."""
    return copy_guide
