"""Guide -> MkDocs project (Markdown pages + mkdocs.yml) -> built website.

Two steps the build can call separately: `write_mkdocs_project` writes a project anyone can
inspect or build with plain `mkdocs build --strict`, and `run_mkdocs` builds it in-process
with mkdocs-material. MkDocs is imported only inside `run_mkdocs`, so loading this module
stays cheap.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..common.sanitiser import check_sanitised
from ..common.template_files import Roots, template_file, template_roots, template_tree
from ..content.model import Guide
from ..content.source_date import DEFAULT_EPOCH
from ..content.source_date import VARIABLE as SOURCE_DATE_VARIABLE
from ..errors import SiteBuildError
from ..render.environments import TEMPLATES_DIR, environment
from ..render.fonts import site_font_css
from .brand import palette
from .circles import handout_script, handout_scripts, write_circles_assets
from .easy_read import write_pictures as write_easy_read_pictures
from .languages import alternates, mark_untranslated
from .mkdocs_config import ASSETS, SHIM, mkdocs_config
from .pages import SitePage, all_pages
from .scripts import write_shared_script
from .session_pages import write_planner_assets

SITE_TEMPLATES = TEMPLATES_DIR / "site"
VENDOR = TEMPLATES_DIR / "assets" / "vendor"
GENERATED = ("docs", "overrides", "hooks", "mkdocs.yml")  # what we own inside project_dir (hooks/: older projects)
# A download's name inside pdf/: large-print handouts have a folder of their own.
DOWNLOAD_NAME = re.compile(r"(?:large-print/|sessions/)?[A-Za-z0-9_][A-Za-z0-9_.-]*\.(?:pdf|epub)")
# Used for sitemap.xml dates when SOURCE_DATE_EPOCH is unset, so two builds are identical.
DEFAULT_SOURCE_DATE_EPOCH = str(DEFAULT_EPOCH)


def write_mkdocs_project(
    guide: Guide,
    project_dir: Path,
    *,
    offline: bool = False,
    handouts: Mapping[str, str] | None = None,
    pdf_dir: Path | None = None,
    pdfs_later: bool = False,
    engine: str = "mkdocs",
    pages: Sequence[SitePage] | None = None,
    pages_elsewhere: bool = False,
    same: Callable[[Path, bytes], bool] | None = None,
) -> Path:
    """Write project_dir/mkdocs.yml and project_dir/docs/; return the mkdocs.yml path.

    handouts maps an activity id (or "guide" for the booklet) to a PDF file name in pdf_dir.
    Without it no page links to a PDF, so the site never has a broken download link.
    pdfs_later: the PDFs are still being made; the files made from them are written empty
    for MkDocs to copy, and write_pdf_files() fills them in afterwards (in docs/ and the site).
    pages: site_pages(guide, handouts) when the caller already has them (the website and the
    offline site have the same pages: made once, they cost half as much).
    pages_elsewhere: the pages' Markdown is not written into docs/; the caller writes it (the
    live preview compares it in memory with what it wrote before, and writes only what changed).
    same(path, data): True when it put a file with those bytes at path (the builder links the
    last build's); the pages are offered to it before they are written.
    """
    handouts = dict(handouts or {})
    project_dir.mkdir(parents=True, exist_ok=True)
    _clear(project_dir)
    docs = project_dir / "docs"
    roots = template_roots(guide.root)  # the guide's own templates/ first
    pages = list(pages) if pages is not None else site_pages(guide, handouts)
    for page in [] if pages_elsewhere else pages:
        _write(docs / page.path, page.markdown, same)
    _copy_content_assets(guide, docs / "assets")
    _write_site_assets(guide, roots, docs / ASSETS, offline=offline)
    for rel, source in template_tree(roots, "site/overrides").items():
        (project_dir / "overrides" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, project_dir / "overrides" / rel)
    if engine == "zensical":  # Material 9.8's search partial breaks Zensical's header
        (project_dir / "overrides" / "partials" / "search.html").unlink()
    if not offline:
        _write(docs / "robots.txt", robots_txt(guide))
    if handouts and pdf_dir is None and not pdfs_later:
        raise ValueError("handouts were given without pdf_dir, the folder that holds them")
    write_shared_script(roots, docs / ASSETS)  # what the circles and the planner share
    write_circles_assets(guide, docs / ASSETS, handouts)  # the interactive three circles
    write_planner_assets(guide, docs / ASSETS)  # the session planner
    write_easy_read_pictures(guide, docs)  # the bundled pictures beside Easy Read points
    _write_empty(docs, pdf_files(guide, handouts))  # filled in by write_pdf_files
    if pdf_dir is not None:
        write_pdf_files(guide, handouts, pdf_dir, docs)
    nav = [(p.path, p.title) for p in pages]
    config = mkdocs_config(guide, nav, offline=offline, alternate=alternates(guide, offline))
    if engine == "zensical":
        config["theme"]["variant"] = "classic"  # Zensical's "modern" look hides a white logo
    return _write_yaml(project_dir / "mkdocs.yml", config)


def site_pages(guide: Guide, handouts: Mapping[str, str] | None = None) -> list[SitePage]:
    """Every page's Markdown, as write_mkdocs_project writes it into docs/ (the same online and offline)."""
    return mark_untranslated(guide, all_pages(guide, dict(handouts or {})))


def robots_txt(guide: Guide) -> str:
    """Crawlers may read everything; the sitemap's address comes from site_url (where it is known)."""
    url = str(guide.config.site_url or "")
    sitemap = f"Sitemap: {url.rstrip('/')}/sitemap.xml\n" if url else ""
    return f"User-agent: *\nAllow: /\n{sitemap}"


def _clear(project_dir: Path) -> None:
    """Remove what an earlier run wrote, so no stale page survives; touch nothing else."""
    for name in GENERATED:
        path = project_dir / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


def _write(path: Path, text: str, same: Callable[[Path, bytes], bool] | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")  # as write_text(newline="\n") writes it: encoded once for both
    if same is None or not same(path, data):
        path.write_bytes(data)


def _write_empty(docs: Path, names: list[str]) -> None:
    """Empty files, for write_pdf_files to fill in: the first made, the others links to it. A
    new file costs the file system an inode (here up to 0.7 ms each, a link 0.02 ms), and a
    500-activity guide has some 1,300 of these in each project. write_pdf_files unlinks each
    file before filling it in, so none is written through."""
    first: Path | None = None
    made: set[Path] = set()
    for rel in names:
        path = docs / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        if first is not None and _linked(first, path):
            continue
        path.write_bytes(b"")  # the first, or on a file system without links
        first = first or path


def _linked(source: Path, dest: Path) -> bool:
    try:
        os.link(source, dest)
    except OSError:
        return False
    return True


def _write_yaml(path: Path, data: dict[str, object]) -> Path:
    import yaml  # PyYAML comes with MkDocs

    header = "# Generated by guidegen from site_config.yml and content/. Edit those, not this file.\n"
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: many times faster, same text
    _write(path, header + yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1000))
    return path


def _copy_content_assets(guide: Guide, dest: Path) -> None:
    """content/assets/ -> docs/assets/: only the files the guide uses, SVGs sanitised."""
    from ..common.svg import sanitise
    from ..content.assets import asset_files, used_assets

    source = guide.content_dir / "assets"
    used = used_assets(guide)
    for path in asset_files(guide.content_dir):
        rel = path.relative_to(source)
        if rel.as_posix() not in used:
            continue
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() == ".svg":
            (dest / rel).write_bytes(sanitise(path.read_bytes()))
        else:
            shutil.copyfile(path, dest / rel)


def _write_site_assets(guide: Guide, roots: Roots, dest: Path, *, offline: bool) -> None:
    """Our CSS, the brand colours and the self-hosted fonts (and the search shim offline);
    a guide's own templates/ may replace any of them."""
    (dest / "fonts").mkdir(parents=True, exist_ok=True)
    fonts = template_tree(roots, "assets/vendor/fonts")
    for name in sorted(name for name in fonts if name.endswith(".woff2") and "/" not in name):
        shutil.copyfile(fonts[name], dest / "fonts" / name)
    shutil.copyfile(fonts["LICENSE"], dest / "fonts" / "LICENSE.txt")
    shutil.copyfile(template_file(roots, "site/assets/guide.css"), dest / "guide.css")
    _write(dest / "fonts.css", site_font_css(guide.content_dir, guide.config.fonts))
    brand = environment("site", roots).get_template("brand.css.j2").render(colours=palette(guide.config.brand))
    _write(dest / "brand.css", brand)
    if offline:
        shim = dest / Path(SHIM).relative_to(ASSETS)
        shim.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(VENDOR / "iframe-worker" / "shim.js", shim)
        shutil.copyfile(VENDOR / "iframe-worker" / "LICENSE", shim.parent / "LICENSE.txt")


def pdf_files(guide: Guide, handouts: Mapping[str, str]) -> list[str]:
    """Files of the site made from the PDFs, relative to docs/ (and to the built site)."""
    names = sorted(set(handouts.values()))
    for name in names:
        if not DOWNLOAD_NAME.fullmatch(name):
            raise ValueError(f"handout file name {name!r} must be a plain file name ending in .pdf or .epub")
    return [f"pdf/{name}" for name in names] + [f"{ASSETS}/{rel}" for rel in handout_scripts(guide, handouts)]


def write_pdf_files(guide: Guide, handouts: Mapping[str, str], pdf_dir: Path, *folders: Path) -> None:
    """Copy the PDFs, and the scripts made from them, into each folder (docs/ or a built site).

    A file already there is unlinked first, not written through: a reused site shares its
    files with the previous build's (hard links), which must stay as they are.
    """
    files: dict[str, Path | str] = {f"pdf/{name}": pdf_dir / name for name in sorted(set(handouts.values()))}
    scripts = handout_scripts(guide, handouts)
    for rel, activity_id in scripts.items():
        files[f"{ASSETS}/{rel}"] = handout_script(activity_id, (pdf_dir / handouts[activity_id]).read_bytes())
    for folder in folders:
        made: set[Path] = set()  # each folder asked for once, not once per file (1,000 PDFs at 500 activities)
        for rel, source in files.items():
            dest = folder / rel
            if dest.parent not in made:
                dest.parent.mkdir(parents=True, exist_ok=True)
                made.add(dest.parent)
            dest.unlink(missing_ok=True)
            if isinstance(source, Path):
                _link_or_copy(source, dest)
            else:
                dest.write_text(source, encoding="utf-8", newline="\n")
                # The other folders share this file, as they share the PDFs: written, and read
                # back by the build's manifest and zip, once.
                files[rel] = dest


def _link_or_copy(source: Path, dest: Path) -> None:
    """A PDF is never written in place once made: the sites may share its file."""
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)


