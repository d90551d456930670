"""Where the outputs go: a mounted or linked build folder, a full or read-only disk, two builds
at once (issue 14). Mounts need root; without it these tests are skipped with the reason."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import Run  # type: ignore[import-not-found]
from fault_checks import assert_plain  # type: ignore[import-not-found]

from generator.builder.swap import is_mount_point

pytestmark = pytest.mark.slow


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.glob(".build-*")]


@contextmanager
def mounted(target: Path, *options: str) -> Iterator[None]:
    """`mount OPTIONS target`, undone afterwards; skips the test where mounting is not allowed."""
    target.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", *options, str(target)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount here ({result.stderr.strip() or 'not root'}); mount tests need root")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def edit(guide: Path) -> None:
    page = guide / "content" / "pages" / "first-page.md"
    page.write_text(page.read_text() + "\nOne more line.\n")


def test_bind_mounted_build_folder(cli: Run, guide: Path, tmp_path: Path) -> None:
    """A Docker volume or CI bind mount: the swap happens inside it, and build/site is never missing."""
    volume = tmp_path / "volume"
    volume.mkdir()
    out = guide / "build"
    with mounted(out, "--bind", str(volume)):
        first = cli("build", "--guide", guide, "--quiet")
        assert first.returncode == 0, first.stderr
        assert (out / "site" / "index.html").is_file() and (out / "pdf" / "guide.pdf").is_file()
        assert (volume / "site" / "index.html").is_file()  # really inside the mount
        edit(guide)
        missing: list[str] = []
        stop = threading.Event()

        def watch() -> None:  # a web server pointed at build/site, reading all the time
            while not stop.is_set():
                try:
                    if b"</html>" not in (out / "site" / "index.html").read_bytes():
                        missing.append("incomplete")
                except OSError as error:
                    missing.append(str(error))

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            second = cli("build", "--guide", guide, "--quiet")
        finally:
            stop.set()
            watcher.join()
        assert second.returncode == 0, second.stderr
        assert is_mount_point(out)
        assert "One more line." in (out / "site" / "first-page" / "index.html").read_text()
        assert missing == []
        assert leftovers(out, guide) == []


def test_symlinked_build_folder(cli: Run, guide: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "guide-build"
    target.mkdir(parents=True)
    (guide / "build").symlink_to(target)
    for _ in range(2):
        result = cli("build", "--guide", guide, "--quiet", "--only", "site")
        assert result.returncode == 0, result.stderr
        edit(guide)
    assert (guide / "build").is_symlink()
    assert (target / "site" / "index.html").is_file()
    assert leftovers(target, target.parent, guide) == []


def test_full_disk_leaves_the_previous_build(cli: Run, guide: Path, tmp_path: Path) -> None:
    disk = tmp_path / "small-disk"
    with mounted(disk, "-t", "tmpfs", "-o", "size=64m", "tmpfs"):  # room for one build with every variant
        out = disk / "out"
        first = cli("build", "--guide", guide, "--out", out, "--quiet")
        assert first.returncode == 0, first.stderr
        before = snapshot(out)
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        filler = disk / "filler"
        filler.write_bytes(b"\0" * max(0, free - 1_500_000))  # leave 1.5 MB: less than a build needs
        edit(guide)
        result = cli("build", "--guide", guide, "--out", out)
        assert_plain(result, 2, "is full", str(out))
        assert snapshot(out) == before
        assert leftovers(out, disk) == []
        filler.unlink()
        again = cli("build", "--guide", guide, "--out", out, "--quiet")
        assert again.returncode == 0, again.stderr


def test_read_only_out(cli: Run, guide: Path, tmp_path: Path) -> None:
    disk = tmp_path / "read-only"
    with mounted(disk, "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs"):
        assert_plain(cli("build", "--guide", guide, "--out", disk), 2, "read-only", str(disk))
        assert_plain(cli("build", "--guide", guide, "--out", disk / "new"), 2, "read-only")


@contextmanager
def held(out: Path) -> Iterator[None]:
    """Hold the output folder's lock, as a running build does."""
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        os.close(fd)


def test_second_build_says_another_is_running(cli: Run, guide: Path) -> None:
    out = guide / "build"
    with held(out):
        started = time.monotonic()
        result = cli("build", "--guide", guide, "--only", "site")
        waited = time.monotonic() - started
    assert_plain(result, 2, "another guidegen build is writing to", str(out))
    assert "Waiting for another build" in result.stdout
    assert waited >= 5  # it waited before giving up
    assert list(out.iterdir()) == []


def test_second_build_waits_for_the_first(guide: Path) -> None:
    out = guide / "build"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "generator", "build", "--guide", str(guide), "--only", "site"]
    with held(out):
        build = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
        assert build.stdout is not None
        # Hold the lock until the build says it waits (not for a set time: a busy machine may
        # take longer than that to start it); end of output first means it never waited.
        said = ""
        while "Waiting for another build" not in said:
            line = build.stdout.readline()
            assert line, f"the build never waited: {said!r}"
            said += line
    stdout, stderr = build.communicate(timeout=300)
    assert build.returncode == 0, stderr
    assert "Waiting for another build" in said + stdout
    assert (out / "site" / "index.html").is_file()


def test_two_builds_at_once_leave_one_consistent_build(cli: Run, guide: Path) -> None:
    results: list[subprocess.CompletedProcess[str]] = []
    threads = [
        threading.Thread(target=lambda: results.append(cli("build", "--guide", guide, "--only", "site", "--force")))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.returncode for r in results].count(0) >= 1, [r.stderr for r in results]
    for result in results:
        assert result.returncode in (0, 2) and "Traceback" not in result.stderr
    manifest = json.loads((guide / "build" / ".guidegen-manifest.json").read_text())
    for name, (size, digest) in manifest["files"].items():
        data = (guide / "build" / name).read_bytes()
        assert len(data) == size and hashlib.sha256(data).hexdigest() == digest, name
    assert leftovers(guide / "build", guide) == []
