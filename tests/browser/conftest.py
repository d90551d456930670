"""The default guide's website, built once per session and served over http on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from served_site import Site, page_urls  # type: ignore[import-not-found]

from generator.content.model import Guide
from generator.preview.static import serve, url_path
from generator.site.project import run_mkdocs, write_mkdocs_project

OUTPUT = Path(__file__).resolve().parent.parent / "output"  # screenshots for people; ignored by git


@pytest.fixture(scope="session")
def site(default_guide: Guide, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("browser-site")
    folder = root / "site"
    run_mkdocs(write_mkdocs_project(default_guide, root / "project"), folder)
    with serve(folder, url_path(default_guide.config.site_url)) as base_url:
        yield Site(folder, base_url, page_urls(folder, base_url))


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
