"""Brand colours too light for text (checks/brand.py): a warning at the colour's line."""

from __future__ import annotations

from pathlib import Path

from helpers.small_guides import line_of, loaded, small_guide

from generator.checks.brand import light_brand_colours


def test_a_light_colour_is_named_at_its_line_with_the_shade_readers_see(tmp_path: Path) -> None:
    root = small_guide(tmp_path / "guide", "brand:\n  primary: '#ffd700'\n  accent: '#1d4e89'\n")
    guide, sources = loaded(root)
    (problem,) = light_brand_colours(guide.config, sources)
    assert (problem.path, problem.line, problem.field) == (
        "site_config.yml",
        line_of(root, "site_config.yml", "primary"),
        "brand.primary",
    )
    assert problem.message.startswith("#ffd700 has 1.4:1 contrast on white, below the 4.5:1 that text needs")
    assert "headings use the darker #" in problem.message and "'#ffd700'" in problem.source_line


def test_readable_colours_and_the_defaults_say_nothing(tmp_path: Path) -> None:
    guide, sources = loaded(small_guide(tmp_path / "guide"))
    assert light_brand_colours(guide.config, sources) == []
