"""Shared by the fault tests: a private guide to break, and the real command run as users run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MINIMAL = REPO / "tests" / "samples" / "minimal"
Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    """A private copy of tests/samples/minimal (small: builds in seconds)."""
    return Path(shutil.copytree(MINIMAL, tmp_path / "guide"))


@pytest.fixture
def default_guide_copy(tmp_path: Path) -> Path:
    """A private copy of the repository's own guide (content/, templates/, site_config.yml)."""
    dest = tmp_path / "default-guide"
    dest.mkdir()
    for name in ("content", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name)
    shutil.copy2(REPO / "site_config.yml", dest / "site_config.yml")
    return dest


def run_cli(
    *args: str | Path,
    timeout: float = 300,
    env: dict[str, str] | None = None,
    wrapper: Sequence[str] = (),
    **kwargs: object,
) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in a subprocess, as a user runs it; output captured as text.
    wrapper goes in front of the command (e.g. `unshare --user`)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [*wrapper, sys.executable, "-m", "generator", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
        cwd=kwargs.pop("cwd", REPO),
        **kwargs,
    )


@pytest.fixture
def cli() -> Run:
    return run_cli
