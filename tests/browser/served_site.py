"""The built site as the browser tests see it (kept out of conftest.py so tests can import it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Site:
    folder: Path
    base_url: str
    pages: tuple[str, ...]  # every built HTML page, as a URL

    def url(self, path: str = "") -> str:
        return self.base_url + path


def page_urls(folder: Path, base_url: str) -> tuple[str, ...]:
    urls = []
    for path in sorted(folder.rglob("*.html")):
        rel = path.relative_to(folder).as_posix()
        urls.append(base_url + (rel.removesuffix("index.html")))
    return tuple(urls)


@dataclass(frozen=True)
class Visits:
    """What one visit of every built page saw (conftest.py's `visits`), for the tests to judge."""

    failed: list[str]  # pages whose response was missing or not ok
    errors: list[str]  # console errors and script errors, with their page
    requests: list[str]  # every URL the pages asked for
    violations: dict[str, list[str]]  # axe-core's violations, by page
