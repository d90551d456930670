"""What the preview's MkDocs builds can keep from one save to the next, in one process.

Each `mkdocs build` starts from nothing: it lists the theme's files (mkdocs-material ships
thousands of icons) and compiles its templates again, about half a second of CPU whatever
changed. The preview runs many builds of one project in one process, so this plugin, added
to the preview's builds only, keeps both between them:

- the theme's file list, per theme folders (the theme does not change while the preview runs);
- compiled templates, in a Jinja bytecode cache held in memory;
- each page's Markdown converted to HTML (with its table of contents and anchors), reused
  while its Markdown, the site's files and the Markdown settings are the same: a title or
  `order:` change rewrites every page's menu but hardly any page's text, and converting the
  text was about half of rebuilding a page;
- each page's search entries (Material's search reads the page's HTML again), reused while
  the page's HTML, address, title, metadata and contents are the same;
- and in a dirty build it builds exactly the pages it is given (MkDocs would go by the files'
  times), and the 404 page and the sitemap only when asked: they list the navigation, which
  the preview rebuilds them for once every other page is up to date.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
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


@dataclass(frozen=True)
class Converted:
    """What mkdocs' Page.render() leaves on a page, kept for its next build.

    links_to_anchors names the linked pages by path: its keys are the build's own File objects,
    which the next build replaces."""

    key: tuple[Any, ...]
    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str] | None
    links: tuple[tuple[str, dict[str, str]], ...] | None


# (the project's mkdocs.yml, the page's path inside docs/) -> its last conversion: the source's
# site and each translation's are projects of their own, with pages of the same names.
_CONVERTED: dict[tuple[str, str], Converted] = {}


@dataclass
class Counts:
    """How many pages were converted and indexed, and how many of those came from before."""

    converted: int = 0
    conversions_reused: int = 0
    indexed: int = 0
    entries_reused: int = 0


COUNTS = Counts()  # for the tests and the curious: the reuse is otherwise invisible


class _Warnings(logging.Handler):
    """Counts MkDocs' warnings while a page is converted: a page that warned is not kept, so
    each build warns (and a strict build fails) just as a build from scratch would."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


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

    def on_pre_build(self, config: Any) -> None:
        """Material's search made its index in its on_config: index each page as before."""
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if index is not None and callable(getattr(index, "add_entry_from_context", None)):
                index.add_entry_from_context = partial(_index_reusing, index, index.add_entry_from_context)

    def on_pre_page(self, page: Any, config: Any, files: Any) -> Any:
        page.render = partial(_render_reusing, page)
        return page

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


def _render_reusing(page: Any, config: Any, files: Any) -> None:
    """Page.render(), or its result from an earlier build of the same Markdown in the same site."""
    from mkdocs.structure.pages import Page

    key = (page.markdown, page.file.url, _site_key(config, files))
    name = (str(config["config_file_path"]), page.file.src_uri)
    kept = _CONVERTED.get(name)
    COUNTS.converted += 1
    if kept is not None and kept.key == key:
        COUNTS.conversions_reused += 1
        page.content, page.toc, page._title_from_render = kept.content, kept.toc, kept.title
        page.present_anchor_ids = None if kept.anchors is None else set(kept.anchors)
        if kept.links is not None:
            found = ((files.get_file_from_path(path), links) for path, links in kept.links)
            page.links_to_anchors = {file: dict(links) for file, links in found if file is not None}
        return
    warnings = _Warnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        Page.render(page, config, files)
    finally:
        logger.removeHandler(warnings)
    if warnings.count:
        _CONVERTED.pop(name, None)
        return
    links = page.links_to_anchors
    _CONVERTED[name] = Converted(
        key,
        page.content,
        page.toc,
        page._title_from_render,
        None if page.present_anchor_ids is None else frozenset(page.present_anchor_ids),
        None if links is None else tuple((file.src_uri, dict(found)) for file, found in links.items()),
    )


# (the project's mkdocs.yml, the page's address) -> (what its entries came from, the entries)
_INDEXED: dict[tuple[str, str], tuple[tuple[Any, ...], str]] = {}


def _index_reusing(index: Any, add: Callable[[Any], None], page: Any) -> None:
    """SearchIndex.add_entry_from_context(page), or the entries it added for the same page before
    (kept as JSON text, so no build's entries can change another's)."""
    key = (page.content, page.title, repr(page.meta), _toc_key(page.toc))
    name = (str(page.file.abs_src_path), page.url)
    kept = _INDEXED.get(name)
    COUNTS.indexed += 1
    if kept is not None and kept[0] == key:
        COUNTS.entries_reused += 1
        index.entries.extend(json.loads(kept[1]))
        return
    before = len(index.entries)
    add(page)
    _INDEXED[name] = (key, json.dumps(index.entries[before:]))


def _toc_key(toc: Any) -> tuple[Any, ...]:
    return tuple((item.id, item.title, item.url, item.level, _toc_key(item.children)) for item in toc or ())


_SITE_KEYS: dict[int, tuple[Any, tuple[Any, ...]]] = {}


def _site_key(config: Any, files: Any) -> tuple[Any, ...]:
    """What a page's conversion depends on besides its Markdown and address: the Markdown
    settings, the link checks' settings, and every file's path and address (links resolve
    against them). Made once per build (per Files object)."""
    made = _SITE_KEYS.get(id(files))
    if made is not None and made[0] is files:
        return made[1]
    key = (
        repr(config["markdown_extensions"]),
        repr(config["mdx_configs"]),
        config["use_directory_urls"],
        repr(config["validation"]),
        tuple((file.src_uri, file.url, str(file.inclusion)) for file in files),
    )
    _SITE_KEYS.clear()
    _SITE_KEYS[id(files)] = (files, key)
    return key
