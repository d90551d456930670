"""The preview's website, kept between saves and rebuilt only where the content changed.

A full build (staging folder, every page through MkDocs, both loads of the guide) grows with
the guide: about 2.3 s at 100 activities. The preview does not need that. It keeps, in one
process:

- the YAML parse cache, so a save parses only the file that changed;
- the generated MkDocs project, rewritten file by file: a file whose text is the same is
  left alone, so the save's changes are known file by file;
- the built site, updated in place by dirty MkDocs builds of chosen pages; built from scratch
  only the first time and when the theme's overrides change.

A change to mkdocs.yml (a title or an order in the navigation, a page added or removed, a
setting) reaches every page, but the editor looks at one: `update()` rebuilds the pages the
browser has open, and the rest are *stale* until `finish()` has rebuilt them, a batch at a
time, pages the browser asks for first. The server holds a request for a stale page until
it is rebuilt, so no page is ever shown out of date.

The same holds for the Markdown: a change to support.yml (the box on every activity page) or
to an activity that the home, skills and activities pages list changes many pages' Markdown.
`update()` renders only the open pages' anew; the other changed pages keep their last text and
are stale (site.pages.Later), and the first `finish()` renders them all before it rebuilds any.

Once the site is built, a save does not even look at whether the other pages' data changed
(their digests, and the work done for their data such as an activity's figure, grew with the
guide): they all wait, stale, and the first `finish()` renders them, rebuilding only those whose
text changed. So the CPU before the open page shows a save is the open page's, not the guide's.

Pages are made in memory and compared with the bytes last written to the project (kept in
memory, never read back): only files that changed are written, so a save, and the rendering
of the pages it let wait, cost what they change, not a write of the whole project; the rest of
the project (assets, mkdocs.yml) is written once per save into a scratch folder and compared
the same way.

MkDocs' dirty mode writes a search index of the rebuilt pages only; the index of the pages
it skipped is carried over from the previous one, so search stays complete.
`guidegen build` never uses this: the published build is always made from scratch.
"""

from __future__ import annotations

import json
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.template_files import template_roots
from ..content.loader import load_guide
from ..content.model import Guide
from ..content.parse_cache import ParseCache
from ..site.pages import Later, SitePage, remembered_pages
from .mkdocs_reuse import PreviewReuse

SEARCH_INDEX = Path("search") / "search_index.json"
# Files whose change can reach every page's template (theme overrides, hooks): a build from scratch.
WHOLE_SITE = ("overrides", "hooks")
CONFIG = Path("mkdocs.yml")  # the navigation and the settings: every page shows them
# The theme's pages made from the navigation rather than from Markdown: rebuilt with the last batch.
THEME_PAGES = ("404.html", "sitemap.xml", "sitemap.xml.gz")
# Stale pages per finish(): a new save waits for at most one batch. 16, not 32: at 500
# activities a batch of 32 took about 1.1 s of CPU (a dirty build's fixed part about 0.17 s),
# which a save made straight after a support.yml edit paid on top of its own second.
BATCH = 16
FEW_PAGES = 4  # when no open page was reached, a save that changes no more pages rebuilds them at once


@dataclass(frozen=True)
class QuickBuild:
    guide: Guide
    site_dir: Path
    seconds: float
    pages_built: int | None  # None: the whole site was built
    built: frozenset[str]  # the site's files (e.g. activities/x/index.html) this build rewrote
    stale: frozenset[str]  # the site's pages still out of date, until finish() rebuilds them
    everything: bool = False  # every file may have changed (a build from scratch, an asset)


