"""The PDFs of one build: which can be reused, which must be rendered, and rendering them in
worker processes fed by a background thread, while child processes run MkDocs.

The booklet is made of parts (pdf.html.booklet_parts), each with its own cache key, and a
join that waits for the last of them; an unchanged part is reused from the last build.

An activity's jobs (handout, poster, large print, booklet parts) are keyed by what their HTML is
made from (pdf/job_inputs.py), so their HTML is made only when they are rendered; the other
jobs, a few per guide, are keyed by their HTML. The join needs each part's link targets, which
come from its HTML: they are kept beside the part (TARGETS) for the next build.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..common.digest import digest_bytes, digest_tree
from ..common.template_files import template_roots
from ..content.model import build_validators
from .cache import PARTS, code_digest, copy_verified, engine_versions
from .libc import release_free_memory
from .state import BuildRun

if TYPE_CHECKING:
    from ..render.job import Job
    from .processes import Work, WorkerPool

TARGETS = ".targets"  # beside an activity's part: the anchors it links to in other parts (JSON)
HTML_SPOOL = ".pdf-html"  # in the staging folder while the workers run; gone before the swap
EPUB_DOCUMENT = "epub-document:"  # manifest key prefix: the key of each activity's document in the EPUB
FEW_JOBS = 8  # per worker: a build with no more keeps its workers for the joins (an edit has some 5)


class PdfRender:
    """Decide what to render, then render it in the background: start(), then finish()."""

    def __init__(self, run: BuildRun, pdf_dir: Path) -> None:
        from ..pdf.job_inputs import JobInputs
        from ..pdf.job_list import pdf_jobs
        from ..pdf.job_render import job_html

        self.run, self.pdf_dir = run, pdf_dir
        pdf_dir.mkdir(parents=True)
        self.spool, self._spooled = run.staging / HTML_SPOOL, 0
        self.spool.mkdir()
        jobs = pdf_jobs(run.guide)
        if run.guide.sessions:
            (pdf_dir / "sessions").mkdir()  # each session's agenda and pack
        self.filenames = {job.filename for job in jobs}
        # Every template folder a PDF can read, the guide's own overrides included.
        templates = [root / folder for root in template_roots(run.guide.root) for folder in ("pdf", "assets")]
        shared = digest_tree(*templates, run.guide.content_dir / "assets")
        # What every PDF is made from besides its HTML: paper, the fonts' order, the brand's colours.
        look = run.guide.config.model_dump_json(include={"paper", "fonts", "brand"})
        base = (engine_versions(), code_digest("pdf", "render"), shared, look)
        # Keys made without the HTML also hold all of guidegen's code, the models and catalogues included.
        self.inputs, self.code = JobInputs(run.guide), code_digest(".")
        self.keys: dict[str, str] = {}  # file name -> cache key, for the outputs that include the PDFs
        self.to_render: list[Work] = []
        self.waiting: list[Work] = []  # the booklet's join, once its parts are done
        run.progress.step(f"PDFs: {len(jobs)} handouts, posters and the booklet")
        self._epub(base)
        for job in jobs:
            if job.kind == "booklet":
                self._booklet(job, base)
                continue
            html = None if self._of_activity(job) else job_html(run.guide, job)
            key = self._inputs_key(base, job) if html is None else digest_bytes(*base, job.kind, html)
            self.keys[job.filename] = key
            if not self._reused(f"pdf/{job.filename}", key, pdf_dir / job.filename):
                self.to_render.append((job, self._spool(html if html is not None else job_html(run.guide, job))))
        if self.waiting and not self.to_render:  # every part reused: only the join is left
            self.to_render, self.waiting = self.waiting, []
        # The models' validators (deferred: content/model.py), built before the build freezes its
        # objects and forks (processes.shared_with_children), so every worker shares them.
        build_validators()
        release_free_memory()  # the HTML is on disk now: give its memory back before forking
        self._pool: WorkerPool | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    @staticmethod
    def _of_activity(job: Job) -> bool:
        """A handout or poster of one activity (any variant): keyed by its inputs."""
        return job.activity_id is not None and job.session_id is None and job.kind in ("handout", "poster")

    def _inputs_key(self, base: tuple[str, ...], job: Job, *more: str) -> str:
        assert job.activity_id is not None
        what = (job.kind, job.variant, job.filename, job.source_date or "", *more)
        inputs = self.inputs.activity(job.activity_id, *what, shows_next=job.kind == "booklet-part")
        return digest_bytes(*base, self.code, "inputs", inputs)

    def _spool(self, html: str) -> Path:
        """Write a job's HTML to a file for its worker. Held in memory, the HTML of a guide of
        2,000 activities (13,500 jobs with the other variants) came to about 300 MB in this
        process and in every process forked from it."""
        path = self.spool / f"{self._spooled}.html"
        self._spooled += 1
        path.write_text(html, encoding="utf-8")
        return path

    def _reused(self, name: str, key: str, dest: Path) -> bool:
        if not self.run.reused(name, key, dest):
            return False
        if name.startswith("pdf/"):
            self.run.report.reused.append(name.removeprefix("pdf/"))
        return True

    def _booklet(self, job: Job, base: tuple[str, ...]) -> None:
        """The booklet's changed parts, and its join, which waits for them (nothing if all is unchanged).

        The booklet's key is made of its parts' keys and the front's HTML, so an edited
        activity lays out one part again and joins, and an unchanged guide does neither.
        """
        from ..pdf.booklet import PIECES, is_front_file
        from ..pdf.job_list import part_job
        from ..pdf.variants import variant_activity_part, variant_front, variant_head_parts

        run, guide = self.run, self.run.guide
        variant_key = (job.variant,) if job.variant else ()  # another variant's parts are laid out differently
        head = variant_head_parts(guide, job.source_date, job.variant)  # a few: keyed by their HTML
        part_keys = [digest_bytes(*base, "booklet-part", part.html, *variant_key) for part in head]
        activity_jobs = [replace(job, kind="booklet-part", activity_id=a.id) for a in guide.activities]
        part_keys += [self._inputs_key(base, each, *variant_key) for each in activity_jobs]
        # Page numbers come from the parts.
        front = variant_front(guide, job.source_date, defaultdict(str), job.variant).html
        self.keys[job.filename] = digest_bytes(*base, "booklet", front, *part_keys, *variant_key)
        needed = not self._reused(f"pdf/{job.filename}", self.keys[job.filename], self.pdf_dir / job.filename)
        parts_dir = "/".join((PARTS, *variant_key))
        folder = run.staging / parts_dir
        folder.mkdir(parents=True, exist_ok=True)
        changed = []
        names = [part.name for part in head] + [f"activity-{a.id}" for a in guide.activities]
        targets: list[tuple[str, ...]] = []
        for index, (name, key) in enumerate(zip(names, part_keys, strict=True)):
            reused = self._reused(f"{parts_dir}/{name}.pdf", key, folder / f"{name}.pdf")
            if reused:
                # What the last join read of it (join/pieces.py), checked against its bytes there.
                copy_verified(run.previous, run.previous_out, f"{parts_dir}/{name}{PIECES}", folder / f"{name}{PIECES}")
            part = head[index] if index < len(head) else None
            if part is None:  # an activity's part: its link targets kept beside it, or its HTML made now
                known = self._kept_targets(f"{parts_dir}/{name}{TARGETS}", folder) if reused else None
                if known is not None:
                    targets.append(known)
                    continue
                part = variant_activity_part(guide, job.source_date, job.variant, index - len(head))
                _keep_targets(folder / f"{name}{TARGETS}", part.link_targets)
            targets.append(part.link_targets)
            if not reused and needed:
                changed.append((part_job(guide, part, job.source_date, job.variant), self._spool(part.html)))
        if not job.variant:  # the report speaks of guide.pdf's sections
            run.report.sections = (len(changed), len(names))
        if not run.options.force:  # the laid-out cover and contents (slices of), which the join reuses if it can
            for rel in run.previous.under(parts_dir):
                name = rel.removeprefix(f"{parts_dir}/")
                if is_front_file(name):
                    copy_verified(run.previous, run.previous_out, rel, folder / name)
        if needed:
            files = tuple((str(folder / f"{name}.pdf"), found) for name, found in zip(names, targets, strict=True))
            front_cache = (digest_bytes(*base, *variant_key), str(folder))
            self.to_render += changed
            output = self.pdf_dir / job.filename  # the join writes it there itself
            output.parent.mkdir(parents=True, exist_ok=True)  # large print has a folder
            self.waiting.append((replace(job, parts=files, front_cache=front_cache, output=str(output)), None))

    def _kept_targets(self, name: str, folder: Path) -> tuple[str, ...] | None:
        """An unchanged part's link targets, as the last build kept them (checked against its
        manifest), or None: then the part's HTML is made to find them."""
        dest = folder / Path(name).name
        if not copy_verified(self.run.previous, self.run.previous_out, name, dest):
            return None
        try:
            found = json.loads(dest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = None
        if isinstance(found, list) and all(isinstance(anchor, str) for anchor in found):
            return tuple(found)
        dest.unlink(missing_ok=True)
        return None

    def _epub(self, base: tuple[str, ...]) -> None:
        """The EPUB is one more job for the workers, written into pdf/ and moved out by move_epub()."""
        from ..epub.package import epub_base, epub_job, epub_key

        run, guide = self.run, self.run.guide
        if "epub" not in guide.config.variants:  # a translation's is build/<slug>-<lang>.epub
            return
        job = epub_job(guide)
        self.filenames.add(job.filename)
        epub = epub_base(guide, base[0], job.source_date)
        self.keys[job.filename] = epub_key(guide, epub)
        # Recorded whether or not the EPUB is made: the manifest is the same as a full build's.
        same = self._document_keys(job.filename, epub)
        if run.reused(job.filename, self.keys[job.filename], self.pdf_dir / job.filename):
            run.report.reused.append(job.filename)
        else:
            output = str(self.pdf_dir / job.filename)  # the worker writes it there itself
            self.to_render.append((replace(job, kept=self._kept_documents(job.filename, same), output=output), None))

    def _document_keys(self, filename: str, base: str) -> list[str]:
        """Record each activity document's key (epub/kept.py); return those the last build had."""
        from ..epub.kept import document_keys, unchanged

        run = self.run
        keys = document_keys(run.guide, base)
        prefix = f"{EPUB_DOCUMENT}{filename}:"
        run.manifest.keys.update({prefix + name: key for name, key in keys.items()})
        before = {k.removeprefix(prefix): v for k, v in run.previous.keys.items() if k.startswith(prefix)}
        return unchanged(keys, before)

    def _kept_documents(self, filename: str, names: list[str]) -> tuple[str, tuple[str, ...]] | None:
        """The last build's EPUB, linked into the spool once its bytes are checked, and the
        activities' documents in it that are still as they would be made (names)."""
        run = self.run
        # A translation's EPUB is placed elsewhere (builder/translations.py): made whole.
        if not names or run.options.force or run.guide.source_language is not None:
            return None
        last = self.spool / filename
        if not copy_verified(run.previous, run.previous_out, filename, last):
            return None
        return str(last), tuple(names)

    def move_epub(self) -> None:
        """The EPUB from pdf/ (where the sites took their copy) to build/<slug>.epub."""
        for name in self.filenames:
            if name.endswith(".epub") and (self.pdf_dir / name).is_file():
                (self.pdf_dir / name).rename(self.run.staging / name)

    def handouts(self) -> dict[str, str]:
        """Activity id (or "<id>:a3", or "guide") -> PDF file name, for the site's links."""
        guide = self.run.guide
        links = {a.id: f"{a.id}.pdf" for a in guide.activities if f"{a.id}.pdf" in self.filenames}
        links.update({f"{a.id}:a3": f"{a.id}-a3.pdf" for a in guide.activities if f"{a.id}-a3.pdf" in self.filenames})
        if "guide.pdf" in self.filenames:
            links["guide"] = "guide.pdf"
        for session in guide.sessions:
            for key, kind in (("session:{id}:agenda", "agenda"), ("session:{id}:pack", "pack")):
                if f"sessions/{session.id}-{kind}.pdf" in self.filenames:
                    links[key.format(id=session.id)] = f"sessions/{session.id}-{kind}.pdf"
        from ..site.downloads import variant_links

        return links | variant_links(guide, self.filenames)

    def workers(self) -> int:
        """How many worker processes: one per core (or --jobs), never more than there are jobs."""
        return max(1, min(self.run.options.jobs or os.cpu_count() or 1, len(self.to_render)))

    def start(self, beside: int = 0) -> None:
        """Fork the workers here, in the calling thread, then render in a background thread.
        beside: MkDocs children running meanwhile, each taking one worker's place until
        beside_done() (WorkerPool.rest: the same cores busy, a worker's memory less at the peak)."""
        progress = self.run.progress
        progress.start_pdfs(len(self.run.report.reused) + len(self.to_render) + len(self.waiting))
        for name in self.run.report.reused:
            progress.pdf_done(name, reused=True)
        if not self.to_render:
            return
        from .processes import WorkerPool

        # A caller with threads (in_process) gets workers started fresh: a fork copies one thread.
        self._pool = WorkerPool(self.run.guide, self.workers(), fresh=self.run.options.in_process)
        self._pool.rest(beside)
        self._thread = threading.Thread(target=self._render, name="guidegen-pdfs", daemon=True)
        self._thread.start()

    def beside_done(self) -> None:
        """The MkDocs children are done: every worker may take jobs."""
        if self._pool is not None:
            self._pool.wake()

    def _render(self) -> None:
        assert self._pool is not None
        left = len(self.to_render)

        def done(job: Job, data: bytes) -> list[Work]:
            nonlocal left
            folder = self.run.staging / PARTS if job.kind == "booklet-part" else self.pdf_dir
            if job.output is None:
                (folder / job.filename).parent.mkdir(parents=True, exist_ok=True)  # large print has a folder
                (folder / job.filename).write_bytes(data)
            if job.kind != "booklet-part":
                self.run.report.built.append(job.filename)
            self.run.progress.pdf_done(job.filename, reused=False)
            left -= 1
            return self.waiting if left == 0 else []

        # After an edit the booklets' joins are most of the work: every worker waits for them. A
        # full build lets a worker go when it is done (its memory back before the joins).
        few = len(self.to_render) <= FEW_JOBS * len(self._pool.workers)

        def more() -> bool:
            return few and left > 0 and bool(self.waiting)

        try:
            self._pool.run(self.to_render, self.run.options.time_limit, done, more)
        except BaseException as error:  # handed to the main thread by finish()
            self._error = error

    def finish(self) -> None:
        """Wait for every PDF; raise what went wrong (a ContentError names the file and line)."""
        try:
            if self._thread is not None:
                self._thread.join()
            if self._error is not None:
                raise self._error
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers, whether or not they are done (a failed build elsewhere)."""
        if self._pool is not None:
            self._pool.stop()  # a busy worker is killed: the render thread sees its pipe close
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._pool is not None:
            self._pool.release()
            self._pool = None
        shutil.rmtree(self.spool, ignore_errors=True)
        self.run.progress.end_pdfs()


def _keep_targets(path: Path, targets: tuple[str, ...]) -> None:
    """Write a part's link targets beside it (unlinked first: never written through the last build's link)."""
    path.unlink(missing_ok=True)
    path.write_text(json.dumps(list(targets)) + "\n", encoding="utf-8")
