"""Put a finished build in place of the previous one, all at once.

Outputs are written to a staging folder; only when everything succeeded do they replace the
previous build. Usually the staging folder sits beside build/ and the two folders are
exchanged in one step (renameat2 RENAME_EXCHANGE on Linux), so there is no moment without a
complete build/.

A build/ that is a mount point (a Docker volume, a bind mount in CI) cannot be renamed (EBUSY),
and one whose parent folder cannot be written to cannot get a sibling. Then the staging folder
sits inside build/ and each entry (site/, pdf/, the zip, ...) is exchanged in turn, the manifest
last: each exchange is atomic, so a web server pointed at build/site always finds a complete
site, and a failure part-way puts back what was already exchanged. Should the process be
killed between two exchanges, the manifest still describes the previous build and the next
build finds the files that do not match it (builder/cache.py) and makes them again.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
from pathlib import Path

from .processes import pid_alive

RENAME_EXCHANGE = 2
AT_FDCWD = -100
STAGING_PREFIX = ".build-staging-"
OLD_PREFIX = ".build-old-"
LAST = ".guidegen-manifest.json"  # swapped last: it says which build the folder holds


def swaps_inside(out: Path) -> bool:
    """True when out itself cannot be replaced: a mount point, or a folder whose parent is read-only."""
    if not out.is_dir():
        return False
    return is_mount_point(out) or not os.access(out.parent, os.W_OK | os.X_OK)


def is_mount_point(path: Path) -> bool:
    """os.path.ismount misses a bind mount from the same file system; the kernel's list does not."""
    if os.path.ismount(path):
        return True
    try:
        lines = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    real = os.path.realpath(path)
    return any(_unescape(line.split(" ")[4]) == real for line in lines if line.count(" ") >= 4)


def _unescape(field: str) -> str:
    """Mount points in mountinfo write space, tab, newline and backslash as octal escapes."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def staging_dir(out: Path) -> Path:
    """A fresh staging folder on out's file system, so the swap is a rename."""
    inside = swaps_inside(out)
    parent = out if inside else out.parent
    parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(parent)
    staging = parent / f"{STAGING_PREFIX}{out.name}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    return staging


def _remove_abandoned(parent: Path) -> None:
    """Staging folders left by a build that was killed: their process is gone."""
    for prefix in (STAGING_PREFIX, OLD_PREFIX):
        for candidate in parent.glob(f"{prefix}*"):
            pid = candidate.name.rsplit("-", 1)[-1]
            if pid.isdigit() and not pid_alive(int(pid)):
                shutil.rmtree(candidate, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system cannot (then the caller renames twice)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # no RENAME_EXCHANGE here
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_into_place(staging: Path, out: Path) -> None:
    """Replace out's contents with staging's; the old build is deleted only after the swap."""
    if staging.parent == out:
        return _swap_entries(staging, out)
    if not out.exists():
        staging.rename(out)
        return
    try:
        exchanged = _exchange(staging, out)
    except OSError as error:
        if error.errno not in (errno.EBUSY, errno.EXDEV, errno.EACCES, errno.EPERM):
            raise
        return _swap_entries_from_beside(staging, out)
    if not exchanged:
        old = out.parent / f"{OLD_PREFIX}{out.name}-{os.getpid()}"
        out.rename(old)
        staging.rename(out)
        staging = old
    shutil.rmtree(staging, ignore_errors=True)


def _swap_entries_from_beside(staging: Path, out: Path) -> None:
    """out turned out to be a mount point only at the end: move the staging folder inside it first."""
    inner = out / staging.name
    try:
        staging.rename(inner)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        shutil.copytree(staging, inner, symlinks=True)
    _swap_entries(inner, out)


def _swap_entries(staging: Path, out: Path) -> None:
    """Exchange each entry of out with the one staged inside it, the manifest last; undo on failure."""
    old = out / f"{OLD_PREFIX}{os.getpid()}"
    old.mkdir(exist_ok=True)
    new = sorted(p.name for p in staging.iterdir())
    new.sort(key=lambda name: name == LAST)
    done: list[tuple[str, bool]] = []  # (name, exchanged) in order, to undo
    try:
        for name in new:
            done.append((name, _put(staging / name, out / name)))
        for entry in sorted(out.iterdir()):  # outputs this build does not make any more
            if entry.name not in new and not left_alone(entry.name):
                entry.rename(old / entry.name)
    except OSError:
        _undo(staging, out, done)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)


def _put(source: Path, dest: Path) -> bool:
    """source to dest in one step; True if an old dest was exchanged (it is now at source)."""
    if dest.exists() or dest.is_symlink():
        if _exchange(source, dest):
            return True
        dest.rename(source.with_name(source.name + ".old"))  # no exchange here: two renames
        source.rename(dest)
        source.with_name(source.name + ".old").rename(source)
        return True
    source.rename(dest)
    return False


def _undo(staging: Path, out: Path, done: list[tuple[str, bool]]) -> None:
    """Put the previous build's entries back after a failed swap (best effort)."""
    for name, exchanged in reversed(done):
        with contextlib.suppress(OSError):
            if exchanged:
                _put(staging / name, out / name)
            else:
                (out / name).rename(staging / name)


def left_alone(name: str) -> bool:
    """Entries of an output folder that are not outputs: builds in progress, and the
    lost+found folder at the root of a mounted disk."""
    return name.startswith((STAGING_PREFIX, OLD_PREFIX)) or name == "lost+found"
