"""`make test` runs the tests on two workers (`-n 2 --dist loadgroup`): tests/conftest.py keeps the
tests of one file on one worker, in their order, so a module fixture is made once and its tests see
each other's work. xdist's workers collect the tests with options of their own (dist "no"), and a
check of dist alone once left every test a group of its own: the edits of one module-scoped preview
site went half to each worker, and an edit that built on the one before failed when they parted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
MODULE_FIXTURE_TESTS = "tests/preview/test_quick_site.py"  # one preview site for a run of edits

RECORDER = """
import os


def pytest_runtest_setup(item):
    with open(os.environ["WORKERS_RECORD"], "a", encoding="utf-8") as record:
        record.write(f"{os.environ.get('PYTEST_XDIST_WORKER')} {item.nodeid}\\n")
"""


def test_the_tests_of_one_file_run_on_one_worker_in_their_order(tmp_path: Path) -> None:
    (tmp_path / "worker_recorder.py").write_text(RECORDER, encoding="utf-8")
    record = tmp_path / "record.txt"
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "WORKERS_RECORD": str(record)}
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "worker_recorder"]
    command += ["-n", "2", "--dist", "loadgroup", "--setup-plan", "-q", MODULE_FIXTURE_TESTS]
    # --setup-plan: each test is handed to a worker and set up on paper; no fixture or test runs.
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr

    runs = [line.split(" ", 1) for line in record.read_text(encoding="utf-8").splitlines()]
    workers = {worker for worker, _ in runs}
    tests = [nodeid.split("@", 1)[0] for _, nodeid in runs]  # a grouped test's id ends in @group
    assert len(tests) > 2 and all(test.startswith(MODULE_FIXTURE_TESTS + "::") for test in tests)
    assert len(workers) == 1, runs  # not split between the two workers
    kinds = [test.split("[", 1)[1].removesuffix("]") for test in tests if "[" in test]
    assert kinds.index("title") < kinds.index("order")  # and in the file's order


ORDER_RECORDER = """
import os


def pytest_collection_finish(session):
    if os.environ.get("PYTEST_XDIST_WORKER") == "gw0":
        with open(os.environ["ORDER_RECORD"], "w", encoding="utf-8") as record:
            record.write("\\n".join(item.nodeid.split("@", 1)[0] for item in session.items))
"""
QUICK_IN_A_BROWSER = "tests/translate/test_commands.py"  # quick tests, each with Playwright's browser parameter
TWO_BUILDS = "tests/content/test_audience.py"  # three tests over a module's two builds of the default guide
BROWSER_FIRST = "tests/browser/test_welsh_guide.py"  # browser tests that come first: pytest gathered the others to them


def test_a_group_of_builds_goes_out_before_quick_tests_that_open_a_page(tmp_path: Path) -> None:
    """The groups' order, heaviest first, is what the workers collect after every reordering:
    pytest's own (by the browser parameter) once ran after it and sent the quick browser tests first."""
    (tmp_path / "order_recorder.py").write_text(ORDER_RECORDER, encoding="utf-8")
    record = tmp_path / "order.txt"
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "ORDER_RECORD": str(record)}
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "order_recorder"]
    command += ["-n", "2", "--dist", "loadgroup", "--setup-plan", "-q", BROWSER_FIRST, TWO_BUILDS, QUICK_IN_A_BROWSER]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr

    files = [nodeid.split("::", 1)[0] for nodeid in record.read_text(encoding="utf-8").splitlines()]
    assert set(files) == {BROWSER_FIRST, QUICK_IN_A_BROWSER, TWO_BUILDS}
    assert files.index(QUICK_IN_A_BROWSER) > len(files) - files[::-1].index(TWO_BUILDS) - 1, files
