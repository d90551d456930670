"""The offline zip written with the last zip's unchanged members copied is the zip written afresh."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.content.source_date import VARIABLE
from generator.offline.bundle import member_name, write_zip
from generator.offline.zip_members import LastZip

FOLDER = "guide-offline"


def site(folder: Path, pages: dict[str, str]) -> Path:
    for rel, text in pages.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def digests(folder: Path) -> dict[str, str]:
    return {
        member_name(FOLDER, p.relative_to(folder).as_posix()): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_copied_members_give_the_fresh_zips_bytes(tmp_path: Path) -> None:
    pages = {f"activities/a{n}.html": f"<p>Activity {n}</p>\n" * 200 for n in range(30)}
    pages["pdf/a.pdf"] = "%PDF-1.7 stored, not compressed"
    first = site(tmp_path / "first", pages)
    write_zip(first, tmp_path / "first.zip", folder=FOLDER)
    edited = site(tmp_path / "edited", {**pages, "activities/a7.html": "<p>Edited</p>\n", "index.html": "<p>New</p>"})
    write_zip(edited, tmp_path / "fresh.zip", folder=FOLDER)
    write_zip(edited, tmp_path / "reused.zip", folder=FOLDER, last=LastZip(tmp_path / "first.zip", digests(first)))
    assert (tmp_path / "reused.zip").read_bytes() == (tmp_path / "fresh.zip").read_bytes()


def test_members_of_a_zip_with_another_date_are_not_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = {"index.html": "<p>One</p>" * 50}
    first = site(tmp_path / "first", pages)
    monkeypatch.setenv(VARIABLE, "1735689600")
    write_zip(first, tmp_path / "first.zip", folder=FOLDER)
    monkeypatch.setenv(VARIABLE, "1767225600")  # a year later: every member's header changes
    write_zip(first, tmp_path / "fresh.zip", folder=FOLDER)
    write_zip(first, tmp_path / "reused.zip", folder=FOLDER, last=LastZip(tmp_path / "first.zip", digests(first)))
    assert (tmp_path / "reused.zip").read_bytes() == (tmp_path / "fresh.zip").read_bytes()
