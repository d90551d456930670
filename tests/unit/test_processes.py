"""One process model (builder/processes.py): errors cross from a child to its parent unchanged,
a bug arrives with the child's traceback, and children never outlive their parent."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator.builder.processes import SCRATCH_PREFIX, Child, remove_abandoned
from generator.errors import ContentError, Problem, ScaffoldError, SiteBuildError, UsageError

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
