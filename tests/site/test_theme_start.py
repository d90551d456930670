"""The build's MkDocs runs start the theme cheaper and the same: the same theme files listed
without walking the hidden icon folders, templates compiled once whatever folder holds them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, FileSystemLoader
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from generator.site import theme_start
from generator.site.theme_start import SourceKeyedCache, ThemeStart, quick_listing, source_keyed_cache


@pytest.fixture
def config(tmp_path: Path) -> Any:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\ntheme:\n  name: material\n")
    return load_config(str(tmp_path / "mkdocs.yml"))


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    source_keyed_cache.cache_clear()
    yield tmp_path / "xdg"
    source_keyed_cache.cache_clear()


def theme_files(env: Environment, config: Any) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(env, config)
    return [(file.src_uri, file.abs_src_path or "") for file in files]


def test_the_theme_files_are_mkdocs_own_list_without_walking_hidden_folders(
    config: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = theme_files(config.theme.get_env(), config)
    assert len(expected) > 20 and not any(name.startswith(".") or "/." in name for name, _ in expected)
    walked: list[str] = []
    real_walk = os.walk

    def walk(top: str, **kwargs: Any) -> Iterator[tuple[str, list[str], list[str]]]:
        for found in real_walk(top, **kwargs):
            walked.append(found[0])
            yield found

    monkeypatch.setattr(theme_start.os, "walk", walk)
    env = config.theme.get_env()
    quick_listing(env)
    assert theme_files(env, config) == expected
    assert walked and not any(f"{os.sep}.icons" in folder for folder in walked)


def test_a_filter_that_keeps_hidden_files_gets_jinjas_whole_listing(tmp_path: Path) -> None:
    (tmp_path / ".icons").mkdir()
    (tmp_path / ".icons" / "a.svg").write_text("<svg/>")
    (tmp_path / "main.html").write_text("main")
    env = Environment(loader=FileSystemLoader(str(tmp_path)))
    quick_listing(env)
    assert env.list_templates(filter_func=lambda name: True) == [".icons/a.svg", "main.html"]
    assert env.list_templates() == [".icons/a.svg", "main.html"]
    assert env.list_templates(filter_func=lambda name: not name.startswith(".") and "/." not in name) == ["main.html"]


def test_templates_compiled_in_another_folder_are_read_from_the_cache(tmp_path: Path, own_cache: Path) -> None:
    cache = source_keyed_cache()
    assert isinstance(cache, SourceKeyedCache)
    sources = {"first": "{{ 1 + 1 }} one", "second": "{{ 1 + 1 }} one", "changed": "{{ 2 + 2 }} two"}
    found = {}
    for folder, source in sources.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "main.html").write_text(source)
        env = Environment(loader=FileSystemLoader(str(tmp_path / folder)), bytecode_cache=cache)
        found[folder] = cache.get_bucket(env, "main.html", str(tmp_path / folder / "main.html"), source).code
        assert env.get_template("main.html").render() == source.replace("{{ 1 + 1 }}", "2").replace("{{ 2 + 2 }}", "4")
    assert found["first"] is None  # compiled, then kept by its name and source
    assert found["second"] is not None  # the same template in a folder named after another build
    assert found["changed"] is None  # another source: compiled again
    assert len(list((own_cache / "guidegen" / "templates").iterdir())) == 2


def test_the_plugin_gives_every_theme_environment_both(config: Any, own_cache: Path) -> None:
    ThemeStart().on_config(config)
    for _ in range(2):  # Material's search makes its own environments from the same theme
        env = config.theme.get_env()
        assert isinstance(env.bytecode_cache, SourceKeyedCache)
        assert env.list_templates.__name__ == "list_templates" and env.list_templates.__qualname__.startswith(
            "quick_listing"
        )