class QuickSite:
    """One preview's website: `update()` after each save, then `finish()` while anything is stale."""

    def __init__(self, root: Path, folder: Path) -> None:
        self.root = root
        self.project = folder / "mkdocs"
        self.next = folder / "mkdocs-next"
        self.site_dir = folder / "site"
        self.parse_cache = ParseCache()
        self.parsed: dict[
            str, Any
        ] = {}  # what each YAML text parsed to at the last load (the editor's checks reuse it)
        self.built_once = False
        self.pages: dict[str, str] = {}  # rendered Markdown pages, see site.pages.remembered_pages
        self.templates: tuple[tuple[str, int], ...] = ()  # the templates' files when those were rendered
        self.stale: set[Path] = set()  # Markdown pages (docs/...) whose built page is out of date
        self.theme_stale = False  # 404.html and the sitemap list the navigation
        self.guide: Guide | None = None
        self.files: set[Path] = set()  # the project's files at the last update
        self.synced: dict[Path, bytes] = {}  # each project file's bytes as the last _sync wrote or found them
        self.last: dict[tuple[str, str], str] = {}  # each page's text as last rendered (site.pages.Later)
        self.waiting = False  # some changed pages kept their last text: finish() renders them first
        self.only_waiting: set[Path] = set()  # pages stale only because they waited
        self.scratch_pending = False  # the first build was put off until finish() (see update's defer)
        # The site's search index as the last dirty build merged and wrote it: read back (5 MB of
        # JSON at 500 activities, about 0.05 s) only after a build from scratch.
        self.index: dict[str, Any] | None = None

    def update(
        self, open_pages: Collection[str] = (), guide: Guide | None = None, defer: bool = False, elsewhere: bool = False
    ) -> QuickBuild:
        """Load the guide (raising ContentError), rewrite the project, rebuild the open pages
        (site paths, e.g. activities/x/index.html) the save reached (or, if it reached none, the
        few it changed), and mark the rest stale.

        guide: the guide to show, already made (a translation's); None: load it here.
        defer: a first build is put off (every page stale) until finish(), so it is not waited for.
        elsewhere: the open page is another site's (a translation's, or the source's): when none of
        this site's is open, its pages all wait too (Later), instead of being rendered to find the
        few that changed, before that page is shown."""
        from ..site.project import site_pages, write_mkdocs_project

        started = time.perf_counter()
        if guide is None:
            guide = load_guide(self.root, parse_cache=self.parse_cache)
            self.parsed = self.parse_cache.entries_used()
            self.parse_cache = ParseCache(self.parsed)
        templates = _signature(template_roots(self.root))
        if templates != self.templates:  # a template was edited: no remembered page can be trusted
            self.pages.clear()
            self.templates = templates
        # Once the site is built, only the open pages are rendered at once if they changed; the
        # other changed pages wait (stale) until finish(), as the pages MkDocs builds do. With no
        # page of the site open, every page is rendered, to find the few a save changed.
        ready = self.built_once and not self.scratch_pending
        docs = {site_path(path): path.relative_to("docs").as_posix() for path in self.files if _is_page(path)}
        now = frozenset(docs[page] for page in open_pages if page in docs)
        later = Later(now if ready and (now or elsewhere) else None, self.last)
        with remembered_pages(self.pages, later):
            made = site_pages(guide)
            write_mkdocs_project(guide, self.next, pages=made, pages_elsewhere=True)
        changed, files = _sync(self.next, self.project, self.synced, _page_files(made))
        self.guide, self.files = guide, files
        self.waiting = bool(later.waiting)
        waiting = {Path("docs") / path for path in later.waiting}
        if not self.built_once and defer:
            self.scratch_pending = True
            self.stale = {path for path in files if path.suffix == ".md" and path.parts[0] == "docs"}
            self.theme_stale = True
            seconds = time.perf_counter() - started
            return QuickBuild(guide, self.site_dir, seconds, 0, frozenset(), self.stale_pages())
        if not self.built_once or self.scratch_pending or any(_touches(path, WHOLE_SITE) for path in changed):
            return self._from_scratch(guide, started)
        removed = [path for path in changed if not (self.project / path).exists()]
        self.stale -= self.only_waiting  # stale only because they waited: waiting again below, or not stale
        self._forget(removed)
        if CONFIG in changed:
            self.stale |= {path for path in files if path.suffix == ".md" and path.parts[0] == "docs"}
            self.theme_stale = True
        pages = {path for path in changed if path.suffix == ".md" and path not in removed}
        self.stale |= pages
        # Waiting pages are stale (never served old), but only until finish() renders them if
        # nothing else made them so: one whose text then turns out the same is not rebuilt.
        self.only_waiting = waiting - self.stale
        self.stale |= waiting
        assets = any(path.suffix != ".md" and path != CONFIG for path in changed)  # assets, scripts
        wanted = {path for path in self.stale if site_path(path) in set(open_pages)}
        if not wanted and len(pages) <= FEW_PAGES:  # no open page it reached: the ones it changed
            wanted = pages
        return self._dirty(guide, started, wanted, removed, assets or bool(removed))

    def finish(self, asked: Collection[str] = ()) -> QuickBuild:
        """Rebuild one batch of stale pages: those asked for (site paths) first."""
        assert self.guide is not None, "finish() follows an update()"
        started = time.perf_counter()
        if self.scratch_pending:
            return self._from_scratch(self.guide, started)
        if self.waiting:
            self._render_waiting(self.guide)
        asked_set = set(asked)
        first = sorted(path for path in self.stale if site_path(path) in asked_set)
        rest = sorted(path for path in self.stale if site_path(path) not in asked_set)
        batch = set((first + rest)[: max(BATCH, len(first))])
        return self._dirty(self.guide, started, batch, [], False)

    def _render_waiting(self, guide: Guide) -> None:
        """Render the pages update() let wait; they are stale already. Only the pages' Markdown
        is made and compared with what the project holds (in memory): the rest of the project
        (assets, mkdocs.yml, whose menu comes from titles that never wait) is as update() left
        it, so this costs the changed pages, not a write of the whole project."""
        from ..site.project import site_pages

        with remembered_pages(self.pages, Later(None, self.last)):
            pages = _page_files(site_pages(guide))
        self.waiting = False
        if set(pages) != {path for path in self.files if _is_page(path)}:  # never expected: the menu may differ
            self._render_all(guide)
            return
        changed = _write_changed(self.project, self.synced, pages)
        self.stale = (self.stale - (self.only_waiting - set(changed))) | set(changed)
        self.only_waiting = set()

    def _render_all(self, guide: Guide) -> None:
        """The whole project written again, every page rendered (see _render_waiting)."""
        from ..site.project import site_pages, write_mkdocs_project

        with remembered_pages(self.pages, Later(None, self.last)):
            pages = site_pages(guide)
            write_mkdocs_project(guide, self.next, pages=pages, pages_elsewhere=True)
        changed, self.files = _sync(self.next, self.project, self.synced, _page_files(pages))
        pages_changed = {path for path in changed if _is_page(path)}
        self.stale = (self.stale - (self.only_waiting - pages_changed)) | pages_changed
        self.only_waiting = set()
        if CONFIG in changed:  # not made from pages' texts, but a stale menu must never be served
            self.stale |= {path for path in self.files if _is_page(path)}
            self.theme_stale = True

    def _from_scratch(self, guide: Guide, started: float) -> QuickBuild:
        if self.waiting:  # every page is built now: none may keep its last text
            self._render_waiting(guide)
        self.index = None
        self._mkdocs(dirty=False, build=None, theme_pages=True)
        self.built_once = True
        self.scratch_pending = False
        self.stale.clear()
        self.theme_stale = False
        seconds = time.perf_counter() - started
        return QuickBuild(guide, self.site_dir, seconds, None, frozenset(), frozenset(), everything=True)

    def _dirty(self, guide: Guide, started: float, build: set[Path], removed: list[Path], files: bool) -> QuickBuild:
        """One dirty MkDocs build of exactly these pages (and of the theme's pages once nothing
        else is stale); skipped when there is nothing to build or copy."""
        theme_pages = self.theme_stale and build >= self.stale
        if build or files or theme_pages:
            previous = self.index if self.index is not None else _read_index(self.site_dir)
            chosen = {path.relative_to("docs").as_posix() for path in build}
            self.index = None  # until merged: a build that fails leaves the file to be read again
            self._mkdocs(dirty=True, build=chosen, theme_pages=theme_pages)
            if previous is not None:
                self.index = _merge_index(self.site_dir, previous, [*build, *removed])
        self.stale -= build
        self.theme_stale = self.theme_stale and not theme_pages
        built = {site_path(path) for path in build} | ({*THEME_PAGES} if theme_pages else set())
        seconds = time.perf_counter() - started
        return QuickBuild(guide, self.site_dir, seconds, len(build), frozenset(built), self.stale_pages(), files)

    def all_pages(self) -> frozenset[str]:
        """Every page of the site, as the server names them (e.g. after a build from scratch)."""
        pages = {site_path(path) for path in self.files if path.suffix == ".md" and path.parts[0] == "docs"}
        return frozenset(pages | set(THEME_PAGES))

    def stale_pages(self) -> frozenset[str]:
        """The site's files that are out of date, as the server names them."""
        theme = {"404.html"} if self.theme_stale else set()
        return frozenset({site_path(path) for path in self.stale} | theme)

    def _mkdocs(self, dirty: bool, build: set[str] | None, theme_pages: bool) -> None:
        from ..site.project import run_mkdocs

        try:
            reuse = {"guidegen-preview": PreviewReuse(dirty=dirty, build=build, theme_pages=theme_pages)}
            run_mkdocs(self.project / "mkdocs.yml", self.site_dir, dirty=dirty, plugins=reuse)
        except BaseException:
            self.built_once = False  # a half-finished site: start again from scratch next time
            raise

    def _forget(self, removed: list[Path]) -> None:
        """Files the project no longer has leave the site too (a dirty build never deletes)."""
        for path in removed:
            self.stale.discard(path)
            built = self.site_dir / (site_path(path) if path.suffix == ".md" else path.relative_to("docs"))
            built.unlink(missing_ok=True)
            folder = built.parent
            while folder != self.site_dir and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent


