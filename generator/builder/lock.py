"""One build at a time per output folder.

Two builds into one folder would each swap in their own outputs, and the last to finish wins
with a mix of manifests. The lock is an flock on the output folder itself (no extra file to
leave behind). A finished build exchanges that folder for a new one, so after waiting for the
lock a build checks that it holds the folder now at that path, and tries again if not.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import UsageError

WAIT_SECONDS = 10.0  # a second build waits this long for the first before giving up
POLL_SECONDS = 0.2


class BuildRunning(UsageError):
    """Another build is writing to the same output folder."""


@contextmanager
def output_lock(out: Path, wait: float = WAIT_SECONDS, say: object = None) -> Iterator[None]:
    """Hold the output folder (made if missing, and removed again if the build left it empty)."""
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    told = False
    while True:
        fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise BuildRunning(
                    f"another guidegen build is writing to {out}; wait for it to finish and try again, "
                    "or build into another folder with --out"
                ) from None
            if not told and callable(say):
                say(f"Waiting for another build into {out} to finish...")
                told = True
            time.sleep(POLL_SECONDS)
            continue
        if _same(fd, out):
            break
        os.close(fd)  # the folder we waited on was replaced by the build that held it
    try:
        yield
    finally:
        if created:
            with contextlib.suppress(OSError):  # a first build that failed leaves no trace
                out.rmdir()
        os.close(fd)  # releases the lock


def _same(fd: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except OSError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)
