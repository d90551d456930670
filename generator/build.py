"""Orchestration: load and validate, render each output into a staging folder (reusing
unchanged outputs of the previous build), then swap it into place. Nothing under build/
changes unless every step succeeded.

The PDFs render in worker processes while this process builds the website and the offline
site with MkDocs; the files those sites make from the PDFs are filled in when the PDFs are done.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from .build_pdfs import PdfRender
from .build_state import BuildReport, BuildRun
from .cache import MANIFEST, Manifest, digest_bytes, digest_tree, engine_versions, inputs_digest
from .forked import Forked
from .load import load_guide
from .memory import release_free_memory
from .model import Guide
from .options import ALL_OUTPUTS, BuildOptions, UsageError
from .progress import Progress
from .swap import staging_dir, swap_into_place
from .yamlcache import ParseCache

__all__ = ["BuildOptions", "BuildReport", "build"]


def build(root: Path, options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build the outputs; raise ContentError (and leave build/ untouched) on any content problem."""
    started = time.perf_counter()
    inputs = inputs_digest(root.resolve(), options.request())  # before reading: a later edit means rebuild
    out = options.output_folder(root.resolve())
    _refuse_foreign_folder(out)
    parse_cache = ParseCache.read(out)
    guide = load_guide(root, parse_cache=parse_cache)
    outputs = outputs_to_build(guide, options)
    staging = staging_dir(out)
    progress = progress or Progress(quiet=options.quiet, verbose=options.verbose)
    run = BuildRun(guide, staging, out, Manifest.read(out), Manifest(), BuildReport(out=out), progress, options)
    try:
        with progress:
            _render_all(run, outputs)
        parse_cache.write(staging)
        run.manifest.inputs = inputs
        run.manifest.record_files(staging)
        run.manifest.write(staging)
        swap_into_place(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    run.report.seconds = time.perf_counter() - started
    return run.report


def _refuse_foreign_folder(out: Path) -> None:
    """The swap replaces out entirely: never do that to a folder guidegen did not make."""
    if out.exists() and any(out.iterdir()) and not (out / MANIFEST).exists():
        raise UsageError(
            f"{out} already holds files that guidegen did not make, and a build replaces the whole folder; "
            "choose a new or empty folder with --out"
        )


def outputs_to_build(guide: Guide, options: BuildOptions) -> tuple[str, ...]:
    wanted = options.only or guide.config.outputs
    return tuple(name for name in ALL_OUTPUTS if name in wanted)


def _render_all(run: BuildRun, outputs: tuple[str, ...]) -> None:
    """PDFs in worker processes and the offline site in another, while this one builds the website."""
    pdf_dir = run.staging / "pdf"
    pdfs = PdfRender(run, pdf_dir) if ("pdf" in outputs or "offline" in outputs) else None
    handouts = pdfs.handouts() if pdfs is not None else {}
    pdf_key = digest_bytes(*(pdfs.keys[name] for name in sorted(set(handouts.values())))) if pdfs else ""
    offline = _Offline(run, handouts, pdf_key) if "offline" in outputs else None
    try:
        if offline is not None:
            offline.start()  # forks: before the PDFs' thread starts
        if pdfs is not None:
            pdfs.start()
        site = _site(run, handouts, pdf_key) if "site" in outputs else None
        if offline is not None:
            offline.wait()
        if pdfs is not None:
            pdfs.finish()
    finally:
        if pdfs is not None:
            pdfs.close()
        if offline is not None:
            offline.stop()
    if site is not None:
        _add_pdf_files(run, handouts, pdf_dir, *site)
    if offline is not None:
        offline.finish(pdf_dir)
    if "pdf" not in outputs:
        shutil.rmtree(pdf_dir, ignore_errors=True)


def _site(run: BuildRun, handouts: dict[str, str], pdf_key: str) -> tuple[Path, bool]:
    """Build the website unless it is unchanged; returns its MkDocs project and whether it was built."""
    from .site import write_mkdocs_project

    run.progress.step("Website: writing the MkDocs project")
    project = run.staging / "mkdocs"
    config_file = write_mkdocs_project(run.guide, project, handouts=handouts, pdfs_later=True)
    key = digest_bytes(engine_versions(), digest_tree(project), pdf_key)
    if run.reused("site", key, run.staging / "site"):
        run.report.reused.append("the website")
        return project, False
    from .site import run_mkdocs

    run.progress.step("Website: running mkdocs build")
    run_mkdocs(config_file, run.staging / "site")
    release_free_memory()
    run.report.built.append("the website")
    return project, True


def _add_pdf_files(run: BuildRun, handouts: dict[str, str], pdf_dir: Path, project: Path, built: bool) -> None:
    """The PDFs (and the scripts made from them) into the project's docs/, and the site if it was built."""
    from .site import write_pdf_files

    folders = [project / "docs"] + ([run.staging / "site"] if built else [])
    write_pdf_files(run.guide, handouts, pdf_dir, *folders)


class _Offline:
    """The offline bundle: its site is built by MkDocs in a child process, then zipped with the PDFs."""

    def __init__(self, run: BuildRun, handouts: dict[str, str], pdf_key: str) -> None:
        from .offline import bundle_name, write_offline_project

        self.run, self.handouts = run, handouts
        self.project = run.staging / "offline-mkdocs"
        self.site_dir = run.staging / "offline-site"
        self.config_file = write_offline_project(
            run.guide, self.project, handouts=handouts, pdf_dir=None, pdfs_later=True
        )
        self.name = bundle_name(run.guide)
        source_date = os.environ.get("SOURCE_DATE_EPOCH", "")
        key = digest_bytes(engine_versions(), digest_tree(self.project), pdf_key, source_date)
        self.needed = not run.reused(self.name, key, run.staging / self.name)
        self.process: Forked | None = None

    def start(self) -> None:
        if self.needed:
            from .offline import build_offline_site

            self.run.progress.step("Offline bundle: building the site for file:// (alongside)")
            guide, config, site = self.run.guide, self.config_file, self.site_dir
            self.process = Forked("guidegen-mkdocs", build_offline_site, guide, config, site)

    def wait(self) -> None:
        if self.process is not None:
            self.process.result()
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()

    def finish(self, pdf_dir: Path) -> None:
        from .offline import write_zip
        from .site import write_pdf_files

        run = self.run
        if self.needed:
            write_pdf_files(run.guide, self.handouts, pdf_dir, self.site_dir)
            run.progress.step("Offline bundle: zipping it")
            write_zip(self.site_dir, run.staging / self.name, folder=run.guide.config.slug + "-offline")
            run.report.built.append(self.name)
        else:
            run.report.reused.append(self.name)
        size = (run.staging / self.name).stat().st_size / 1_000_000
        run.progress.step(f"Offline bundle: {self.name}, {size:.1f} MB")
        shutil.rmtree(self.project, ignore_errors=True)
        shutil.rmtree(self.site_dir, ignore_errors=True)
