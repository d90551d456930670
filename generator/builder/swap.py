"""Put a finished build in place of the previous one, all at once.

Outputs are written to a staging folder beside build/; only when everything succeeded is
it exchanged with build/. On Linux renameat2(RENAME_EXCHANGE) swaps the two folders in one
step, so there is no moment without a complete build/; elsewhere two renames are used.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

RENAME_EXCHANGE = 2
AT_FDCWD = -100
STAGING_PREFIX = ".build-staging-"


def staging_dir(out: Path) -> Path:
    """A fresh staging folder beside out (same file system, so the swap is a rename)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(out.parent)
    staging = out.parent / f"{STAGING_PREFIX}{out.name}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    return staging


def _remove_abandoned(parent: Path) -> None:
    """Staging folders left by a build that was killed: their process is gone."""
    for candidate in parent.glob(f"{STAGING_PREFIX}*"):
        pid = candidate.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(candidate, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return bool(result == 0)


def swap_into_place(staging: Path, out: Path) -> None:
    """Replace out with staging; the old build is deleted only after the swap."""
    if not out.exists():
        staging.rename(out)
        return
    if not _exchange(staging, out):
        old = out.parent / f"{STAGING_PREFIX}old-{os.getpid()}"
        out.rename(old)
        staging.rename(out)
        staging = old
    shutil.rmtree(staging, ignore_errors=True)
