"""Helpers for the PDF tests: the built files, rendering a page with poppler, reading widgets."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from generator.content.model import Guide
from generator.pdf.job_list import pdf_jobs
from generator.pdf.job_render import render_job

MM = 72 / 25.4  # PDF points per millimetre


@dataclass(frozen=True)
class Built:
    folder: Path
    files: tuple[Path, ...]
    warnings: tuple[str, ...]  # what WeasyPrint logged while building them
    layouts: int  # how many layouts WeasyPrint logged starting: every one, if it is at least one a file

    def path(self, name: str) -> Path:
        return self.folder / name

    def reader(self, name: str) -> PdfReader:
        return PdfReader(self.folder / name)

    def texts(self, name: str) -> tuple[str, ...]:
        """pypdf's text of each page of one of the files (see page_texts)."""
        return page_texts(self.folder / name)


@cache
def page_texts(pdf: Path) -> tuple[str, ...]:
    """pypdf's text of each page of a PDF no test changes, read once a session. Reading the text
    of the default guide's 78-page booklet costs 4 s of CPU: three tests read it, one of them a
    page again for each of the 224 links it follows, 21 s of CPU in all."""
    return tuple(page.extract_text() for page in PdfReader(pdf).pages)


def render_all(guide: Guide, out_dir: Path) -> list[Path]:
    """Every PDF of a guide, rendered here, one after another, then written into out_dir (nothing
    if any fails). In this process, unlike the build's workers, so a test can read WeasyPrint's
    log and render a Guide it changed after loading."""
    rendered = [(job.filename, render_job(guide, job)) for job in pdf_jobs(guide)]
    out_dir.mkdir(parents=True, exist_ok=True)
    for filename, data in rendered:
        (out_dir / filename).parent.mkdir(parents=True, exist_ok=True)  # sessions/, large-print/
        (out_dir / filename).write_bytes(data)
    return [out_dir / filename for filename, _ in rendered]


def render_page(pdf: Path, out_stem: Path, dpi: int = 100, page: int = 1) -> Image.Image:
    """One page of a PDF as a greyscale image, rendered by poppler's pdftoppm (also saved as PNG)."""
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(out_stem),
        ],
        check=True,
        capture_output=True,
    )
    return Image.open(out_stem.with_suffix(".png")).convert("L")


def widgets(reader: PdfReader, page: int | None = None) -> list[DictionaryObject]:
    """Widget annotations in page order (all pages, or one)."""
    pages = reader.pages if page is None else [reader.pages[page]]
    found = [a.get_object() for p in pages for a in p.get("/Annots", [])]
    return [w for w in found if w["/Subtype"] == "/Widget"]


def field_rects(reader: PdfReader, page: int = 0) -> dict[str, tuple[float, float, float, float]]:
    """name -> (left, top, right, bottom) in mm from the page's top-left corner."""
    height = float(reader.pages[page].mediabox.height)
    rects = {}
    for w in widgets(reader, page):
        x1, y1, x2, y2 = (float(v) for v in w["/Rect"])
        box = (min(x1, x2), height - max(y1, y2), max(x1, x2), height - min(y1, y2))
        rects[str(w["/T"])] = (box[0] / MM, box[1] / MM, box[2] / MM, box[3] / MM)
    return rects
