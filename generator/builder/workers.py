"""Render PDF jobs in reused worker processes, each job under a time limit.

A hostile or broken layout can make WeasyPrint hang, and a render cannot be cancelled from
inside, so every render runs in a child process the build can kill. Workers are reused for
many jobs: starting Python and importing WeasyPrint costs far more than a warm render.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from typing import Any

from ..content.model import Guide
from ..errors import ContentError, Problem
from ..pdf.jobs import PdfJob
from ..pdf.problems import activity_source, section_source
from .memory import name_process, release_free_memory

# A job and, when the caller already made it, its HTML (so the worker need not make it again).
Work = tuple[PdfJob, str | None]
# Called with each finished job; returns jobs that could not start before it (the booklet,
# which joins its parts, waits for the last of them).
Done = Callable[[PdfJob, bytes], Iterable[Work]]


@dataclass
class _Worker:
    process: Any
    conn: Connection
    job: PdfJob | None = None
    started: float = 0.0
    retired: bool = False  # told to stop: nothing was left for it


def _serve(conn: Connection, guide: Guide, scratch: str) -> None:
    """Child process: render jobs until told to stop; send back bytes or a ContentError."""
    # WeasyPrint writes font files to the temporary folder and, in a forked worker, never
    # removes them: point it at a folder the parent deletes when the workers stop.
    tempfile.tempdir = scratch
    name_process("guidegen-pdf")
    from ..pdf.jobs import render_job

    while True:
        message = conn.recv()
        if message is None:
            return
        job, html = message
        try:
            data = render_job(guide, job, html)
            release_free_memory()  # a worker renders hundreds of jobs: do not keep each one's peak
            conn.send(("ok", data))
        except ContentError as error:
            conn.send(("content", error.problems))
        except BaseException as error:  # a bug: report it in the parent, with its type
            conn.send(("bug", f"{type(error).__name__}: {error}"))


def _context() -> BaseContext:
    # fork is fastest and safe here: the parent holds no threads or WeasyPrint state yet.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class WorkerPool:
    """Worker processes, forked when made: make it before starting any thread in this process
    (a fork copies only the calling thread, and a lock another thread held stays locked)."""

    def __init__(self, guide: Guide, processes: int) -> None:
        self.guide = guide
        self.scratch = tempfile.mkdtemp(prefix="guidegen-workers-")
        context = _context()
        self.workers = [_start(context, guide, self.scratch) for _ in range(processes)]

    def run(self, jobs: Iterable[Work], time_limit: float, done: Done) -> None:
        """Render jobs, biggest first; may run in another thread than the one that made the pool."""
        _run(self.guide, sorted(jobs, key=lambda work: -work[0].cost), self.workers, time_limit, done)

    def stop(self) -> None:
        _stop(self.workers)
        shutil.rmtree(self.scratch, ignore_errors=True)


def _start(context: BaseContext, guide: Guide, scratch: str) -> _Worker:
    parent, child = context.Pipe()
    process = context.Process(target=_serve, args=(child, guide, scratch), daemon=True)  # type: ignore[attr-defined]
    process.start()
    child.close()
    return _Worker(process, parent)


def _limit(job: PdfJob | None, time_limit: float) -> float:
    return time_limit * max(1.0, job.cost / 4) if job else time_limit


def _run(guide: Guide, queue: list[Work], workers: list[_Worker], time_limit: float, done: Done) -> None:
    pending = list(queue)
    while pending or any(w.job for w in workers):
        for worker in workers:
            if worker.job is None and pending and not worker.retired:
                work = pending.pop(0)
                worker.job, worker.started = work[0], time.monotonic()
                worker.conn.send(work)
            elif worker.job is None and not pending and not worker.retired:
                # Nothing left for it (a follow-up job goes to the worker that finishes the last
                # job before it): let it go now rather than hold its memory until the end.
                worker.conn.send(None)
                worker.retired = True
        busy = [w for w in workers if w.job]
        if not busy:
            continue
        deadline = min(w.started + _limit(w.job, time_limit) for w in busy)
        ready = wait([w.conn for w in busy], timeout=max(0.0, deadline - time.monotonic()))
        for worker in busy:
            if worker.conn in ready:
                pending.extend(_collect(worker, done))
            elif time.monotonic() - worker.started > _limit(worker.job, time_limit):
                raise ContentError([_timeout_problem(guide, worker.job, _limit(worker.job, time_limit))])


def _collect(worker: _Worker, done: Done) -> Iterable[Work]:
    job, worker.job = worker.job, None
    assert job is not None
    try:
        status, payload = worker.conn.recv()
    except EOFError:
        raise RuntimeError(f"the worker rendering {job.filename} stopped unexpectedly") from None
    if status == "content":
        raise ContentError(payload)
    if status == "bug":
        raise RuntimeError(f"rendering {job.filename} failed: {payload}")
    return done(job, payload)


def _timeout_problem(guide: Guide, job: PdfJob | None, limit: float) -> Problem:
    assert job is not None
    if job.activity_id:
        where, what = activity_source(guide, job.activity_id), f"activity '{job.activity_id}'"
    elif job.kind == "booklet-part":
        section = job.name.removeprefix("booklet:")
        where, what = section_source(guide, section), f"the booklet's section '{section}'"
    else:
        where, what = "content", "the booklet"
    made = "laying out its part of the booklet" if job.kind == "booklet-part" else f"making {job.filename}"
    return Problem(
        where,
        1,
        1,
        "layout",
        f"{made} for {what} took longer than {limit:.0f} seconds and was stopped; "
        "look for very long words, huge numbers in sizes, or deeply nested lists",
    )


def _stop(workers: list[_Worker]) -> None:
    for worker in workers:
        if worker.job is None and not worker.retired and worker.process.is_alive():
            with contextlib.suppress(BrokenPipeError, OSError):
                worker.conn.send(None)
    for worker in workers:
        worker.process.join(timeout=2 if worker.job is None else 0)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
