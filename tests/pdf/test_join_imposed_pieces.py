"""What the A5 imposition keeps of each part for the next build (pdf/join/imposed_pieces.py).

The sheets imposed from the kept steps must be the same bytes as the sheets imposed by reading
every part, and a kept file of other bytes must not be trusted.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator.content.loader import load_guide
from generator.pdf.booklet import make_booklet
from generator.pdf.job_list import pdf_jobs
from generator.pdf.join import imposed
from generator.pdf.join.booklet import Part
from generator.pdf.join.imposed_pieces import FORMAT, NotKept
from generator.pdf.join.pieces import IMPOSED, SUFFIX, read_body, read_header
from generator.pdf.variants import variant_parts
from generator.render.job import A5


def _sheets(minimal_pdfs: Path, folder: Path, out: Path) -> str:
    """The A5 sheets imposed from the parts in folder: their sha256."""
    guide = load_guide(minimal_pdfs)
    job = next(job for job in pdf_jobs(guide) if job.kind == "booklet" and job.variant == A5)
    parts = variant_parts(guide, job.source_date, job.variant)
    files = tuple((str(folder / f"{part.name}.pdf"), part.link_targets) for part in parts)
    make_booklet(guide, replace(job, parts=files, front_cache=("imposed-test", str(folder)), output=str(out)))
    return hashlib.sha256(out.read_bytes()).hexdigest()


def _parts(minimal_pdfs: Path, tmp_path: Path) -> Path:
    parts = tmp_path / "parts"
    shutil.copytree(minimal_pdfs / "build" / ".booklet-parts" / A5, parts)
    for kept in parts.glob(f"*{SUFFIX}"):
        kept.unlink()
    return parts


def test_sheets_from_kept_steps_are_the_sheets_read_from_the_parts(
    minimal_pdfs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = _parts(minimal_pdfs, tmp_path)
    first = _sheets(minimal_pdfs, parts, tmp_path / "first.pdf")  # reads every part, keeps its steps
    kept = {p.name: p.stat().st_mtime_ns for p in parts.glob(f"*{SUFFIX}")}
    assert "skills.join" in kept
    body = read_body(parts / "skills.join")
    assert body[0] == FORMAT and body[3]
    assert _sheets(minimal_pdfs, parts, tmp_path / "again.pdf") == first  # from the kept steps
    assert {p.name: p.stat().st_mtime_ns for p in parts.glob(f"*{SUFFIX}")} == kept  # read, not made again

    def not_kept(*args: object) -> None:
        raise NotKept("as a part that cannot be kept")

    monkeypatch.setattr(imposed, "record", not_kept)
    for path in parts.glob(f"*{SUFFIX}"):
        path.unlink()
    assert _sheets(minimal_pdfs, parts, tmp_path / "read.pdf") == first  # each page read and imposed as it comes
    assert not list(parts.glob(f"*{SUFFIX}"))  # nothing kept when it could not be


def test_kept_steps_of_other_bytes_are_made_again(minimal_pdfs: Path, tmp_path: Path) -> None:
    parts = _parts(minimal_pdfs, tmp_path)
    expected = _sheets(minimal_pdfs, parts, tmp_path / "a.pdf")
    skills, intro = parts / f"skills{SUFFIX}", parts / f"intro{SUFFIX}"
    shutil.copy2(intro, skills)  # another part's steps under this part's name
    assert _sheets(minimal_pdfs, parts, tmp_path / "b.pdf") == expected
    assert read_body(skills) != read_body(intro)  # made again: its own steps now
    assert read_header(skills, "not these bytes", IMPOSED) is None
    assert Part.open(parts / "skills.pdf", keep="imposed").kept == skills
