"""The sentences for machine faults (generator/faults.py): each names the place and what to do."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from generator.faults import explain, from_child

ROOT = Path("/guide")
OUT = Path("/guide/build")


@pytest.mark.parametrize(
    ("number", "filename", "code", "words"),
    [
        (errno.ENOSPC, "/guide/build/x", 2, ["/guide/build is full", "--out"]),
        (errno.EDQUOT, None, 2, ["/guide/build is full"]),
        (errno.EROFS, "/mnt/ro/out", 2, ["/mnt/ro/out is on a read-only disk"]),
        (errno.EACCES, "/guide/content/pages/a.md", 1, ["/guide/content/pages/a.md", "read access"]),
        (errno.EACCES, "/guide/site_config.yml", 1, ["site_config.yml", "read access"]),
        (errno.EACCES, "/elsewhere/out", 2, ["write to /elsewhere/out", "--out"]),
        (errno.ENOTDIR, "/guide/build/site", 2, ["/guide/build/site", "a file stands where"]),
        (errno.EIO, "/guide/build/pdf/a.pdf", 2, ["the disk reported an error", "a.pdf"]),
        (errno.EMFILE, None, 2, ["ulimit -n"]),
        (errno.ENAMETOOLONG, "/guide/build/x", 2, ["too long"]),
        (errno.EBADF, "/guide/build/x", 2, ["/guide/build/x", "check this file or folder"]),
    ],
)
def test_each_fault_is_one_plain_sentence(number: int, filename: str | None, code: int, words: list[str]) -> None:
    fault = explain(OSError(number, "system words", filename), ROOT, OUT)
    assert fault.exit_code == code
    for word in words:
        assert word in fault.message, (word, fault.message)
    assert not re.search(r"\bbug\b", fault.message, re.IGNORECASE)
    assert "previous build was left as it was" in fault.message


def test_a_childs_oserror_is_recognised() -> None:
    error = from_child(RuntimeError("OSError: [Errno 28] No space left on device: '/guide/build/x'"))
    assert error is not None and error.errno == errno.ENOSPC and error.filename == "/guide/build/x"
    from_worker = from_child(RuntimeError("rendering a.pdf failed: OSError: [Errno 5] Input/output error"))
    assert from_worker is not None and from_worker.errno == errno.EIO
    assert from_child(RuntimeError("RecursionError: maximum recursion depth exceeded")) is None
    assert from_child(RuntimeError("ValueError: [Errno x] not one")) is None
