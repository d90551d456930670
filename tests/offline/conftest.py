"""The offline bundle of the default guide, built once and unzipped into a folder whose
name has spaces, brackets and non-ASCII letters, as a facilitator's USB stick might."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.builder.pipeline import BuildOptions, build


@pytest.fixture(scope="session")
def offline_build(tmp_path_factory: pytest.TempPathFactory, make_guide_copy: Callable[[Path], Path]) -> Path:
    guide = make_guide_copy(tmp_path_factory.mktemp("offline") / "guide")
    build(guide, BuildOptions(quiet=True, only=("pdf", "offline")))
    return guide / "build"


@pytest.fixture(scope="session")
def bundle(offline_build: Path) -> Path:
    return offline_build / "peer-leadership-offline.zip"


@pytest.fixture(scope="session")
def unzipped(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    stick = tmp_path_factory.mktemp("stick") / "USB stick (Hall)" / "Café guide"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(stick)
    (folder,) = list(stick.iterdir())
    return folder
