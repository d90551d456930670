"""What the preview's MkDocs builds can keep from one save to the next, in one process.

Each `mkdocs build` starts from nothing: it lists the theme's files (mkdocs-material ships
thousands of icons) and compiles its templates again, about half a second of CPU whatever
changed. The preview runs many builds of one project in one process, so this plugin, added
to the preview's builds only, keeps both between them:

- the theme's file list, per theme folders (the theme does not change while the preview runs);
- compiled templates, in a Jinja bytecode cache held in memory;
- and in a dirty build it builds exactly the pages it is given (MkDocs would go by the files'
  times), and the 404 page and the sitemap only when asked: they list the navigation, which
  the preview rebuilds them for once every other page is up to date.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.plugins import event_priority

_LISTINGS: dict[tuple[str, ...], list[str]] = {}


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates by Jinja's key (template name and source checksum), in memory."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._code.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = MemoryBytecodeCache()


class PreviewReuse:
    """An MkDocs plugin object (only its event methods matter to MkDocs)."""

    def __init__(self, dirty: bool, build: set[str] | None = None, theme_pages: bool = False) -> None:
        self.dirty = dirty
        self.build = build  # a dirty build's pages, as paths inside docs/ (None: MkDocs decides)
        self.theme_pages = theme_pages

    @event_priority(100)  # before the search plugin's, whose translations load the theme's templates
    def on_config(self, config: Any) -> Any:
        theme = config.theme
        make_env: Callable[[], Any] = theme.get_env

        def get_env() -> Any:
            env = make_env()
            env.bytecode_cache = _BYTECODE
            _remember_listing(env, tuple(theme.dirs))
            return env

        theme.get_env = get_env
        return config

    def on_files(self, files: Any, config: Any) -> Any:
        if self.dirty and self.build is not None:
            for file in files.documentation_pages():
                chosen = file.src_uri in self.build
                file.is_modified = lambda chosen=chosen: chosen
        return files

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        if self.dirty and not self.theme_pages:  # after the theme's files were listed, which must still leave these out
            config.theme.static_templates.clear()
        return env


def _remember_listing(env: Any, dirs: tuple[str, ...]) -> None:
    """env.list_templates(filter_func=...) answered from the first preview build's answer."""
    listing = env.list_templates

    def list_templates(*args: Any, **kwargs: Any) -> list[str]:
        if dirs not in _LISTINGS:
            _LISTINGS[dirs] = listing(*args, **kwargs)
        return list(_LISTINGS[dirs])

    env.list_templates = list_templates
