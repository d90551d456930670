"""The offline zip written with the last zip's unchanged members copied is the zip written afresh."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from generator.content.source_date import VARIABLE
from generator.offline.bundle import CHUNK, member_name, write_zip
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


def large_site(folder: Path) -> Path:
    """Files of several pieces each (bundle.CHUNK): one stored, one compressed, and a small page."""
    folder.mkdir()
    (folder / "guide.pdf").write_bytes(hashlib.shake_256(b"booklet").digest(3 * CHUNK + 12345))
    (folder / "search.js").write_text("".join(f"entry {n}, " for n in range(400_000)), encoding="utf-8")
    (folder / "index.html").write_text("<p>Index</p>", encoding="utf-8")
    return folder


def test_members_written_a_piece_at_a_time_are_writestrs_bytes(tmp_path: Path) -> None:
    folder = large_site(tmp_path / "site")
    write_zip(folder, tmp_path / "streamed.zip", folder=FOLDER)
    with zipfile.ZipFile(tmp_path / "streamed.zip") as streamed:
        infos = streamed.infolist()
    assert {info.compress_type for info in infos} == {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
    with zipfile.ZipFile(tmp_path / "whole.zip", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as whole:
        for info in infos:  # the same names, dates and settings, each file given whole
            fresh = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            fresh.external_attr, fresh.compress_type = info.external_attr, info.compress_type
            fresh.create_system = info.create_system
            whole.writestr(fresh, (folder / info.filename.removeprefix(FOLDER + "/")).read_bytes())
    assert (tmp_path / "streamed.zip").read_bytes() == (tmp_path / "whole.zip").read_bytes()


def test_large_members_copied_a_piece_at_a_time_give_the_fresh_zips_bytes(tmp_path: Path) -> None:
    first = large_site(tmp_path / "first")
    write_zip(first, tmp_path / "first.zip", folder=FOLDER)
    (first / "index.html").write_text("<p>Edited</p>", encoding="utf-8")
    write_zip(first, tmp_path / "fresh.zip", folder=FOLDER)
    last = LastZip(tmp_path / "first.zip", {**digests(first), member_name(FOLDER, "index.html"): "changed"})
    write_zip(first, tmp_path / "reused.zip", folder=FOLDER, last=last)
    assert (tmp_path / "reused.zip").read_bytes() == (tmp_path / "fresh.zip").read_bytes()
