"""Easy Read warnings (checks/easy_read.py) are remembered: a warm check does not parse an
unchanged Easy Read text again for its lines, and says the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.checks import check_guide
from generator.checks.easy_read import easy_read_warnings
from generator.content import source_file


def test_a_warm_check_parses_no_unchanged_easy_read_text(guide_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = check_guide(guide_copy)[1]
    parsed: list[str] = []
    real = source_file.parse_yaml

    def counted(text: str, *args: Any) -> Any:
        parsed.append(text)
        return real(text, *args)

    monkeypatch.setattr(source_file, "parse_yaml", counted)
    guide, again = check_guide(guide_copy)
    assert again == first
    texts = {
        (guide_copy / "content" / "easy-read" / f"{item.id}.yml").read_text(encoding="utf-8")
        for item in guide.easy_read
    }
    assert texts and not texts & set(parsed)
    assert easy_read_warnings(guide, {}) == []  # a text without its source has no lines to report at
