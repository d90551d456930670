"""A website rebuilt from the last build's: only the pages whose Markdown changed go through MkDocs.

The builder links the last build's site into the new site folder, then runs MkDocs' dirty
mode with this plugin, which decides what changed by content (not by file times, which a
freshly written project does not keep): each project file whose bytes differ from the last
build's. It is used only when nothing else can reach an unchanged page (the same
`mkdocs.yml` with its navigation and titles, the same theme overrides, the same files, the
same engine and code: see `builder/pipeline.py`), so the result is the full build's, byte for
byte, which a test compares.

Linked files are shared with the last build, which must stay as it was until the swap: every
file MkDocs will write is unlinked first, never written through. The search index holds the
rebuilt pages' entries and the others' from the last build, in the full build's order.
404.html and the sitemap depend only on the frame, so the last build's are kept too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

SEARCH_FOLDER = "search"
SEARCH_FILES = ("search_index.json", "search_index.js")  # the index, and the offline site's copy as a script


class PageReuse:
    """An MkDocs plugin object for one dirty build (only its event methods matter to MkDocs).

    changed: project files (relative to docs/, POSIX) whose bytes differ from the last build's.
    After the build, `written` lists the HTML pages it wrote (for the steps that edit pages).
    """

    def __init__(self, changed: Iterable[str]) -> None:
        self.changed = frozenset(changed)
        self.written: list[Path] = []
        self._rebuilt: set[str] = set()  # page URLs
        self._order: list[str] = []  # every page's URL in build order
        self._previous: list[dict[str, Any]] = []  # the last build's search entries

    def on_pre_build(self, config: Any) -> None:
        folder = Path(config.site_dir) / SEARCH_FOLDER
        try:
            data = json.loads((folder / SEARCH_FILES[0]).read_text(encoding="utf-8"))
            self._previous = list(data["docs"])
        except (OSError, ValueError, KeyError, TypeError) as error:  # the caller checked the site: a bug
            raise RuntimeError(f"the last build's search index cannot be read: {error}") from error
        for name in SEARCH_FILES:
            (folder / name).unlink(missing_ok=True)

    def on_files(self, files: Any, config: Any) -> Any:
        for file in files:
            # A theme file is the same as last time (same engine); a file with no source is remade.
            # A project file is found by its folder and POSIX path as MkDocs listed it (no path
            # resolved: a thousand files' resolving was a tenth of a rebuild's MkDocs run).
            inside = file.abs_src_path is not None and file.src_dir == config.docs_dir
            modified = file.abs_src_path is None or (inside and file.src_uri in self.changed)
            file.is_modified = _answer(modified)
            if modified:
                Path(file.abs_dest_path).unlink(missing_ok=True)
        return files

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        # 404.html and the sitemap show only the navigation, the settings and the build's date,
        # which the frame key covers: the last build's stay (linked, finished), as the other
        # unchanged pages do. Cleared after the theme's files were listed, which leaves them out.
        config.theme.static_templates.clear()
        for file in files.documentation_pages():
            url = file.page.url if file.page is not None else file.url  # as the search index has it ("" for home)
            self._order.append(url)
            if file.is_modified():
                self._rebuilt.add(url)
                self.written.append(Path(file.abs_dest_path))
        return env

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, config: Any) -> None:
        search = next((p for p in config.plugins.values() if hasattr(p, "search_index")), None)
        if search is None:
            return
        fresh = _by_page(search.search_index.entries)
        kept = _by_page(self._previous)
        entries: list[dict[str, Any]] = []
        for url in self._order:
            entries += fresh.get(url, []) if url in self._rebuilt else kept.get(url, [])
        search.search_index.entries = entries


def _answer(value: bool) -> Any:
    return lambda: value


def _by_page(entries: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Search entries grouped by their page's URL (a section's location adds #anchor)."""
    pages: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        pages.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(entry)
    return pages