def run_engine(
    config_file: Path, site_dir: Path, engine: str = "mkdocs", trim: Callable[[], None] | None = None
) -> None:
    """Build the generated project with the website engine asked for; trim: see lean_plugins."""
    if engine == "zensical":
        from .zensical import run_zensical

        run_zensical(config_file, site_dir)
    else:
        from .lean_search import PLUGIN_NAME, LeanSearch

        # A whole build: the search index kept compressed too (not the page-reuse build's).
        run_mkdocs(config_file, site_dir, plugins={**lean_plugins(trim), PLUGIN_NAME: LeanSearch()})


def lean_plugins(trim: Callable[[], None] | None = None) -> dict[str, object]:
    """What a build's MkDocs run adds to the project's plugins: each page's text kept
    compressed until it is written, then let go (site/lean_pages.py); trim gives freed memory
    back to the system now and then; and the theme's start made cheaper (site/theme_start.py).
    Not for the preview, which reuses each page's text and keeps the theme's start in memory."""
    from . import theme_start
    from .lean_pages import PLUGIN_NAME, ReleasePages

    return {PLUGIN_NAME: ReleasePages(trim), theme_start.PLUGIN_NAME: theme_start.ThemeStart()}


def run_mkdocs(
    config_file: Path,
    site_dir: Path,
    *,
    dirty: bool = False,
    plugins: Mapping[str, object] | None = None,
    written: Sequence[Path] | None = None,
) -> None:
    """`mkdocs build --strict`, in-process; raise SiteBuildError listing MkDocs' warnings.

    dirty builds just the pages whose Markdown is newer than their HTML (or those a plugin
    chooses); plugins are added to the project's own (objects with MkDocs event methods);
    written: filled by a plugin during the build with the pages it wrote, the only ones the
    sanitiser's marker is then looked for in (else: those written since the build started).
    """
    started = time.time()
    with _build_environment(), _captured_mkdocs_log() as messages:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        try:
            config = load_config(
                io.StringIO("{}"), config_file_path=str(config_file), **_settings(config_file, site_dir, dirty)
            )
            for name, plugin in (plugins or {}).items():
                config.plugins[name] = plugin  # type: ignore[assignment]
            build(config, dirty=dirty)
        except MkDocsException as error:
            details = "\n".join(f"  {m}" for m in messages) or f"  {error}"
            raise SiteBuildError(f"MkDocs could not build {config_file}:\n{details}") from error
        warnings = [m for m in messages if "'dirty' build" not in m]
        if dirty and warnings:
            details = "\n".join(f"  {m}" for m in warnings)
            raise SiteBuildError(f"MkDocs could not build {config_file}:\n{details}")

    check_sanitised(site_dir, "MkDocs", since=started if dirty else None, written=written if dirty else None)


