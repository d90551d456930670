"""Debian's epubcheck (Java), the judge of every EPUB the tests make, run as cheaply as it can be.

epubcheck checks one small book in a few seconds, most of them the JVM's: its optimising
compiler (C2) and parallel collector threads cost more CPU than the check itself. The quick
compiler alone (C1) and the serial collector halve its CPU time (10.8 s -> 5.5 s on a guide's
book) and change nothing it reports: they are how the JVM runs, not what epubcheck checks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

QUICK_JVM = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
CLEAN = "Messages: 0 fatals / 0 errors / 0 warnings"  # what epubcheck says of a book with no finding


def command() -> list[str]:
    """Debian's epubcheck is a jar run through binfmt; call it with java, where binfmt may be missing."""
    program = shutil.which("epubcheck")
    assert program, "epubcheck is missing: make system-deps installs it"
    return ["java", *QUICK_JVM, "-jar", os.path.realpath(program)]


def epubcheck(path: Path) -> subprocess.CompletedProcess[str]:
    """epubcheck's verdict on one book: its exit code, and its report in stdout and stderr."""
    return subprocess.run([*command(), str(path)], capture_output=True, text=True, timeout=300)


def report(path: Path) -> str:
    """Everything epubcheck says about one book (CLEAN in it when it found nothing)."""
    result = epubcheck(path)
    return result.stdout + result.stderr
