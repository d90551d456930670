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
