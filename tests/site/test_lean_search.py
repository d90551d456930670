"""The build's MkDocs plugin that keeps the search index compressed and writes it in pieces: the
website and the offline site (its index and the index as a script) are the same, byte for
byte, as Material's own plugins make them, and the entries were let go as the pages came."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.content.model import Guide
from generator.site.lean_search import PLUGIN_NAME, LeanSearch
from generator.site.project import lean_plugins, run_mkdocs, write_mkdocs_project

pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("offline", [False, True], ids=["website", "offline site"])
def test_a_site_built_with_it_is_the_same_byte_for_byte(sample_guide: Guide, tmp_path: Path, offline: bool) -> None:
    config = write_mkdocs_project(sample_guide, tmp_path / "project", offline=offline)
    run_mkdocs(config, tmp_path / "plain")
    lean = LeanSearch()
    run_mkdocs(config, tmp_path / "lean", plugins={**lean_plugins(), PLUGIN_NAME: lean})
    plain, built = tree(tmp_path / "plain"), tree(tmp_path / "lean")
    assert built.keys() == plain.keys()
    assert [name for name in plain if built[name] != plain[name]] == []
    index = json.loads(built["search/search_index.json"])
    pages = [name for name in plain if name.endswith(".html") and name != "404.html"]
    assert lean.packed_entries == len(index["docs"]) > len(pages) > 3
    if offline:
        script = built["search/search_index.js"]
        assert script == b"var __index = " + built["search/search_index.json"]
    else:
        assert "search/search_index.js" not in built
