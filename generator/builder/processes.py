"""Every child process of a build: a function in a child (the MkDocs builds) and the PDF workers.

One protocol for both: a child sends back ("ok", result) or ("error", exception), and the
parent raises that exception as if it had happened here. Our errors pickle (errors.py); any
other exception is a bug, sent as a RuntimeError carrying the child's traceback.

Children are forked (fast: nothing is imported again), so they must be started before this
process starts any thread (a fork copies only the calling thread, and a lock another thread
held stays locked). A caller that has threads says so (`BuildOptions.in_process`): MkDocs then
runs in the calling process and the workers are started fresh ("spawn").

A child never outlives the build, however the build ends:
- the kernel kills it when its parent dies (libc.die_with_parent: PR_SET_PDEATHSIG);
- it also watches a pipe only the parent holds open (a lifeline): when the pipe closes, the
  parent is gone, and the child removes its scratch folder and exits;
- Ctrl+C reaches the whole process group: children ignore SIGINT and let the parent stop them;
- scratch folders are named with the parent's process id, so the next build removes those
  a killed build left behind (remove_abandoned).

A forked child shares its parent's memory until either writes to a page. Python's garbage
collector writes to every object it scans, so a child's first full collection used to copy
the parent's whole heap (the guide, the jobs: 29 MiB at 100 activities, more with every
activity) into each child and each worker's copy. `shared_with_children` moves the parent's
objects out of the collector's reach while its children live (gc.freeze), and each worker does
the same before it forks its copies.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import shutil
import signal
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from .. import errors
from ..errors import ContentError, Problem
from .libc import die_with_parent, name_process, release_free_memory

if TYPE_CHECKING:
    from ..content.model import Guide
    from ..render.job import Job

SCRATCH_PREFIX = "guidegen-workers-"
ERRORS_MODULE = errors.__name__
STOP_SECONDS = 2.0  # how long an idle child may take to stop before it is killed
# Jobs one copy of a PDF worker renders before a fresh copy takes over (_serve). Each job adds
# about 30 KB, so a copy grows by 15 MB at most; a fresh copy costs about 1 s of CPU (its
# stylesheets and fonts parsed again, its pages copied again), 0.5 % of 500 jobs' rendering.
JOBS_PER_COPY = 500
RECYCLED = 3  # exit status of a worker's copy that did its share of jobs and makes way

# A job and, when the caller already made it, the file holding its HTML (so the worker need not
# make it again; a file, not the text, keeps the parent's memory small: builder/pdfs.py).
Work = tuple["Job", "Path | None"]
# Called with each finished job; returns jobs that could not start before it (the booklet,
# which joins its parts, waits for the last of them).
Done = Callable[["Job", bytes], Iterable[Work]]

_lifeline: tuple[int, int, int] | None = None  # (owner's pid, read end, write end)


@contextlib.contextmanager
def shared_with_children() -> Iterator[None]:
    """Children forked inside this block share this process's objects rather than copy them.

    Collected first, so that only live objects are frozen; unfrozen afterwards, so that a
    long-lived caller's garbage cycles are collected again once its children are gone.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _lifeline_fds() -> tuple[int, int]:
    """The pipe children watch; made once per process (a forked child makes its own)."""
    global _lifeline
    if _lifeline is None or _lifeline[0] != os.getpid():
        read, write = os.pipe()
        _lifeline = (os.getpid(), read, write)
    return _lifeline[1], _lifeline[2]


@dataclass(frozen=True)
class _Birth:
    """What a new child needs to know about its parent."""

    name: str
    parent: int
    lifeline: tuple[int, int] | None  # None when started fresh (spawn): its pipe to us is its lifeline
    scratch: str | None = None


def _become_child(birth: _Birth) -> None:
    """First thing in every child: its name, its signals, and dying with its parent."""
    name_process(birth.name)
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl+C stops
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    if os.getppid() != birth.parent:  # the parent died before we could ask to die with it
        _orphaned(birth.scratch)
    if birth.lifeline is not None:
        read, write = birth.lifeline
        os.close(write)  # only the parent may hold it open
        threading.Thread(target=_watch_lifeline, args=(read, birth.scratch), daemon=True).start()


