"""`guidegen translate status` (translate/status.py): items and words per state, per kind."""

from __future__ import annotations

from helpers.translated_sample import translated_sample

from generator.translate.status import status_table


def test_the_table_counts_translated_stale_and_missing_items_and_words() -> None:
    lines = status_table(translated_sample(), "cy").splitlines()
    assert lines[0] == "cy: content/translations/cy/"
    rows = {line[:12].strip(): [cell.strip() for cell in (line[12:34], line[34:56], line[56:78])] for line in lines[2:]}
    assert rows["Activities"] == ["1 items, 38 words", "1 items, 28 words", "0 items, 0 words"]
    assert rows["Skills"] == ["0 items, 0 words", "0 items, 0 words", "2 items, 25 words"]
    assert rows["Total"] == ["2 items, 54 words", "1 items, 28 words", "3 items, 43 words"]
    assert len(rows) == 8  # seven kinds and the total
