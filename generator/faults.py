"""Faults of the machine, said in plain words: a full disk, a read-only folder, a file that
cannot be read. They are neither content mistakes an editor made in the text nor bugs in
guidegen, so they get a sentence naming the file or folder and what to do, and exit code 1
(a file of the guide itself cannot be read) or 2 (anything about where the outputs go).
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import EXIT_CONTENT
from .errors import EXIT_USAGE as EXIT_ENVIRONMENT  # where the outputs go: the folders, the disk

GUIDE_PARTS = ("content", "templates", "site_config.yml")

# What a child process reports for an OSError it could not send whole ("OSError: [Errno 28] ...").
CHILD_OSERROR = re.compile(r"(?:^|: )(?:\w+Error): \[Errno (\d+)\] ([^:]+?)(?:: '(.*?)')?(?:\s*->.*)?$")


@dataclass(frozen=True)
class Fault:
    message: str
    exit_code: int


def explain(error: OSError, root: Path, out: Path | None) -> Fault:
    """What went wrong, where, and what to do, for an OSError anywhere in a command."""
    path = _path_of(error, out)
    guide_file = _in_guide(path, root) if path is not None else False
    where = str(path) if path is not None else "a file guidegen needed"
    code = EXIT_CONTENT if guide_file else EXIT_ENVIRONMENT
    kept = " The previous build was left as it was." if out is not None else ""
    number = error.errno
    if number in (errno.ENOSPC, errno.EDQUOT):
        disk = out if out is not None else path
        return Fault(
            f"The disk holding {disk} is full (or your quota on it is used up). Free some space, or build "
            f"into a folder on another disk with --out DIR, and try again.{kept}",
            EXIT_ENVIRONMENT,
        )
    if number == errno.EROFS:
        return Fault(
            f"{where} is on a read-only disk: build into a folder you can write to, with --out DIR.{kept}",
            EXIT_ENVIRONMENT,
        )
    if number in (errno.EACCES, errno.EPERM):
        return Fault(_permission(where, guide_file) + kept, code)
    return Fault(_other(number, where, error.strerror or str(error)) + kept, code)


def _permission(where: str, guide_file: bool) -> str:
    if guide_file:
        return (
            f"{where}: guidegen is not allowed to read this file or folder. Give your user read access "
            f"(e.g. chmod u+rX '{where}') and try again."
        )
    return (
        f"guidegen is not allowed to write to {where}. Give your user write access to it, or build into "
        "another folder with --out DIR."
    )


def _other(number: int | None, where: str, reason: str) -> str:
    sentences = {
        errno.ENOTDIR: f"{where}: a file stands where guidegen needs a folder; move the file away or choose "
        "another folder with --out DIR.",
        errno.EISDIR: f"{where} is a folder where guidegen expected a file; rename or move it.",
        errno.ENOENT: f"{where} disappeared while guidegen was using it (was it moved or deleted during the "
        "build?); try again.",
        errno.EMFILE: "guidegen has too many files open at once: raise the limit (ulimit -n 4096) and try again.",
        errno.ENFILE: "the computer has too many files open at once: close some programs and try again.",
        errno.EIO: f"the disk reported an error reading or writing {where}; check the disk or its "
        "connection, then try again.",
        errno.ENAMETOOLONG: f"{where}: the name is too long for this disk; use a shorter folder or file name.",
        errno.ELOOP: f"{where}: symbolic links that point to each other; replace them with the real files.",
        errno.ENOMEM: "the computer ran out of memory: close other programs, or build with --jobs 1.",
        errno.ELIBACC: f"WeasyPrint, which makes the PDFs, could not load the text libraries it needs ({reason}). "
        "Install Pango and HarfBuzz (on Debian or Ubuntu: sudo apt-get install libpango-1.0-0 "
        "libpangoft2-1.0-0 libharfbuzz-subset0; elsewhere see WeasyPrint's installation notes) and try again.",
    }
    if number in sentences:
        return sentences[number]
    return f"{where}: {reason}. guidegen could not go on; check this file or folder and try again."


def _path_of(error: OSError, out: Path | None) -> Path | None:
    name = error.filename if error.filename is not None else error.filename2
    if name is None:
        return out
    return Path(name.decode(errors="replace") if isinstance(name, bytes) else str(name))


def _in_guide(path: Path, root: Path) -> bool:
    """True for the guide's own files (content/, templates/, site_config.yml): exit code 1."""
    try:
        rel = path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return bool(rel.parts) and rel.parts[0] in GUIDE_PARTS


def from_child(error: BaseException) -> OSError | None:
    """The OSError behind a child process's report, so it is explained like one of our own."""
    match = CHILD_OSERROR.search(str(error).strip())
    if match is None:
        return None
    return OSError(int(match.group(1)), match.group(2), match.group(3))
