"""Orchestration: load and validate, render each output into a staging folder (reusing
unchanged outputs of the previous build), then swap it into place. Nothing under build/
changes unless every step succeeded.

The PDFs render in worker processes while child processes build the website and the offline
site with MkDocs; the files those sites make from the PDFs are filled in when the PDFs are done.
"""

from __future__ import annotations

import contextlib
import gc
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..common.digest import digest_bytes, digest_tree
from ..content.model import Guide
from ..content.parse_cache import write_cache
from ..content.reserved import EDITOR_FOLDER
from ..content.source_date import source_date_text
from ..errors import UsageError
from .cache import (
    MANIFEST,
    OFFLINE,
    PARTS,
    PROJECT,
    FileRecord,
    Manifest,
    copy_verified,
    engine_versions,
    file_digest,
    inputs_digest,
)
from .libc import release_free_memory
from .load import load_for_build
from .lock import output_lock
from .options import ALL_OUTPUTS, BuildOptions
from .pdfs import PdfRender
from .processes import Child, remove_abandoned, shared_with_children
from .progress import Progress
from .record import BuildRecord
from .site_reuse import pages_to_rebuild
from .state import BuildReport, BuildRun
from .swap import left_alone, staging_dir, swap_into_place
from .translations import Translations

if TYPE_CHECKING:
    from ..offline.zip_members import LastZip
    from ..site.pages import SitePage

__all__ = ["BuildOptions", "BuildReport", "build"]


