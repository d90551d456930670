"""Whether a website (or the offline site) can be rebuilt from the last build's, and from which pages.

A site's page depends on its own Markdown and on what every page shares: `mkdocs.yml` (the
navigation with every title, the theme's settings), the theme overrides, the list of files
(links, downloads), the engine, guidegen's code and the build's date (the sitemap's). Those
make the site's frame key. When the frame is the last build's, only the pages whose Markdown
changed are built again, and 404.html and the sitemap are kept (`site/page_reuse.py`);
otherwise, or when anything of the last build cannot be trusted, the whole site is built. An
edited title, a renamed id or a skill's new name changes the navigation or every page that
shows it, so it reaches every page either way.
"""

from __future__ import annotations

import shutil
from collections.abc import Collection
from pathlib import Path

from ..common.digest import digest_bytes, digest_tree
from ..content.source_date import source_date_text
from .cache import code_digest, copy_verified, engine_versions, file_digest
from .state import BuildRun

FRAME = "frame:"  # manifest key prefix: a site's frame key, beside its own key


def frame_key(run: BuildRun, project: Path, engine: str) -> str:
    docs = project / "docs"
    names = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file())
    return digest_bytes(
        engine,
        engine_versions(),
        source_date_text(),  # the sitemap's dates, kept with the frame (site/page_reuse.py)
        code_digest("site", "render", "editor", "offline", "builder"),
        (project / "mkdocs.yml").read_bytes(),
        digest_tree(project / "overrides"),
        "\n".join(names),
    )


def pages_to_rebuild(
    run: BuildRun, name: str, project: Path, site_dir: Path, engine: str, needed: bool, filled_later: Collection[str]
) -> list[str] | None:
    """The project's files (relative to docs/) that changed since the last build, with the last
    build's site `name` linked into site_dir; None: build the whole site (site_dir left empty),
    or nothing to build (not needed: the frame key is only recorded, so the manifest is the same).
    filled_later: the files made from the PDFs (empty in the project until then), which the
    builder puts into the site itself after MkDocs: never changed for MkDocs, so it copies
    none of them (1,260 at 500 activities)."""
    if run.guide.config.translations or run.guide.source_language is not None:
        return None  # not yet: the translations' sites are placed inside the source's (builder/translations.py)
    key = frame_key(run, project, engine)
    run.manifest.keys[FRAME + name] = key
    if not needed or run.options.force or engine != "mkdocs":
        return None
    if run.previous.keys.get(FRAME + name) != key:
        return None
    project_name = project.relative_to(run.staging).as_posix()
    before = run.previous.under(f"{project_name}/docs")
    if not before:
        return None
    docs = project / "docs"
    changed = []
    for path in sorted(docs.rglob("*")):
        if path.is_file():
            rel = path.relative_to(docs).as_posix()
            if rel in filled_later:
                continue
            record = before.get(f"{project_name}/docs/{rel}")
            if record is None or record[0] != path.stat().st_size or record[1] != _digest(run, path):
                changed.append(rel)
    if not copy_verified(run.previous, run.previous_out, name, site_dir):
        shutil.rmtree(site_dir, ignore_errors=True)
        return None
    return changed


def _digest(run: BuildRun, path: Path) -> str:
    """A page linked from the last build was hashed then (BuildRun.linked_from_last): not read again."""
    return run.previous.known_digest(path) or file_digest(path)
