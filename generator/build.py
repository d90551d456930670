"""Orchestration: load and validate, render each output into a staging folder (reusing
unchanged outputs of the previous build), then swap it into place. Nothing under build/
changes unless every step succeeded.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import MANIFEST, Manifest, digest_bytes, digest_tree, engine_versions, inputs_digest, reuse
from .load import load_guide
from .model import Guide
from .options import ALL_OUTPUTS, BuildOptions, UsageError
from .progress import Progress
from .swap import staging_dir, swap_into_place
from .templates import TEMPLATES_DIR

if TYPE_CHECKING:
    from .pdf import PdfJob


@dataclass
class BuildReport:
    out: Path
    built: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        made = _describe(self.built) or "nothing new"
        kept = f"; reused {_describe(self.reused)}" if self.reused else ""
        return f"Built {made}{kept}. Output in {self.out} ({self.seconds:.1f} s)."


def _describe(items: list[str]) -> str:
    """['a.pdf', 'b.pdf', 'the website'] -> '2 PDFs, the website'."""
    pdfs = [item for item in items if item.endswith(".pdf")]
    others = [item for item in items if not item.endswith(".pdf")]
    parts = [f"{len(pdfs)} PDF{'s' if len(pdfs) != 1 else ''}"] if pdfs else []
    return ", ".join(parts + others)


@dataclass
class _Run:
    """State of one build: where to write, what the last build had, what happened."""

    guide: Guide
    staging: Path
    previous_out: Path
    previous: Manifest
    manifest: Manifest
    report: BuildReport
    progress: Progress
    options: BuildOptions


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
    run = _Run(guide, staging, out, Manifest.read(out), Manifest(), BuildReport(out=out), progress, options)
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


def _render_all(run: _Run, outputs: tuple[str, ...]) -> None:
    pdf_dir = run.staging / "pdf"
    handouts = _pdfs(run, pdf_dir) if ("pdf" in outputs or "offline" in outputs) else None
    if "site" in outputs:
        _site(run, handouts, pdf_dir)
    if "offline" in outputs:
        _offline(run, handouts or {}, pdf_dir)
    if "pdf" not in outputs:
        shutil.rmtree(pdf_dir, ignore_errors=True)


def _pdfs(run: _Run, pdf_dir: Path) -> dict[str, str]:
    """Every PDF, reused when its inputs are unchanged; returns id -> file name for the site."""
    from .pdf import job_html, pdf_jobs

    pdf_dir.mkdir(parents=True)
    jobs = pdf_jobs(run.guide)
    shared = digest_tree(TEMPLATES_DIR / "pdf", TEMPLATES_DIR / "assets", run.guide.content_dir / "assets")
    versions = engine_versions()
    to_render: list[tuple[PdfJob, str]] = []
    run.progress.step(f"PDFs: {len(jobs)} handouts, posters and the booklet")
    run.progress.start_pdfs(len(jobs))
    for job in jobs:
        html = job_html(run.guide, job)
        key = digest_bytes(versions, shared, run.guide.config.paper, job.kind, html)
        run.manifest.keys[f"pdf/{job.filename}"] = key
        if reuse(run.previous, run.previous_out, f"pdf/{job.filename}", key, pdf_dir / job.filename):
            run.report.reused.append(job.filename)
            run.progress.pdf_done(job.filename, reused=True)
        else:
            to_render.append((job, html))
    if to_render:
        _render_pdfs(run, to_render, pdf_dir)
    run.progress.end_pdfs()
    return _handout_links(run.guide, {job.filename for job in jobs})


def _render_pdfs(run: _Run, jobs: list[tuple[PdfJob, str]], pdf_dir: Path) -> None:
    from .workers import render_in_workers

    def done(job: PdfJob, data: bytes) -> None:
        (pdf_dir / job.filename).write_bytes(data)
        run.report.built.append(job.filename)
        run.progress.pdf_done(job.filename, reused=False)

    processes = run.options.jobs or os.cpu_count() or 1
    render_in_workers(run.guide, jobs, processes=processes, time_limit=run.options.time_limit, done=done)


def _handout_links(guide: Guide, filenames: set[str]) -> dict[str, str]:
    links = {a.id: f"{a.id}.pdf" for a in guide.activities if f"{a.id}.pdf" in filenames}
    links.update({f"{a.id}:a3": f"{a.id}-a3.pdf" for a in guide.activities if f"{a.id}-a3.pdf" in filenames})
    if "guide.pdf" in filenames:
        links["guide"] = "guide.pdf"
    return links


def _site(run: _Run, handouts: dict[str, str] | None, pdf_dir: Path) -> None:
    from .site import write_mkdocs_project

    run.progress.step("Website: writing the MkDocs project")
    project = run.staging / "mkdocs"
    config_file = write_mkdocs_project(run.guide, project, handouts=handouts, pdf_dir=pdf_dir if handouts else None)
    key = digest_bytes(engine_versions(), digest_tree(project))
    run.manifest.keys["site"] = key
    if reuse(run.previous, run.previous_out, "site", key, run.staging / "site"):
        run.report.reused.append("the website")
        return
    from .site import run_mkdocs

    run.progress.step("Website: running mkdocs build")
    run_mkdocs(config_file, run.staging / "site")
    run.report.built.append("the website")


def _offline(run: _Run, handouts: dict[str, str], pdf_dir: Path) -> None:
    from .offline import bundle_name, make_bundle, write_offline_project

    project = run.staging / "offline-mkdocs"
    config_file = write_offline_project(run.guide, project, handouts=handouts, pdf_dir=pdf_dir)
    name = bundle_name(run.guide)
    key = digest_bytes(engine_versions(), digest_tree(project), os.environ.get("SOURCE_DATE_EPOCH", ""))
    run.manifest.keys[name] = key
    if not reuse(run.previous, run.previous_out, name, key, run.staging / name):
        run.progress.step("Offline bundle: building the site for file:// and zipping it")
        make_bundle(run.guide, config_file, run.staging / "offline-site", run.staging / name)
        run.report.built.append(name)
    else:
        run.report.reused.append(name)
    size = (run.staging / name).stat().st_size / 1_000_000
    run.progress.step(f"Offline bundle: {name}, {size:.1f} MB")
    shutil.rmtree(project, ignore_errors=True)
    shutil.rmtree(run.staging / "offline-site", ignore_errors=True)
