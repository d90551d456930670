"""Fixtures shared by every test folder. Folder-specific ones live in that folder's conftest."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.load import load_guide
from generator.model import Guide

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-expected",
        action="store_true",
        default=False,
        help="rewrite expected-output files (generated Markdown, error reports) instead of comparing",
    )


@pytest.fixture(scope="session")
def update_expected(request: pytest.FixtureRequest) -> bool:
    """True when expected-output files should be refreshed: --update-expected or UPDATE_EXPECTED=1."""
    return bool(request.config.getoption("--update-expected")) or os.environ.get("UPDATE_EXPECTED") == "1"


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
