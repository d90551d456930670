"""One edit to a guide's file, as a test makes it: the edit must happen, or the test fails."""

from __future__ import annotations

import re
from pathlib import Path


def replace_line(path: Path, pattern: str, new: str) -> None:
    """The first match of pattern (a multi-line regex) replaced; a pattern not found fails the test."""
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, new, text, count=1, flags=re.M)
    assert changed != text, f"{pattern!r} not found in {path}"
    path.write_text(changed, encoding="utf-8")
