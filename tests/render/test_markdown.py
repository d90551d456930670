"""The PDFs read content Markdown as the website does: admonitions, definition lists, tables."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from generator.builder.pipeline import BuildOptions, build

MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"
EXTRA = """
!!! note "Remember"
    Bring water and tissues to every meeting.

Facilitator
:   The person who keeps the group on track.

| Role | Who |
|------|-----|
| Timekeeper | Sam |
"""
NOTE_GREY = (244, 244, 244)  # .admonition background in templates/pdf/content.css


@pytest.fixture(scope="module")
def booklet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    guide = tmp_path_factory.mktemp("markdown") / "guide"
    shutil.copytree(MINIMAL, guide)
    page = guide / "content" / "pages" / "first-page.md"
    page.write_text(page.read_text() + EXTRA)
    build(guide, BuildOptions(quiet=True, only=("pdf",)))
    return guide / "build" / "pdf" / "guide.pdf"


def _text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True).stdout


@pytest.mark.slow
def test_a_note_is_a_note_in_the_booklet_not_exclamation_marks(booklet: Path) -> None:
    text = _text(booklet)
    assert "Remember" in text and "Bring water and tissues" in text
    assert "!!!" not in text and ":   " not in text and "|------|" not in text


@pytest.mark.slow
def test_the_note_is_drawn_as_a_box(booklet: Path, tmp_path: Path) -> None:
    """The page with the note has the note's tinted background; the page text has its table row."""
    count = int(
        subprocess.run(["pdfinfo", str(booklet)], capture_output=True, text=True).stdout.split("Pages:")[1].split()[0]
    )
    page = next(n for n in range(1, count + 1) if "Remember" in _text(booklet, n))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), str(booklet), str(tmp_path / "p")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")
    colours = {colour: n for n, colour in image.getcolors(image.width * image.height) or []}
    tinted = colours.get(NOTE_GREY, 0)
    assert tinted > 500, "the note has no box"
    assert any("Timekeeper" in line and "Sam" in line for line in _text(booklet, page).splitlines())
