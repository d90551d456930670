"""The offline bundle of the default guide (the session's shared `default_build`), unzipped into a
folder whose name has spaces, brackets and non-ASCII letters, as a facilitator's USB stick might."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def offline_build(default_build: Path) -> Path:
    return default_build / "build"


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
