"""The files in content/assets/ (content/assets.py): which are published, and hostile SVGs at their line."""

from __future__ import annotations

import os
from pathlib import Path

from helpers.small_guides import loaded, small_guide

from generator.content.assets import asset_files, file_name_problems, svg_problems, used_assets
from generator.content.parse_cache import ParseCache


def test_only_used_regular_files_inside_assets_are_published(tmp_path: Path) -> None:
    root = small_guide(tmp_path / "guide")
    assets = root / "content" / "assets"
    (assets / "unused.png").write_bytes(b"x")
    (assets / ".hidden.png").write_bytes(b"x")
    (assets / "outside.svg").symlink_to(root / "site_config.yml")
    assert [p.name for p in asset_files(root / "content")] == ["circles.svg", "unused.png"]
    page = root / "content" / "pages" / "first-page.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![Three rings](assets/circles.svg)\n", encoding="utf-8")
    guide, _ = loaded(root)
    assert used_assets(guide) == {"circles.svg"}
    assert asset_files(tmp_path) == []  # no assets folder


def test_a_hostile_svg_is_named_at_its_line_and_remembered(tmp_path: Path) -> None:
    root = small_guide(tmp_path / "guide")
    svg = '<svg xmlns="http://www.w3.org/2000/svg">\n<circle r="1"/>\n<script>alert(1)</script>\n</svg>\n'
    (root / "content" / "assets" / "bad.svg").write_text(svg, encoding="utf-8")
    store = ParseCache({})
    (problem,) = svg_problems(root, store)
    assert (problem.path, problem.line, problem.source_line) == (
        "content/assets/bad.svg",
        3,
        "<script>alert(1)</script>",
    )
    assert svg_problems(root, ParseCache(store.entries_used())) == [problem]  # from the cache, the same


def test_a_file_name_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    root = small_guide(tmp_path / "guide")
    (root / "content" / "assets" / os.fsdecode(b"caf\xe9.png")).write_bytes(b"x")  # Latin-1, from an old zip
    (problem,) = file_name_problems(root)
    assert problem.path == "content/assets/caf\ufffd.png" and problem.field == "file name"
    assert file_name_problems(small_guide(tmp_path / "clean")) == []
