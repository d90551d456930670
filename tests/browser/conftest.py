"""The default guide's website (the session's shared `default_site`), served over http on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from served_site import Site, page_urls  # type: ignore[import-not-found]

from generator.content.model import Guide
from generator.preview.static import serve, url_path

OUTPUT = Path(__file__).resolve().parent.parent / "output"  # screenshots for people; ignored by git


@pytest.fixture(scope="session")
def site(default_guide: Guide, default_site: Path) -> Iterator[Site]:
    with serve(default_site, url_path(default_guide.config.site_url)) as base_url:
        yield Site(default_site, base_url, page_urls(default_site, base_url))


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