def _watch_lifeline(read: int, scratch: str | None) -> None:
    with contextlib.suppress(OSError):
        while os.read(read, 1):
            pass
    _orphaned(scratch)


def _orphaned(scratch: str | None) -> None:
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)
    os._exit(1)


def _portable(error: BaseException, where: str) -> BaseException:
    """The error itself if the parent can receive it; else a RuntimeError with the child's traceback."""
    if type(error).__module__ == ERRORS_MODULE:  # ours, handled by the caller (a ContentError: exit 1)
        try:
            pickle.loads(pickle.dumps(error))
            return error
        except Exception:
            pass
    details = "".join(traceback.format_exception(error)).rstrip()
    return RuntimeError(f"{where} failed:\n{details}")


def _fork_context() -> BaseContext:
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


class Child:
    """function(*args) in a forked child; result() waits for it and returns or raises what it did."""

    def __init__(self, name: str, function: Callable[..., Any], *args: Any) -> None:
        context = _fork_context()
        self.name = name
        self.conn, child = context.Pipe(duplex=False)
        birth = _Birth(name, os.getpid(), _lifeline_fds() if context.get_start_method() == "fork" else None)
        self.process = context.Process(target=_child_main, args=(child, birth, function, args), daemon=True)  # type: ignore[attr-defined]
        self.process.start()
        child.close()
        self.answered = False

    def result(self) -> Any:
        try:
            status, payload = self.conn.recv()
            self.answered = True
        except EOFError:
            self.process.join(timeout=STOP_SECONDS)
            raise RuntimeError(f"the {self.name} process stopped unexpectedly ({self.process.exitcode})") from None
        finally:
            self.stop()
        if status == "error":
            raise payload
        return payload

    def stop(self) -> None:
        """Wait for a child that answered to exit; end one that has not at once (the build stopped)."""
        _end(self.process, STOP_SECONDS if self.answered else 0)
        self.conn.close()