def _is_page(path: Path) -> bool:
    return path.suffix == ".md" and path.parts[0] == "docs"


def site_path(page: Path) -> str:
    """docs/activities/x.md -> activities/x/index.html: the file the preview serves for it."""
    return _location_of(page) + "index.html"


def _signature(roots: tuple[Path, ...]) -> tuple[tuple[str, int], ...]:
    """Every template file with its modification time: a few hundred stat() calls."""
    return tuple(
        (str(path), path.stat().st_mtime_ns) for root in roots for path in sorted(root.rglob("*.j2")) if path.is_file()
    )


def _sync(
    source: Path, dest: Path, known: dict[Path, bytes] | None = None, pages: dict[Path, bytes] | None = None
) -> tuple[list[Path], set[Path]]:
    """Make dest hold exactly source's files and `pages` (the Markdown pages, made in memory);
    rewrite only files that differ. Returns the changed paths and every file's path (both
    relative to the folders).

    known: each dest file's bytes as the previous _sync left them, kept up to date here. dest is
    the preview's own folder, so those bytes are what it holds: only source is read, not dest,
    whose reading grew with the guide (762 pages at 500 activities) on every save; dest is
    listed only when nothing is known of it yet."""
    known = {} if known is None else known
    pages = pages or {}
    listed = not known and dest.is_dir()
    new = {path.relative_to(source): path for path in source.rglob("*") if path.is_file()}
    wanted = set(new) | set(pages)
    files = {rel: pages[rel] if rel in pages else new[rel].read_bytes() for rel in sorted(wanted)}
    changed = _write_changed(dest, known, files)
    for rel in sorted(rel for rel in known if rel not in wanted):
        del known[rel]
        (dest / rel).unlink(missing_ok=True)
        changed.append(rel)
    if listed:  # what an earlier run left there
        for path in sorted(dest.rglob("*"), reverse=True):
            rel = path.relative_to(dest)
            if path.is_file() and rel not in wanted:
                path.unlink()
                changed.append(rel)
    return changed, wanted


