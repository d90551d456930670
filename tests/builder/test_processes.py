"""One process model (builder/processes.py): errors cross from a child to its parent unchanged,
a bug arrives with the child's traceback, children never outlive their parent, and PDF workers
render in fresh copies of themselves (issue 30), and children share their parent's objects
rather than copy them."""

from __future__ import annotations

import gc
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.builder.processes import (
    SCRATCH_PREFIX,
    Child,
    Work,
    WorkerPool,
    remove_abandoned,
    shared_with_children,
)
from generator.content.model import Guide
from generator.errors import ContentError, Problem, ScaffoldError, SiteBuildError, UsageError
from generator.pdf.job_list import pdf_jobs
from generator.render.job import Job

PROBLEM = Problem("content/activities/a.yml", 3, 5, "title", "is empty; write a title", "title: ''")


@pytest.mark.parametrize(
    "error",
    [
        ContentError([PROBLEM, Problem("content/skills.yml", 1, 1, "skills", "is missing")]),
        UsageError("--jobs takes a whole number of at least 1"),
        ScaffoldError("the title is empty"),
        SiteBuildError("MkDocs could not build mkdocs.yml:\n  WARNING: a broken link"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_every_error_type_survives_pickling(error: Exception) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    if isinstance(error, ContentError):
        assert isinstance(copy, ContentError) and copy.problems == error.problems
        assert copy.report() == error.report()


def _content_problem() -> None:
    raise ContentError([PROBLEM])


def _bug() -> None:
    raise KeyError("missing")  # as a bug would


def _answer(a: int, b: int) -> int:
    return a * b


def test_a_child_returns_its_result() -> None:
    assert Child("guidegen-test", _answer, 6, 7).result() == 42


def test_a_content_error_in_a_child_is_raised_in_the_parent_as_it_was() -> None:
    with pytest.raises(ContentError) as raised:
        Child("guidegen-test", _content_problem).result()
    assert raised.value.problems == [PROBLEM]


def test_a_bug_in_a_child_arrives_with_the_childs_traceback() -> None:
    with pytest.raises(RuntimeError, match=r"(?s)guidegen-test.*Traceback.*_bug.*KeyError: 'missing'"):
        Child("guidegen-test", _bug).result()


PARENT = textwrap.dedent(
    """
    import os, sys, time
    from generator.builder.processes import Child

    def sleep():
        time.sleep(60)

    children = [Child("guidegen-pdf", sleep) for _ in range(2)]
    print(" ".join(str(c.process.pid) for c in children), flush=True)
    time.sleep(60)
    """
)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc (Linux) to find the children")
def test_children_die_with_a_parent_killed_by_sigkill() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    pids = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(pids) == 2 and all(_alive(pid) for pid in pids)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in pids)


def test_the_next_build_removes_scratch_folders_of_a_killed_build(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    gone = tmp_path / f"{SCRATCH_PREFIX}{dead.stdout.strip()}-abc"
    mine = tmp_path / f"{SCRATCH_PREFIX}{os.getpid()}-def"
    for folder in (gone, mine):
        (folder / "weasyprint-font").mkdir(parents=True)
    remove_abandoned(tmp_path)
    assert not gone.exists()
    assert mine.exists()  # a build still running keeps its own


COPIES = textwrap.dedent(
    """
    import os, sys
    from generator.builder import processes

    def render():  # each copy writes its pid; the first two make way for a fresh copy
        with open(sys.argv[1], "a") as record:
            record.write(f"{os.getpid()}\\n")
        with open(sys.argv[1]) as record:
            return len(record.read().split()) < 3

    processes._in_fresh_copies(render)
    """
)


def test_a_worker_hands_over_to_fresh_copies_of_itself_until_one_stops(tmp_path: Path) -> None:
    record = tmp_path / "pids"
    ended = subprocess.run([sys.executable, "-c", COPIES, str(record)], capture_output=True, text=True, timeout=60)
    assert ended.returncode == 0, ended.stderr
    pids = record.read_text().split()
    assert len(pids) == 3 and len(set(pids)) == 3  # three lives, each its own process


def test_a_worker_whose_copy_is_killed_ends_the_same_way(tmp_path: Path) -> None:
    script = "import os, signal\nfrom generator.builder import processes\n"
    script += "processes._in_fresh_copies(lambda: os.kill(os.getpid(), signal.SIGKILL))\n"
    ended = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert ended.returncode == -signal.SIGKILL, ended.stderr


def _three_handouts(guide: Guide) -> list[Job]:
    return [job for job in pdf_jobs(guide, "2025-01-01T00:00:00Z") if job.kind == "handout"][:3]


def _run_then_stop(pool: WorkerPool, jobs: list[Job], done: Callable[[Job, bytes], list[Work]]) -> None:
    """Every job through the pool, then its workers stopped and released, whatever happened."""
    try:
        pool.run([(job, None) for job in jobs], 120.0, done)
    finally:
        pool.stop()
        pool.release()


def _render_all(guide: Guide, jobs: list[Job], jobs_per_copy: int) -> dict[str, bytes]:
    pool = WorkerPool(guide, 1, jobs_per_copy=jobs_per_copy)
    made: dict[str, bytes] = {}

    def done(job: Job, data: bytes) -> list[Work]:
        made[job.filename] = data
        return []

    _run_then_stop(pool, jobs, done)
    return made


def test_pdfs_made_by_fresh_copies_are_the_pdfs_one_worker_makes(default_guide: Guide) -> None:
    jobs = _three_handouts(default_guide)
    assert len(jobs) == 3
    recycled = _render_all(default_guide, jobs, jobs_per_copy=1)  # a fresh copy for every job
    assert recycled == _render_all(default_guide, jobs, jobs_per_copy=0)
    assert all(data.startswith(b"%PDF-") for data in recycled.values())


def _collected_and_copied() -> int:
    """In a child: a full garbage collection, then the memory this process no longer shares (bytes)."""
    gc.collect()
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        if line.startswith("Private_Dirty:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no Private_Dirty in smaps_rollup")


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux's /proc smaps_rollup")
def test_a_child_collecting_its_garbage_does_not_copy_the_parents_objects() -> None:
    held = [[number] for number in range(400_000)]  # some 40 MB of objects, as a large guide's model
    copied_unshared = Child("guidegen-test", _collected_and_copied).result()
    with shared_with_children():
        assert gc.get_freeze_count() > len(held)
        copied_shared = Child("guidegen-test", _collected_and_copied).result()
    assert gc.get_freeze_count() == 0  # the parent collects its own garbage again
    assert copied_unshared > 30_000_000  # the collector wrote to every object, so every page was copied
    assert copied_shared < copied_unshared / 4


def test_a_resting_worker_takes_no_job_until_woken(default_guide: Guide) -> None:
    jobs = _three_handouts(default_guide)
    pool = WorkerPool(default_guide, 2)
    pool.rest(1)  # as beside the MkDocs child
    others_busy: list[int] = []
    made: list[str] = []

    def done(job: Job, data: bytes) -> list[Work]:
        others_busy.append(sum(worker.job is not None for worker in pool.workers))
        made.append(job.filename)
        pool.wake()  # the MkDocs child is done
        return []

    _run_then_stop(pool, jobs, done)
    assert sorted(made) == sorted(job.filename for job in jobs)
    assert others_busy[0] == 0  # the first job was the only one out while the other worker rested
    assert all(worker.started > 0 for worker in pool.workers)  # woken, the resting worker took a job


@pytest.mark.parametrize("more", [True, False])
def test_a_worker_waits_for_jobs_still_to_come(default_guide: Guide, more: bool) -> None:
    """After an edit the booklets' joins come when the last part is done: every worker waits for
    them (more() says they may come) instead of leaving them all to the one that frees them."""
    first, *follow_ups = _three_handouts(default_guide)
    pool = WorkerPool(default_guide, 2)
    retired_at_first: list[bool] = []
    made: list[str] = []

    def done(job: Job, data: bytes) -> list[Work]:
        made.append(job.filename)
        if job is first:
            retired_at_first.extend(worker.retired for worker in pool.workers)
            return [(each, None) for each in follow_ups]
        return []

    try:
        pool.run([(first, None)], 120.0, done, lambda: len(made) == 0 and more)
    finally:
        pool.stop()
        pool.release()
    assert sorted(made) == sorted(job.filename for job in (first, *follow_ups))
    # The second worker had no job at the start: with more to come it waited, else it was let go.
    assert retired_at_first == [False, not more]
