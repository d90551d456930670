"""What every fault must look like to a user: the exit code, a sentence, no traceback, no "bug"."""

from __future__ import annotations

import re
import subprocess


def assert_plain(result: subprocess.CompletedProcess[str], code: int, *words: str) -> str:
    """The command failed with `code` and a plain message containing each of `words`."""
    output = result.stdout + result.stderr
    assert result.returncode == code, f"exit {result.returncode}, expected {code}:\n{output}"
    assert "Traceback" not in output, output
    assert not re.search(r"\bbug\b", output, re.IGNORECASE), output
    for word in words:
        assert word in output, f"{word!r} not in:\n{output}"
    return output