def _child_main(conn: Connection, birth: _Birth, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    _become_child(birth)
    try:
        conn.send(("ok", function(*args)))
    except BaseException as error:
        conn.send(("error", _portable(error, f"{birth.name} ({getattr(function, '__name__', function)})")))


def _end(process: Any, seconds: float) -> None:
    process.join(timeout=seconds)
    if process.is_alive():
        process.kill()
        process.join()


def remove_abandoned(temp: Path | None = None) -> None:
    """Scratch folders of workers whose build was killed (their build's process is gone)."""
    for folder in Path(temp or tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*"):
        pid = folder.name.removeprefix(SCRATCH_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class _Worker:
    process: Any
    conn: Connection
    job: Job | None = None
    started: float = 0.0
    retired: bool = False  # told to stop: nothing was left for it


def _serve(conn: Connection, birth: _Birth, guide: Guide, jobs_per_copy: int) -> None:
    """Worker: render jobs until told to stop (or its parent is gone); send back bytes or an error.

    A worker's memory grows a little with every job (about 30 KB: caches and fragments inside
    WeasyPrint and its C libraries), so the jobs are rendered by a copy of this process, forked
    with WeasyPrint loaded and nothing rendered yet; after jobs_per_copy jobs the copy exits and
    a fresh one takes the next job from the same pipe (0: no copies, this process renders).
    """
    _become_child(birth)
    # WeasyPrint writes font files to the temporary folder and, in a forked worker, never
    # removes them: point it at a folder the parent deletes when the workers stop.
    tempfile.tempdir = birth.scratch
    from ..pdf.engine import load_weasyprint
    from .work import make  # here, so that every copy has it (a spawned worker too)

    load_weasyprint()  # a forked worker has it already, from the parent
    if jobs_per_copy and hasattr(os, "fork"):
        _in_fresh_copies(lambda: _render_jobs(conn, birth, partial(make, guide), jobs_per_copy))
    _render_jobs(conn, birth, partial(make, guide), 0)


def _in_fresh_copies(render: Callable[[], bool]) -> NoReturn:
    """Run render() in one forked copy of this process after another, while each says it
    stopped only to make way for a fresh one; then end as the last copy ended.

    The parent sees one worker: the copy reads the jobs from this process's pipe and answers on
    it, and the next job waits in the pipe while a copy hands over. A copy that dies (killed, a
    crash) ends this process too, so the parent finds the pipe closed, as with any worker.
    """
    me = os.getpid()
    gc.collect()
    gc.freeze()  # each copy shares what this process holds (module docstring); it never unfreezes
    while True:
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                if die_with_parent() and os.getppid() != me:  # this process died before we asked
                    os._exit(1)
                code = RECYCLED if render() else 0
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == RECYCLED:
            continue
        if os.WIFSIGNALED(status):
            with contextlib.suppress(OSError, ValueError):  # SIGKILL's cannot be set, nor needs to be
                signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
            os.kill(me, os.WTERMSIG(status))
        os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 1)


def _render_jobs(conn: Connection, birth: _Birth, render: Callable[[Job, str | None], bytes], most: int) -> bool:
    """Render jobs from conn until told to stop (False) or, when most > 0, until most jobs are
    done (True: a fresh copy should go on). Font files go to a folder of this copy's own,
    removed when it hands over."""
    own = tempfile.mkdtemp(dir=birth.scratch) if most else None
    tempfile.tempdir = own or birth.scratch
    done = 0
    try:
        while not most or done < most:
            try:
                message = conn.recv()
            except EOFError:  # the parent is gone
                _orphaned(birth.scratch)
            if message is None:
                return False
            job, html_file = message
            try:
                html = html_file.read_text(encoding="utf-8") if html_file is not None else None
                data = render(job, html)
                release_free_memory()  # a worker renders hundreds of jobs: do not keep each one's peak
                conn.send(("ok", data))
            except BaseException as error:
                conn.send(("error", _portable(error, f"rendering {job.filename}")))
            done += 1
        return True
    finally:
        if own is not None:
            shutil.rmtree(own, ignore_errors=True)


def _never() -> bool:
    return False


class WorkerPool:
    """PDF worker processes, started when made: make it before starting any thread in this
    process, unless fresh=True (then they are spawned, slower to start but safe with threads).

    Workers are reused for many jobs: starting Python and importing WeasyPrint costs far more
    than a warm render; each worker renders in fresh forked copies of itself, jobs_per_copy jobs
    each, so its memory does not grow with the guide (_serve). Every job runs under a time
    limit: a hostile layout can make WeasyPrint hang, and a render cannot be cancelled from
    inside, so the worker is killed instead.
    """

    def __init__(
        self, guide: Guide, processes: int, *, fresh: bool = False, jobs_per_copy: int = JOBS_PER_COPY
    ) -> None:
        self.guide = guide
        context = multiprocessing.get_context("spawn") if fresh else _fork_context()
        lifeline = _lifeline_fds() if context.get_start_method() == "fork" else None
        if lifeline is not None:
            from ..content.model import build_validators
            from ..pdf.engine import load_weasyprint

            load_weasyprint()  # once here, not once in each forked worker
            build_validators()  # the same (deferred: content/model.py)
        self.scratch = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")
        birth = _Birth("guidegen-pdf", os.getpid(), lifeline, self.scratch)
        self.workers = [_start(context, guide, birth, jobs_per_copy) for _ in range(processes)]
        self.resting = 0  # workers given no job for now (wake() ends that): see rest()

    def rest(self, count: int) -> None:
        """Keep count workers (never all) waiting, started but given no job, until wake().

        While a MkDocs child of the build takes one core, a worker that waits holds some 20 MiB
        where one rendering holds 60 to 100 MiB: the cores are as busy, and the build's peak
        memory lower by a worker's.
        """
        self.resting = min(count, len(self.workers) - 1)

    def wake(self) -> None:
        """Every worker may take jobs again (the MkDocs child is done)."""
        self.resting = 0

    def run(self, jobs: Iterable[Work], time_limit: float, done: Done, more: Callable[[], bool] = _never) -> None:
        """Render jobs, biggest first; may run in another thread than the one that made the pool.
        more(): whether done() may still hand back jobs (the booklets' joins): until then an idle
        worker waits for them rather than stop."""
        queue = sorted(jobs, key=lambda work: -work[0].cost)
        _run(self.guide, queue, self.workers, time_limit, done, lambda: len(self.workers) - self.resting, more)

    def stop(self) -> None:
        """End the workers: idle ones are told to stop, busy ones killed. Their pipes stay open
        until release(), as the thread running run() may still be waiting on them."""
        _stop(self.workers)

    def release(self) -> None:
        for worker in self.workers:
            worker.conn.close()
        shutil.rmtree(self.scratch, ignore_errors=True)


def _start(context: BaseContext, guide: Guide, birth: _Birth, jobs_per_copy: int) -> _Worker:
    parent, child = context.Pipe()
    process = context.Process(target=_serve, args=(child, birth, guide, jobs_per_copy), daemon=True)  # type: ignore[attr-defined]
    process.start()
    child.close()
    return _Worker(process, parent)


def _limit(job: Job | None, time_limit: float) -> float:
    return time_limit * max(1.0, job.cost / 4) if job else time_limit


# How long the job loop waits at most while a worker rests: it may be woken meanwhile.
RESTING_CHECK_SECONDS = 0.5


def _run(
    guide: Guide,
    queue: list[Work],
    workers: list[_Worker],
    time_limit: float,
    done: Done,
    working: Callable[[], int],
    more: Callable[[], bool] = _never,
) -> None:
    """working(): how many workers may have a job at once (PdfRender lets one rest beside MkDocs);
    more(): whether jobs may still come from done()."""
    pending = list(queue)
    while pending or any(w.job for w in workers):
        _hand_out(workers, pending, working(), more())
        busy = [w for w in workers if w.job]
        if not busy:
            continue
        deadline = min(w.started + _limit(w.job, time_limit) for w in busy)
        if pending and len(busy) < len(workers):
            deadline = min(deadline, time.monotonic() + RESTING_CHECK_SECONDS)
        ready = wait([w.conn for w in busy], timeout=max(0.0, deadline - time.monotonic()))
        for worker in busy:
            if worker.conn in ready:
                pending.extend(_collect(worker, done))
            elif time.monotonic() - worker.started > _limit(worker.job, time_limit):
                raise ContentError([_timeout_problem(guide, worker.job, _limit(worker.job, time_limit))])


def _hand_out(workers: list[_Worker], pending: list[Work], working: int, more: bool = False) -> None:
    busy = sum(1 for worker in workers if worker.job is not None)
    for worker in workers:
        if worker.job is None and pending and not worker.retired:
            if busy >= working:
                continue  # resting: started, but not given a job yet
            work = pending.pop(0)
            worker.job, worker.started = work[0], time.monotonic()
            worker.conn.send(work)
            busy += 1
        elif worker.job is None and not pending and not worker.retired and not more:
            # Nothing left for it, nor to come: let it go now rather than hold its memory until
            # the end. (Jobs that may still come, the booklets' three joins after an edit, are
            # shared by the workers waiting for them, not all left to the one that frees them.)
            worker.conn.send(None)
            worker.retired = True


def _collect(worker: _Worker, done: Done) -> Iterable[Work]:
    job, worker.job = worker.job, None
    if job is None:
        raise RuntimeError("a worker answered without a job")
    try:
        status, payload = worker.conn.recv()
    except EOFError:
        code = worker.process.exitcode
        raise RuntimeError(f"the worker rendering {job.filename} stopped unexpectedly ({code})") from None
    if status == "error":
        raise payload
    return done(job, payload)


def _timeout_problem(guide: Guide, job: Job | None, limit: float) -> Problem:
    if job is None:
        raise RuntimeError("a time limit ran out without a job")
    where = job.source
    if job.activity_id:
        what = f"activity '{job.activity_id}'"
    elif job.kind == "booklet-part":
        what = f"the booklet's section '{job.name.removeprefix('booklet:')}'"
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
        _end(worker.process, STOP_SECONDS if worker.job is None else 0)
