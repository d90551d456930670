"""A build killed from outside (issue 14, item 2): `timeout`, `docker stop` and CI send SIGTERM,
the out-of-memory killer sends SIGKILL. Whichever arrives, within 5 s no worker or MkDocs
child of that build is left, the previous build is intact, and the next build succeeds and
leaves nothing behind. Drives the real command in a subprocess on a copy of the minimal sample
guide: its 24 PDF jobs keep the workers at work when the signal comes, and each build costs a
few seconds of CPU where the default guide's cost a minute (three builds a test).
"""

from __future__ import annotations

import hashlib
import os
import select
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
PROC = Path("/proc")
CHILD_NAMES = {"guidegen-pdf", "guidegen-mkdocs"}
GRACE_SECONDS = 5.0


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _ours(marker: str, parent: int | None = None) -> dict[int, str]:
    """Live processes started by this test's builds (they inherit its marker), by id, with their
    names; only the children of `parent` when it is given."""
    found = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            name = (entry / "comm").read_text().strip()
            state, ppid = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:2]
        except OSError:
            continue  # gone meanwhile
        if parent is not None and int(ppid) != parent:
            continue
        if f"GUIDEGEN_TEST_MARKER={marker}".encode() in environ.split(b"\0") and state != "Z":
            found[int(entry.name)] = name
    return found


def _env(tmp: Path, marker: str, epoch: str) -> dict[str, str]:
    tmp.mkdir(exist_ok=True)
    return {**os.environ, "GUIDEGEN_TEST_MARKER": marker, "TMPDIR": str(tmp), "SOURCE_DATE_EPOCH": epoch}


def _build(guide: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator", "build", "--guide", str(guide), "--quiet"]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=900, check=False)


@pytest.fixture(scope="module")
def built_minimal(minimal_build: Path) -> Path:
    """The "previous build" each test copies: the session's build of the minimal guide
    (conftest.minimal_build, no date in its PDFs, so the killed build's date changes every one)."""
    return minimal_build


def _start_and_kill(guide: Path, env: dict[str, str], signum: int) -> tuple[subprocess.Popen[str], dict[int, str]]:
    """Start a build that must render everything again (another date is in every PDF), and once
    its PDF workers are at work, send signum to the build alone (as `timeout`, `docker stop` and
    the out-of-memory killer do). Returns the build and its own children (not their short-lived
    helpers: loading WeasyPrint runs ldconfig and gcc to find its libraries)."""
    from watchfiles import watch

    command = [sys.executable, "-m", "generator", "build", "--guide", str(guide)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    scratch = Path(env["TMPDIR"])
    # The pool makes its scratch folder just before it starts the workers, and each worker's
    # rendering copy makes a folder of its own in it just before it takes its first job
    # (builder/processes.py): wait for that event, the workers at work.
    for _ in watch(scratch, rust_timeout=1000, yield_on_timeout=True, debounce=20, raise_interrupt=False):
        if any(p.is_dir() for p in scratch.glob("guidegen-workers-*/*")) or process.poll() is not None:
            break
        assert time.monotonic() - started < 300, "no PDF worker started within 300 s"
    # The workers are forked, then name themselves, just after the folder appears: allow them a moment.
    for _ in range(100):
        children = _ours(env["GUIDEGEN_TEST_MARKER"], parent=process.pid)
        if "guidegen-pdf" in children.values() or process.poll() is not None:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be stopped"
    assert "guidegen-pdf" in children.values(), f"no PDF worker running: {children}"
    process.send_signal(signum)
    return process, children


def _left_over(marker: str, seconds: float) -> dict[int, str]:
    """The build's processes still alive after up to `seconds`, waiting on their exit events
    (a pidfd becomes readable when its process ends)."""
    deadline = time.monotonic() + seconds
    fds = []
    for pid in _ours(marker):
        try:
            fds.append(os.pidfd_open(pid))
        except ProcessLookupError:
            continue  # already gone
    try:
        waiting = list(fds)
        while waiting and (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select(waiting, [], [], left)
            waiting = [fd for fd in waiting if fd not in ready]
    finally:
        for fd in fds:
            os.close(fd)
    return _ours(marker)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_killed_build_leaves_no_process_and_the_previous_build_intact(
    tmp_path: Path, built_minimal: Path, signum: int
) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(built_minimal, guide, symlinks=True)
    before = _snapshot(guide / "build")
    marker = uuid.uuid4().hex
    env = _env(tmp_path / "tmp", marker, "1700000001")
    process, children = _start_and_kill(guide, env, signum)
    stopped = time.monotonic()
    _, errors = process.communicate(timeout=GRACE_SECONDS)
    left = _left_over(marker, GRACE_SECONDS - (time.monotonic() - stopped))
    assert not left, f"still running {GRACE_SECONDS} s after {signal.Signals(signum).name}: {left}"
    assert set(children.values()) <= CHILD_NAMES | {"python", "python3"}, children
    if signum == signal.SIGTERM:
        assert process.returncode == 130, errors
        assert "Stopped by SIGTERM" in errors and "Traceback" not in errors and "bug" not in errors, errors
        assert not list(guide.parent.glob(".build-staging-*")) and not list(guide.glob(".build-staging-*"))
        assert not list((tmp_path / "tmp").glob("guidegen-workers-*")), "the workers' scratch folder was left"
    else:
        assert process.returncode == -signal.SIGKILL
    assert _snapshot(guide / "build") == before, "the previous build changed"

    again = _build(guide, {**env, "GUIDEGEN_TEST_MARKER": marker + "-next"})
    assert again.returncode == 0, again.stderr
    assert not list(guide.glob(".build-staging-*")), "the next build left a staging folder"
    assert not list((tmp_path / "tmp").glob("guidegen-workers-*")), "a killed build's scratch folder is still there"
    assert _snapshot(guide / "build") != before
    assert (guide / "build" / "pdf" / "guide.pdf").is_file()