def build(root: Path, options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build the outputs; raise ContentError (and leave build/ untouched) on any content problem.
    One build at a time writes to an output folder: a second one waits, then gives up."""
    with output_lock(options.output_folder(root.resolve()), say=None if options.quiet else print):
        return _build(root, options, progress)


def _build(root: Path, options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    started = time.perf_counter()
    inputs = inputs_digest(root.resolve(), options.request(root.resolve()))  # before reading: a later edit rebuilds
    out = options.output_folder(root.resolve())
    _refuse_foreign_folder(out)
    remove_abandoned()  # what a killed build's workers left in the temporary folder
    guide, translated, parse_cache = load_for_build(root, options, out)
    outputs = outputs_to_build(guide, options)
    staging = staging_dir(out)
    progress = progress or Progress(quiet=options.quiet, verbose=options.verbose)
    run = BuildRun(guide, staging, out, Manifest.read(out), Manifest(), BuildReport(out=out), progress, options)
    try:
        if parse_cache is not None:
            write_cache(staging, parse_cache)
        # Written before the outputs, and let go: every file's parsed data would otherwise stay in
        # this process, and in every process it forks, while they render (issue 30 point 6).
        del parse_cache
        with progress:
            translations = Translations(run, outputs, translated) if translated else None
            if translations is not None:
                translations.render(_render_all)  # before the source's sites: the zip takes in their file:// sites
            _render_all(run, outputs, translations)
            if translations is not None:
                translations.place()
        engine = options.engine or guide.config.engine
        BuildRecord(options.request(root.resolve()), outputs, engine).write(staging)  # for `guidegen publish`
        run.manifest.inputs = inputs
        run.manifest.record_files(staging, run.previous)  # every file, the build record too: the manifest comes last
        run.manifest.write(staging)
        swap_into_place(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    run.report.seconds = time.perf_counter() - started
    return run.report


ENGINE_NAMES = {"mkdocs": "MkDocs", "zensical": "Zensical"}


def site_engine(run: BuildRun) -> str:
    """The website engine: --engine, else engine: in site_config.yml; refused early if not installed."""
    engine = run.options.engine or run.guide.config.engine
    if engine == "zensical":
        from ..site.zensical import require

        require()
    return engine


def _refuse_foreign_folder(out: Path) -> None:
    """The swap replaces out entirely: never do that to a folder guidegen did not make."""
    if out.exists() and any(not left_alone(p.name) for p in out.iterdir()) and not (out / MANIFEST).exists():
        raise UsageError(
            f"{out} already holds files that guidegen did not make, and a build replaces the whole folder; "
            "choose a new or empty folder with --out"
        )


def outputs_to_build(guide: Guide, options: BuildOptions) -> tuple[str, ...]:
    wanted = options.only or guide.config.outputs
    return tuple(name for name in ALL_OUTPUTS if name in wanted)


def _render_all(run: BuildRun, outputs: tuple[str, ...], translations: Translations | None = None) -> dict[str, str]:
    """The PDFs in worker processes and the MkDocs builds in child processes, all at once.
    Returns the handouts mapping (what the sites link to), for a translation's offline site."""
    pdf_dir = run.staging / "pdf"
    pdfs = PdfRender(run, pdf_dir) if ("pdf" in outputs or "offline" in outputs) else None
    handouts = pdfs.handouts() if pdfs is not None else {}
    pdf_key = digest_bytes(*(pdfs.keys[name] for name in sorted(set(handouts.values())))) if pdfs else ""
    from ..site.project import site_pages

    sites: list[_Site] = []
    # The website and the offline site have the same pages' Markdown: made once for both.
    pages = site_pages(run.guide, handouts) if {"site", "offline"} & set(outputs) else []
    if "site" in outputs:
        sites.append(_Website(run, handouts, pdf_key, pages))
    if "offline" in outputs:
        sites.append(_Offline(run, handouts, pdf_key, pages, translations))
    # Both projects are written: their pages' Markdown goes back to the system before anything
    # is forked, rather than being held by this process and every child (issue 30 point 6).
    del pages
    release_free_memory()
    needed = [site for site in sites if site.needed]
    together = _one_after_the_other(run, needed, pdfs)
    _announce(run, needed, pdfs, together)
    # A caller with threads of its own forks nothing (below), and keeps collecting its garbage.
    shared = contextlib.nullcontext() if run.options.in_process else shared_with_children()
    with shared:
        _side_by_side(run, needed, pdfs, together)
    for site in sites:
        site.finish(pdf_dir)
    if pdfs is not None and "pdf" in outputs and run.guide.source_language is None:
        # build/<slug>.epub, beside pdf/ (the sites have their copies); a translation's stays in
        # its pdf/ for its offline site until Translations.place() moves it.
        pdfs.move_epub()
    if "pdf" not in outputs:
        shutil.rmtree(pdf_dir, ignore_errors=True)
    if pdfs is None:
        _keep_booklet_parts(run)
    return handouts


def _side_by_side(run: BuildRun, needed: list[_Site], pdfs: PdfRender | None, together: bool) -> None:
    """The MkDocs builds in child processes (or here) while the PDF workers render; wait for all."""
    children: list[Child] = []
    try:
        # Forks, all of them before the PDFs' thread starts. A caller with threads of its own
        # (the live preview) asks for MkDocs in this process: a fork would copy only one thread.
        if run.options.in_process:
            _build_sites(needed)
        elif together:
            children.append(Child("guidegen-mkdocs", _build_sites, needed))
        else:
            children += [Child("guidegen-mkdocs", _build_sites, [site]) for site in needed]
        if pdfs is not None:
            # One child building both sites takes one core: a worker waits meanwhile (an edit's
            # children, one per site, are short; every worker renders beside them).
            pdfs.start(beside=len(children) if together else 0)
        for child in children:
            child.result()
        if pdfs is not None:
            pdfs.beside_done()
            pdfs.finish()
    finally:
        if pdfs is not None:
            pdfs.close()
        for child in children:
            child.stop()


def _keep_booklet_parts(run: BuildRun) -> None:
    """A build without PDFs keeps the last build's laid-out booklet sections for the next one."""
    if copy_verified(run.previous, run.previous_out, PARTS, run.staging / PARTS):
        run.manifest.keys.update({k: v for k, v in run.previous.keys.items() if k.startswith(f"{PARTS}/")})


# Rough costs on one core, for deciding how to share two cores: laying out one PDF or booklet
# section, and MkDocs making one page (measured with the benchmark's synthetic guides).
SECONDS_PER_PDF_JOB = 0.1
SECONDS_PER_MKDOCS_PAGE = 0.03


def _one_after_the_other(run: BuildRun, sites: list[_Site], pdfs: PdfRender | None) -> bool:
    """Build both sites in one child, one after the other, when the PDF workers have more to
    do than both builds together: running them side by side would only take cores from the
    workers, and each MkDocs build of a large guide holds some 70 MB. When the PDFs are few
    (an edit), each site gets its own child and the build ends sooner."""
    if len(sites) < 2 or pdfs is None:
        return False
    pdf_seconds = SECONDS_PER_PDF_JOB * (len(pdfs.to_render) + len(pdfs.waiting)) / pdfs.workers()
    pages = 1 + len(run.guide.pages) + len(run.guide.skills) + len(run.guide.activities)
    return pdf_seconds >= SECONDS_PER_MKDOCS_PAGE * pages * len(sites)


def _build_sites(sites: list[_Site]) -> None:
    for site in sites:
        site.build()
        # One child may build both sites: what the first held goes back to the system before
        # the second starts, rather than staying with the child (beside the PDF workers).
        gc.collect()
        release_free_memory()


def _announce(run: BuildRun, sites: list[_Site], pdfs: PdfRender | None, together: bool) -> None:
    work = [" then ".join(site.description for site in sites)] if together else [s.description for s in sites]
    if pdfs is not None and pdfs.to_render:
        work.append(f"{len(pdfs.to_render) + len(pdfs.waiting)} PDF jobs")
    if work:
        run.progress.step(f"Side by side: {', '.join(work)}")


class _Site:
    """A MkDocs build (run in a child process, see _render_all), then the PDFs and the files
    made from them put into the built site."""

    description = ""

    def __init__(self, run: BuildRun, handouts: dict[str, str], project: Path, site_dir: Path, key: str, name: str):
        self.run, self.handouts, self.project, self.site_dir = run, handouts, project, site_dir
        self.config_file = project / "mkdocs.yml"
        self.needed = not run.reused(name, key, run.staging / name)

    def build(self) -> None:
        raise NotImplementedError

    def finish(self, pdf_dir: Path) -> None:
        raise NotImplementedError


class _Website(_Site):
    description = "MkDocs for the website"

    def __init__(self, run: BuildRun, handouts: dict[str, str], pdf_key: str, pages: list[SitePage]) -> None:
        from ..editor.hosted import admin_key
        from ..site.project import pdf_files, write_mkdocs_project

        run.progress.step("Website: writing the MkDocs project")
        project = run.staging / PROJECT
        self.engine = site_engine(run)
        self.description = f"{ENGINE_NAMES[self.engine]} for the website"
        write_mkdocs_project(
            run.guide,
            project,
            handouts=handouts,
            pdfs_later=True,
            engine=self.engine,
            pages=pages,
            same=run.linked_from_last,
        )
        key = digest_bytes(engine_versions(), digest_tree(project), pdf_key, admin_key(run.guide))
        super().__init__(run, handouts, project, run.staging / "site", key, "site")
        later = set(pdf_files(run.guide, handouts))
        self.changed = pages_to_rebuild(run, "site", project, self.site_dir, self.engine, self.needed, later)

    def build(self) -> None:
        from ..editor.hosted import write_admin
        from ..site.csp import add_policies

        pages = _run_engine(self.config_file, self.site_dir, self.engine, self.changed)
        add_policies(self.site_dir, pages)  # the hosted site only: see site/csp.py
        shutil.rmtree(self.site_dir / EDITOR_FOLDER, ignore_errors=True)  # the last build's, linked: made again
        write_admin(self.run.guide, self.site_dir)  # after the policies: /admin/ carries its own

    def finish(self, pdf_dir: Path) -> None:
        """The PDFs (and the scripts made from them) into the project's docs/, and the site if it was built."""
        from ..site.project import write_pdf_files

        folders = [self.project / "docs"] + ([self.site_dir] if self.needed else [])
        write_pdf_files(self.run.guide, self.handouts, pdf_dir, *folders)
        (self.run.report.built if self.needed else self.run.report.reused).append(website_name(self.run.guide))


def _run_engine(config_file: Path, site_dir: Path, engine: str, changed: list[str] | None) -> list[Path] | None:
    """The whole site (None: every page was written), or, into the last build's site linked
    into site_dir, only the changed pages (returned: the pages written)."""
    from ..site.project import lean_plugins, run_engine, run_mkdocs

    if changed is None:
        run_engine(config_file, site_dir, engine, trim=release_free_memory)
        return None
    from ..site.page_reuse import PageReuse

    reuse = PageReuse(changed)
    plugins = {"guidegen-page-reuse": reuse, **lean_plugins(release_free_memory)}
    run_mkdocs(config_file, site_dir, dirty=True, plugins=plugins, written=reuse.written)
    return reuse.written


def website_name(guide: Guide) -> str:
    """'the website', or 'the cy website' for a translation: the build's summary names each site once."""
    return "the website" if guide.source_language is None else f"the {guide.config.language} website"


class _Offline(_Site):
    """The offline bundle: the site built for file://, then zipped with the PDFs."""

    description = "MkDocs for the offline site"

    def __init__(
        self,
        run: BuildRun,
        handouts: dict[str, str],
        pdf_key: str,
        pages: list[SitePage],
        translations: Translations | None = None,
    ) -> None:
        from ..offline.bundle import bundle_name, write_offline_project
        from ..site.project import pdf_files

        self.translations = translations
        project = run.staging / OFFLINE / "mkdocs"  # kept with its site for the next build
        self.engine = site_engine(run)
        self.description = f"{ENGINE_NAMES[self.engine]} for the offline site"
        write_offline_project(
            run.guide,
            project,
            handouts=handouts,
            pdf_dir=None,
            pdfs_later=True,
            engine=self.engine,
            pages=pages,
            same=run.linked_from_last,
        )
        self.name = bundle_name(run.guide)
        source_date = source_date_text()
        key = digest_bytes(
            engine_versions(), digest_tree(project), pdf_key, source_date, *(translations.keys if translations else [])
        )
        super().__init__(run, handouts, project, run.staging / OFFLINE / "site", key, self.name)
        site = f"{OFFLINE}/site"
        later = set(pdf_files(run.guide, handouts))
        self.changed = pages_to_rebuild(run, site, project, self.site_dir, self.engine, self.needed, later)
        if self.needed:
            run.manifest.keys[site] = key
        else:  # the zip is the last build's: so is the site it was made from
            run.reused(site, key, self.site_dir)

    def build(self) -> None:
        from ..offline.bundle import finish_offline_site

        pages = _run_engine(self.config_file, self.site_dir, self.engine, self.changed)
        finish_offline_site(self.run.guide, self.site_dir, pages)

    def finish(self, pdf_dir: Path) -> None:
        from ..offline.bundle import write_zip
        from ..site.project import write_pdf_files

        run = self.run
        if self.needed:
            write_pdf_files(run.guide, self.handouts, pdf_dir, self.site_dir)
            if self.translations is not None:  # every language in the one zip, each in its <lang>/
                self.translations.into_offline_site(self.site_dir)
            run.progress.step("Offline bundle: zipping it")
            folder = run.guide.config.slug + "-offline"
            last, known = self._last_zip(folder), run.previous.known_digest
            write_zip(self.site_dir, run.staging / self.name, folder=folder, last=last, known=known)
            run.report.built.append(self.name)
        else:
            run.report.reused.append(self.name)
        size = (run.staging / self.name).stat().st_size / 1_000_000
        run.progress.step(f"Offline bundle: {self.name}, {size:.1f} MB")

    def _last_zip(self, folder: str) -> LastZip | None:
        """The last build's zip, if this site was rebuilt from its site and the zip is as it was made."""
        from ..offline.bundle import member_name
        from ..offline.zip_members import LastZip

        run, site = self.run, f"{OFFLINE}/site/"
        path, record = run.previous_out / self.name, run.previous.files.get(self.name)
        if self.changed is None or record is None or not _intact(path, record):
            return None
        digests = {
            member_name(folder, rel.removeprefix(site)): digest
            for rel, (_, digest) in run.previous.files.items()
            if rel.startswith(site)
        }
        return LastZip(path, digests)


def _intact(path: Path, record: FileRecord) -> bool:
    try:
        return path.stat().st_size == record[0] and file_digest(path) == record[1]
    except OSError:
        return False
