"""Fixtures for the website tests: a small sample guide, the expected-output switch, and the
default guide built once with Zensical (the second website engine) and once with MkDocs from the
same generated project, for the comparison in test_zensical.py.

Refresh the expected Markdown after an intended change with
`pytest --update-expected` (or UPDATE_EXPECTED=1; the option lives in tests/conftest.py), then review the diff.

Zensical is an optional extra (`pip install 'guidegen[zensical]'`; `make test` installs it). Where
it is not installed those tests are skipped, and pytest prints why.
"""

from __future__ import annotations

import importlib.util
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.builder.pipeline import BuildOptions, build
from generator.content.loader import load_guide
from generator.content.model import Guide
from generator.preview.static import serve, url_path
from generator.site.project import run_mkdocs

SAMPLE = Path(__file__).resolve().parent / "sample-guide"
EXPECTED = Path(__file__).resolve().parent / "expected"
NOT_INSTALLED = "Zensical is not installed: pip install 'guidegen[zensical]' (make test installs it)"


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


@pytest.fixture(scope="session")
def zensical_build(tmp_path_factory: pytest.TempPathFactory, default_build: Path) -> Path:
    """guidegen build --engine zensical of the default guide: website, PDFs and offline zip. Made
    over a copy of the session's MkDocs build, so the PDFs (verified against the manifest) are reused."""
    if importlib.util.find_spec("zensical") is None:
        pytest.skip(NOT_INSTALLED)
    guide = Path(shutil.copytree(default_build, tmp_path_factory.mktemp("zensical") / "guide", symlinks=True))
    build(guide, BuildOptions(quiet=True, engine="zensical"))
    return guide / "build"


@pytest.fixture(scope="session")
def mkdocs_site(zensical_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MkDocs on the very project Zensical built (its PDFs already in docs/), for comparison."""
    site = tmp_path_factory.mktemp("mkdocs") / "site"
    run_mkdocs(zensical_build / "mkdocs" / "mkdocs.yml", site)
    return site


@pytest.fixture(scope="session")
def zensical_url(zensical_build: Path, default_guide: Guide) -> Iterator[str]:
    with serve(zensical_build / "site", url_path(default_guide.config.site_url)) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def zensical_offline(zensical_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    stick = tmp_path_factory.mktemp("stick") / "USB stick"
    with zipfile.ZipFile(zensical_build / "peer-leadership-offline.zip") as archive:
        archive.extractall(stick)
    (folder,) = list(stick.iterdir())
    return folder
