"""The preview's website, kept between saves and rebuilt only where the content changed.

A full build (staging folder, every page through MkDocs, both loads of the guide) grows with
the guide: about 2.3 s at 100 activities. The preview does not need that. It keeps, in one
process:

- the YAML parse cache, so a save parses only the file that changed;
- the generated MkDocs project, rewritten file by file: a file whose text is the same keeps
  its modification time, so MkDocs' dirty mode skips its page;
- the built site, updated in place by a dirty MkDocs build when the navigation and the
  project's settings are unchanged, and rebuilt from scratch when they are not.

MkDocs' dirty mode writes a search index of the rebuilt pages only; the index of the pages
it skipped is carried over from the previous one, so search stays complete.
`guidegen build` never uses this: the published build is always made from scratch.
"""

from __future__ import annotations

import filecmp
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.loader import load_guide
from ..content.model import Guide
from ..content.parse_cache import ParseCache
from ..render.template_files import template_roots
from ..site.pages import remembered_pages
from .mkdocs_reuse import PreviewReuse

SEARCH_INDEX = Path("search") / "search_index.json"
# Files whose change can reach every page (settings, theme overrides, hooks): a full build.
WHOLE_SITE = ("mkdocs.yml", "overrides", "hooks")


@dataclass(frozen=True)
class QuickBuild:
    guide: Guide
    site_dir: Path
    seconds: float
    pages_built: int | None  # None: the whole site was built


class QuickSite:
    """One preview's website: `update()` after each save."""

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

    def update(self) -> QuickBuild:
        """Load the guide (raising ContentError) and bring the site up to date with it."""
        from ..site.project import run_mkdocs, write_mkdocs_project

        started = time.perf_counter()
        guide = load_guide(self.root, parse_cache=self.parse_cache)
        self.parsed = self.parse_cache.entries_used()
        self.parse_cache = ParseCache(self.parsed)
        templates = _signature(template_roots(self.root))
        if templates != self.templates:  # a template was edited: no remembered page can be trusted
            self.pages.clear()
            self.templates = templates
        with remembered_pages(self.pages):
            write_mkdocs_project(guide, self.next)
        changed = _sync(self.next, self.project)
        whole = not self.built_once or any(_touches(path, WHOLE_SITE) for path in changed)
        pages = [path for path in changed if path.suffix == ".md"]
        if whole or changed:
            previous = _read_index(self.site_dir) if not whole else None
            try:
                reuse = {"guidegen-preview": PreviewReuse(dirty=not whole)}
                run_mkdocs(self.project / "mkdocs.yml", self.site_dir, dirty=not whole, plugins=reuse)
            except BaseException:
                self.built_once = False  # a half-finished site: start again from scratch next time
                raise
            if previous is not None:
                _merge_index(self.site_dir, previous, pages)
        self.built_once = True
        return QuickBuild(guide, self.site_dir, time.perf_counter() - started, None if whole else len(pages))


def _signature(roots: tuple[Path, ...]) -> tuple[tuple[str, int], ...]:
    """Every template file with its modification time: a few hundred stat() calls."""
    return tuple(
        (str(path), path.stat().st_mtime_ns) for root in roots for path in sorted(root.rglob("*.j2")) if path.is_file()
    )


def _sync(source: Path, dest: Path) -> list[Path]:
    """Make dest hold exactly source's files; rewrite only files that differ. Returns changed paths."""
    changed: list[Path] = []
    wanted = {path.relative_to(source) for path in source.rglob("*") if path.is_file()}
    for rel in sorted(wanted):
        target = dest / rel
        if target.is_file() and filecmp.cmp(source / rel, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        shutil.copyfile(source / rel, target)
        changed.append(rel)
    if dest.is_dir():
        for path in sorted(dest.rglob("*"), reverse=True):
            rel = path.relative_to(dest)
            if path.is_file() and rel not in wanted:
                path.unlink()
                changed.append(rel)
    return changed


def _touches(rel: Path, names: tuple[str, ...]) -> bool:
    return rel.parts[0] in names


def _read_index(site_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((site_dir / SEARCH_INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("docs"), list) else None


def _merge_index(site_dir: Path, previous: dict[str, Any], pages: list[Path]) -> None:
    """Dirty mode indexes only the pages it built: keep the other pages' entries from before."""
    current = _read_index(site_dir)
    if current is None:
        return
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


def _page_location(location: str) -> str:
    return location.split("#", 1)[0]


def _location_of(page: Path) -> str:
    """docs/activities/x.md -> activities/x/ (the preview uses directory URLs)."""
    rel = Path(*page.parts[1:]).with_suffix("")
    if rel.name == "index":
        parent = rel.parent.as_posix()
        return "" if parent == "." else parent + "/"
    return rel.as_posix() + "/"
