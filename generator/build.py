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
from .load import load_guide
from .model import Guide
from .options import ALL_OUTPUTS, BuildOptions, UsageError
from .progress import Progress
from .swap import staging_dir, swap_into_place

__all__ = ["BuildOptions", "BuildReport", "build"]


def build(root: Path, options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build the outputs; raise ContentError (and leave build/ untouched) on any content problem."""
    started = time.perf_counter()
    inputs = inputs_digest(root.resolve(), options.request())  # before reading: a later edit means rebuild
    guide = load_guide(root)
    outputs = outputs_to_build(guide, options)
    out = options.output_folder(guide.root)
    _refuse_foreign_folder(out)
    staging = staging_dir(out)
    progress = progress or Progress(quiet=options.quiet, verbose=options.verbose)
    run = BuildRun(guide, staging, out, Manifest.read(out), Manifest(), BuildReport(out=out), progress, options)
    try:
        with progress:
            _render_all(run, outputs)
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
    pdf_dir = run.staging / "pdf"
    pdfs = PdfRender(run, pdf_dir) if ("pdf" in outputs or "offline" in outputs) else None
    try:
        if pdfs is not None:
            pdfs.start()
        handouts = pdfs.handouts() if pdfs is not None else {}
        pdf_key = digest_bytes(*(pdfs.keys[name] for name in sorted(set(handouts.values())))) if pdfs else ""
        site = _site(run, handouts, pdf_key) if "site" in outputs else None
        offline = _offline_site(run, handouts, pdf_key) if "offline" in outputs else None
        if pdfs is not None:
            pdfs.finish()
    finally:
        if pdfs is not None:
            pdfs.close()
    if site is not None:
        _add_pdf_files(run, handouts, pdf_dir, *site)
    if offline is not None:
        _zip_offline(run, handouts, pdf_dir, *offline)
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
    run.report.built.append("the website")
    return project, True


def _add_pdf_files(run: BuildRun, handouts: dict[str, str], pdf_dir: Path, project: Path, built: bool) -> None:
    """The PDFs (and the scripts made from them) into the project's docs/, and the site if it was built."""
    from .site import write_pdf_files

    folders = [project / "docs"] + ([run.staging / "site"] if built else [])
    write_pdf_files(run.guide, handouts, pdf_dir, *folders)


def _offline_site(run: BuildRun, handouts: dict[str, str], pdf_key: str) -> tuple[Path, bool]:
    """Build the site for file:// unless the bundle is unchanged; returns the project and whether it was built."""
    from .offline import build_offline_site, bundle_name, write_offline_project

    project = run.staging / "offline-mkdocs"
    config_file = write_offline_project(run.guide, project, handouts=handouts, pdf_dir=None, pdfs_later=True)
    name = bundle_name(run.guide)
    key = digest_bytes(engine_versions(), digest_tree(project), pdf_key, os.environ.get("SOURCE_DATE_EPOCH", ""))
    if run.reused(name, key, run.staging / name):
        run.report.reused.append(name)
        return project, False
    run.progress.step("Offline bundle: building the site for file://")
    build_offline_site(run.guide, config_file, run.staging / "offline-site")
    return project, True


def _zip_offline(run: BuildRun, handouts: dict[str, str], pdf_dir: Path, project: Path, built: bool) -> None:
    from .offline import bundle_name, write_zip
    from .site import write_pdf_files

    name = bundle_name(run.guide)
    site_dir = run.staging / "offline-site"
    if built:
        write_pdf_files(run.guide, handouts, pdf_dir, site_dir)
        run.progress.step("Offline bundle: zipping it")
        write_zip(site_dir, run.staging / name, folder=run.guide.config.slug + "-offline")
        run.report.built.append(name)
    size = (run.staging / name).stat().st_size / 1_000_000
    run.progress.step(f"Offline bundle: {name}, {size:.1f} MB")
    shutil.rmtree(project, ignore_errors=True)
    shutil.rmtree(site_dir, ignore_errors=True)
