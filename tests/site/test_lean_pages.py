"""The build's MkDocs plugin that keeps each page's HTML compressed until its template runs and
lets it go once its file is written: the site is the same, byte for byte, and every page was
packed and let go."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.content.model import Guide
from generator.site.lean_pages import PACKED, PLUGIN_NAME, TRIM_EVERY, ReleasePages
from generator.site.project import lean_plugins, run_mkdocs, write_mkdocs_project

pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_page_is_packed_unpacked_for_its_template_then_let_go() -> None:
    html = "<h1>Title</h1><p>Text, café</p>" * 50
    page = SimpleNamespace(markdown="# Title\n\nText", content=None)
    trims: list[int] = []
    plugin = ReleasePages(trim=lambda: trims.append(plugin.released))
    page.content = plugin.on_page_content(html, page=page, config=None, files=None)
    assert (page.markdown, page.content) == ("", "")
    assert len(getattr(page, PACKED)) < len(html) / 5
    assert plugin.on_env("env", config=None, files=None) == "env"
    assert trims == [0]  # the conversions are done
    plugin.on_page_context({}, page=page, config=None, nav=None)
    assert page.content == html
    assert plugin.on_post_page("<html>page</html>", page=page, config=None) == "<html>page</html>"
    assert (page.markdown, page.content, plugin.packed, plugin.released) == ("", "", 1, 1)
    for _ in range(TRIM_EVERY - 1):
        plugin.on_post_page("", page=page, config=None)
    assert trims == [0, TRIM_EVERY]


def test_a_site_built_with_it_is_the_same_and_every_page_was_let_go(sample_guide: Guide, tmp_path: Path) -> None:
    config = write_mkdocs_project(sample_guide, tmp_path / "project")
    run_mkdocs(config, tmp_path / "plain")
    plugins = lean_plugins()
    run_mkdocs(config, tmp_path / "lean", plugins=plugins)
    plain, lean = tree(tmp_path / "plain"), tree(tmp_path / "lean")
    assert lean == plain
    plugin = plugins[PLUGIN_NAME]
    assert isinstance(plugin, ReleasePages)
    pages = [name for name in plain if name.endswith(".html") and name != "404.html"]
    assert plugin.packed == plugin.released == len(pages) > 3
