"""An MkDocs plugin for a build's MkDocs runs: the theme's start-up costs, cut.

Every `mkdocs build` starts by listing the theme's files and compiling its templates, whatever
the guide's size; a rebuild after one edit builds a page or two, so this start is most of its
MkDocs run (issue 32). So, each time the theme's Jinja environment is made (MkDocs makes it
once, Material's search twice more for its wordings):

- templates compiled by an earlier build are read from the user's cache: keyed by the
  template's name and its source, not its file's path, which for the project's overrides lies
  in a staging folder named after each build's process (so they were compiled, and a new
  cache file left, on every build);
- the theme's file listing skips folders and files whose name starts with a dot as it walks:
  MkDocs drops every such path anyway (its patterns `.*` and `*/.*`), and Material's 14,000
  icons lie in `.icons/`. The listing is otherwise Jinja's own, so the same files are copied.

The site is the same, byte for byte (templates render the same whatever path compiled them).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader
from jinja2.bccache import Bucket
from mkdocs.plugins import event_priority

from ..common.user_cache import private_folder

PLUGIN_NAME = "guidegen-theme-start"
FLAVOUR = "mkdocs-theme-by-source"  # apart from render/environments.py's path-keyed entries


class ThemeStart:
    """An MkDocs plugin object (only its event methods matter to MkDocs)."""

    @event_priority(100)  # before Material's search, whose on_config makes the environment
    def on_config(self, config: Any) -> Any:
        theme = config.theme
        make_env: Callable[[], Environment] = theme.get_env

        def get_env() -> Environment:
            env = make_env()
            found = source_keyed_cache()
            if found is not None:
                env.bytecode_cache = found
            quick_listing(env)
            return env

        theme.get_env = get_env
        return config


class SourceKeyedCache(FileSystemBytecodeCache):
    """Jinja's file cache, with entries found by template name and source rather than by path."""

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        checksum = self.get_source_checksum(source)
        bucket = Bucket(environment, self.get_cache_key(name, checksum), checksum)
        self.load_bytecode(bucket)
        return bucket


@cache
def source_keyed_cache() -> BytecodeCache | None:
    """None (compile every time) when the user's cache folder cannot be made ours."""
    import jinja2

    folder = private_folder("templates")
    if folder is None:
        return None
    return SourceKeyedCache(str(folder), pattern=f"{FLAVOUR}-{jinja2.__version__}-%s.cache")


def quick_listing(env: Environment) -> None:
    """env.list_templates, walking no hidden folder, when the filter asked for drops them anyway."""
    listing = env.list_templates
    loader = env.loader
    if not isinstance(loader, FileSystemLoader):
        return

    def list_templates(extensions: Any = None, filter_func: Callable[[str], bool] | None = None) -> list[str]:
        if extensions is not None or filter_func is None or not drops_hidden(filter_func):
            return listing(extensions, filter_func)
        return [name for name in visible_templates(loader) if filter_func(name)]

    env.list_templates = list_templates  # type: ignore[method-assign]


def drops_hidden(filter_func: Callable[[str], bool]) -> bool:
    """Does the filter drop a hidden file or folder at the top and further down (MkDocs' does)?"""
    return not any(filter_func(name) for name in (".a", ".a/b", "a/.b", "a/.b/c"))


def visible_templates(loader: FileSystemLoader) -> list[str]:
    """FileSystemLoader.list_templates(), less every path with a part starting with a dot."""
    found: set[str] = set()
    for searchpath in loader.searchpath:
        for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=loader.followlinks):
            dirnames[:] = [name for name in dirnames if not name.startswith(".")]
            for filename in filenames:
                if filename.startswith("."):
                    continue
                template = os.path.join(dirpath, filename)[len(searchpath) :].strip(os.path.sep)
                template = template.replace(os.path.sep, "/")
                if template[:2] == "./":
                    template = template[2:]
                found.add(template)
    return sorted(found)