def _write_changed(dest: Path, known: dict[Path, bytes], files: dict[Path, bytes]) -> list[Path]:
    """Write each file whose bytes differ from those known to be in dest; return their paths."""
    changed: list[Path] = []
    for rel, new in files.items():
        target = dest / rel
        if known.get(rel) == new or (rel not in known and _holds(target, new)):
            known[rel] = new
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        target.write_bytes(new)
        known[rel] = new
        changed.append(rel)
    return changed


def _page_files(pages: Sequence[SitePage]) -> dict[Path, bytes]:
    """The pages' Markdown as write_mkdocs_project would write it into docs/ (UTF-8, \\n)."""
    return {Path("docs") / page.path: page.markdown.encode("utf-8") for page in pages}


def _holds(path: Path, data: bytes) -> bool:
    """The file holds these bytes. Not filecmp.cmp: even unshallow, it remembers its answers by
    the files' sizes and times, and a clock's tick (a second on some file systems) can hold two
    saves of the same length: the second save's page would never be rebuilt."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:  # not there yet (or not a file): written anew
        return False


def _touches(rel: Path, names: tuple[str, ...]) -> bool:
    return rel.parts[0] in names


def _read_index(site_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((site_dir / SEARCH_INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("docs"), list) else None


def _merge_index(site_dir: Path, previous: dict[str, Any], pages: list[Path]) -> dict[str, Any] | None:
    """Dirty mode indexes only the pages it built: keep the other pages' entries from before.
    Returns the index written (None: there was none to merge into)."""
    current = _read_index(site_dir)
    if current is None:
        return None
    new_docs: list[Any] = current["docs"]
    rebuilt = {_page_location(doc.get("location", "")) for doc in new_docs if isinstance(doc, dict)}
    rebuilt |= {_location_of(page) for page in pages}
    kept = [
        doc
        for doc in previous["docs"]
        if isinstance(doc, dict) and _page_location(str(doc.get("location", ""))) not in rebuilt
    ]
    current["docs"] = kept + new_docs
    (site_dir / SEARCH_INDEX).write_text(json.dumps(current, ensure_ascii=False), encoding="utf-8")
    return current


def _page_location(location: str) -> str:
    return location.split("#", 1)[0]


def _location_of(page: Path) -> str:
    """docs/activities/x.md -> activities/x/ (the preview uses directory URLs)."""
    rel = Path(*page.parts[1:]).with_suffix("")
    if rel.name == "index":
        parent = rel.parent.as_posix()
        return "" if parent == "." else parent + "/"
    return rel.as_posix() + "/"
