"""What the last successful build was asked for (builder/record.py), kept beside its outputs."""

from __future__ import annotations

from pathlib import Path

from generator.builder.record import RECORD, BuildRecord


def test_a_record_reads_back_as_written(tmp_path: Path) -> None:
    record = BuildRecord("site+pdf digest", ("site", "pdf"), "mkdocs")
    record.write(tmp_path)
    assert BuildRecord.read(tmp_path) == record


def test_no_record_or_a_damaged_one_reads_as_none(tmp_path: Path) -> None:
    assert BuildRecord.read(tmp_path) is None
    for damaged in ("{not json", '{"request": "x"}', '{"request": "x", "outputs": 3, "engine": "mkdocs"}'):
        (tmp_path / RECORD).write_text(damaged, encoding="utf-8")
        assert BuildRecord.read(tmp_path) is None, damaged