def quiet_engine_environment() -> None:
    """Set, once and before any thread starts, what _build_environment sets around each build."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.environ.setdefault(SOURCE_DATE_VARIABLE, DEFAULT_SOURCE_DATE_EPOCH)


def _settings(config_file: Path, site_dir: Path, dirty: bool) -> dict[str, Any]:
    """mkdocs.yml read with libyaml: MkDocs' own pure-Python reading takes seconds for a large
    navigation. The file is ours and plain data (no tags), so both read it the same way."""
    import yaml  # PyYAML comes with MkDocs

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=loader)
    # A dirty build always warns that it is dirty: strict mode is applied by hand in run_mkdocs.
    return {**data, "site_dir": str(site_dir), "strict": not dirty}


@contextmanager
def _build_environment() -> Iterator[None]:
    """Quiet Material's end-of-life notice; date the sitemap from SOURCE_DATE_EPOCH.

    Only from the main thread: the environment is the whole process's, so a thread (the live
    preview's) must not change it under others; the preview sets it once, before its threads.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {key: os.environ.get(key) for key in ("NO_MKDOCS_2_WARNING", SOURCE_DATE_VARIABLE)}
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.environ.setdefault(SOURCE_DATE_VARIABLE, DEFAULT_SOURCE_DATE_EPOCH)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class _ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


@contextmanager
def _captured_mkdocs_log() -> Iterator[list[str]]:
    """MkDocs' warnings go into the error we raise, not onto the editor's terminal."""
    logger = logging.getLogger("mkdocs")
    handler = _ListHandler()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
