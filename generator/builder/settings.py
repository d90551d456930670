"""Settings read from the environment and the command line, checked before anything runs.

A bad value is a plain UsageError (exit code 2) that names the setting, the value and what
to write instead: never a traceback, and never a value that quietly turns a protection off
(a NaN time limit would disable the hang protection).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from pathlib import Path

from ..content.source_date import source_date_text
from ..errors import UsageError

DEFAULT_TIME_LIMIT = 180.0  # seconds for one PDF; a render that takes longer is stopped
MAX_TIME_LIMIT = 86_400.0  # one day: longer is a mistake, and thread timeouts overflow far beyond
# Dates a zip file can hold (1980-01-01 to 2107-12-31): the offline bundle carries this date.
FIRST_EPOCH, LAST_EPOCH = 315_532_800, 4_354_819_199

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "available_cores",
    "check_environment",
    "check_guide_folder",
    "check_output_folder",
    "jobs_to_use",
    "source_date_epoch",
    "time_limit",
]


def time_limit(environ: Mapping[str, str] = os.environ) -> float:
    """GUIDEGEN_TIME_LIMIT: seconds one PDF may take before it is stopped."""
    raw = environ.get("GUIDEGEN_TIME_LIMIT")
    if raw is None or not raw.strip():
        return DEFAULT_TIME_LIMIT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not 1 <= value <= MAX_TIME_LIMIT:
        raise UsageError(
            f"GUIDEGEN_TIME_LIMIT={raw[:40]!r} is not a time limit guidegen can use: set it to the number of "
            f"seconds one PDF may take, from 1 to {MAX_TIME_LIMIT:.0f} (e.g. GUIDEGEN_TIME_LIMIT=300), "
            f"or unset it to use the default of {DEFAULT_TIME_LIMIT:.0f}"
        )
    return value


def source_date_epoch(environ: Mapping[str, str] = os.environ) -> int | None:
    """SOURCE_DATE_EPOCH: the date every output carries, as whole seconds since 1970 (UTC)."""
    text = source_date_text(environ)
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or not FIRST_EPOCH <= int(text) <= LAST_EPOCH:
        raise UsageError(
            f"SOURCE_DATE_EPOCH={text[:40]!r} is not a date guidegen can use: set it to a whole number of "
            f"seconds since 1970 between {FIRST_EPOCH} (1980) and {LAST_EPOCH} (2107), e.g. the last "
            "commit's date with SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it"
        )
    return int(text)


def check_environment(environ: Mapping[str, str] = os.environ) -> None:
    """Every environment variable guidegen reads, checked at once before a build starts."""
    time_limit(environ)
    source_date_epoch(environ)


def available_cores() -> int:
    """Cores this process may use (a container or taskset may allow fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def jobs_to_use(requested: int | None, force: bool) -> tuple[int | None, str]:
    """--jobs, capped at the number of cores unless --force-jobs: each worker holds some 70 MB
    and more workers than cores only slow each other down. Returns (jobs, a note or "")."""
    if requested is None:
        return None, ""
    if requested < 1:
        raise UsageError("--jobs takes a whole number of at least 1")
    cores = available_cores()
    if requested <= cores or force:
        return requested, ""
    return cores, (
        f"Using {cores} PDF worker{'s' if cores != 1 else ''}, not {requested}: this computer has "
        f"{cores} core{'s' if cores != 1 else ''} for guidegen, and more workers would only use more memory. "
        "Add --force-jobs to use more anyway."
    )


def check_output_folder(root: Path, out: Path) -> None:
    """Refuse an output folder a build would damage or could never use, before any work."""
    root, out = root.resolve(), out.resolve()
    for folder in (root / "content", root / "templates"):
        if out.is_relative_to(folder):
            raise UsageError(
                f"--out cannot be inside {folder}: the outputs would become part of the guide's own files; "
                "choose a folder outside it, e.g. --out build"
            )
    if root.is_relative_to(out):
        raise UsageError(
            f"--out {out} holds the guide itself, and a build replaces its whole output folder; "
            "choose a new folder, e.g. --out build"
        )
    for folder in (out, *out.parents):
        if folder.exists() or folder.is_symlink():
            if not folder.is_dir():
                raise UsageError(f"{folder} is a file, not a folder: choose a folder for the outputs with --out DIR")
            if os.statvfs(folder).f_flag & os.ST_RDONLY:
                raise UsageError(f"{folder} is on a read-only disk: choose a folder you can write to with --out DIR")
            if not os.access(folder, os.W_OK | os.X_OK):
                raise UsageError(
                    f"guidegen is not allowed to write to {folder}: give your user write access to it, "
                    "or choose another folder for the outputs with --out DIR"
                )
            break


def check_guide_folder(root: Path) -> None:
    """The folder given with --guide (or the current one) must hold a guide at all."""
    if not root.is_dir() or not ((root / "content").is_dir() or (root / "site_config.yml").is_file()):
        raise UsageError(
            f"{root.absolute()} has no content/ folder or site_config.yml: run guidegen in the guide's folder, "
            "or give that folder with --guide DIR"
        )
