"""The other printed variants, read back from the PDFs the build makes: the A5 booklet imposed
for fold-and-staple printing, and large print (pdftotext -bbox for sizes, pixels for the rings)."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from helpers.pdfcheck import Built, field_rects, render_page, widgets
from PIL import Image
from pypdf import PdfReader

from generator.builder.cache import PARTS
from generator.content.loader import load_guide
from generator.content.model import Guide, ThreeCirclesHandout
from generator.pdf import job_list, job_render, variants
from generator.pdf.booklet import make_booklet
from generator.pdf.impose import saddle_order
from generator.render.diagram import Diagram, layout, ring_distance_range
from generator.render.job import A5
from generator.site.downloads import A5_FILE

pytestmark = pytest.mark.slow
PT = 72 / 25.4  # points per mm
MINIMAL = Path(__file__).resolve().parents[1] / "samples" / "minimal"
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')
DPI = 100
PX = 25.4 / DPI


def words(pdf: Path) -> list[tuple[int, float, float]]:
    """(page, height, bottom) in points of every word pdftotext finds."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        found += [(number, float(m[4]) - float(m[2]), float(m[4])) for m in WORD.finditer(page)]
    return found


def crop(box: tuple[float, float, float, float] | None) -> list[str]:
    """pdftotext's options for a box x, y, width, height in points (none: the whole page)."""
    if box is None:
        return []
    x, y, w, h = (str(round(v)) for v in box)
    return ["-x", x, "-y", y, "-W", w, "-H", h]


def text(pdf: Path, page: int, box: tuple[float, float, float, float] | None = None) -> str:
    """pdftotext of one page (or of a box x, y, width, height in points), whitespace collapsed."""
    args = ["pdftotext", "-f", str(page), "-l", str(page), *crop(box), str(pdf), "-"]
    return " ".join(subprocess.run(args, capture_output=True, text=True, check=True).stdout.split())


def texts(pdf: Path, box: tuple[float, float, float, float] | None = None) -> list[str]:
    """text() of every page, in one pdftotext run (each page ends with a form feed): the same
    words as a run per page (the saddle-order test made 113 runs, each reading the whole file)."""
    args = ["pdftotext", *crop(box), str(pdf), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in out.split("\f")[:-1]]


# ---------------------------------------------------------------- the A5 booklet


@pytest.fixture(scope="module")
def a5_pages(default_guide: Guide, default_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The A5 booklet before imposition: the parts the session's build laid out for its imposed
    file (conftest.default_build), joined flat by the same job. Laying them out again here cost
    10 s of CPU. They are copied first, as the join keeps what it read of each beside it."""
    job = next(j for j in job_list.pdf_jobs(default_guide) if j.variant == A5)
    folder = Path(shutil.copytree(default_build / "build" / PARTS / A5, tmp_path_factory.mktemp("a5") / "parts"))
    parts = variants.variant_parts(default_guide, job.source_date, A5)
    files = tuple((str(folder / f"{part.name}.pdf"), part.link_targets) for part in parts)
    path = folder.parent / "a5.pdf"
    path.write_bytes(make_booklet(default_guide, replace(job, parts=files), finish_variant=False))  # not yet imposed
    return path


def test_the_imposed_booklet_is_a4_landscape_with_two_pages_a_side(built: Built, a5_pages: Path) -> None:
    a5 = PdfReader(a5_pages)
    pages = len(a5.pages)
    assert pages > 8
    assert [round(float(v) / PT) for v in a5.pages[0].mediabox[2:]] == [148, 210]
    imposed = built.reader(A5_FILE)
    assert len(imposed.pages) == 2 * -(-pages // 4)
    for side in imposed.pages:
        assert (round(float(side.mediabox.width) / PT), round(float(side.mediabox.height) / PT)) == (297, 210)
    assert "for printing" in str(imposed.metadata.title)
    assert "/AcroForm" not in imposed.trailer["/Root"] and "/Outlines" not in imposed.trailer["/Root"]


def test_every_side_shows_its_two_pages_in_saddle_order(built: Built, a5_pages: Path) -> None:
    """The first side holds the last page beside the first; every other side follows the fold."""
    pages = len(PdfReader(a5_pages).pages)
    imposed = built.path(A5_FILE)
    width, height = 297 * PT / 2, 210 * PT
    sides = saddle_order(pages)
    flat = texts(a5_pages)
    halves = [texts(imposed, (half * width, 0, width, height)) for half in (0, 1)]
    assert len(flat) == pages and [len(half) for half in halves] == [len(sides)] * 2
    for number, side in enumerate(sides, start=1):
        for half, page in enumerate(side):
            expected = flat[page] if page is not None else ""
            assert halves[half][number - 1] == expected, (number, half, page)
    first_left, first_right = sides[0]
    assert first_right == 0 and first_left == (pages - 1 if pages % 4 == 0 else None)
    assert halves[1][0].startswith(flat[0][:30])


def test_a_letter_guide_gets_half_letter_pages_on_letter_landscape(tmp_path: Path) -> None:
    # The minimal guide: what is asserted is the paper and the folding, not the default guide's
    # pages, and its booklet costs a tenth of the default's ten CPU-seconds.
    root = Path(shutil.copytree(MINIMAL, tmp_path / "guide"))
    with (root / "site_config.yml").open("a", encoding="utf-8") as config:
        config.write("paper: Letter\n")
    guide = load_guide(root)
    assert guide.config.paper == "Letter"
    job = next(j for j in job_list.pdf_jobs(guide) if j.variant == A5)
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(job_render.render_job(guide, job))
    reader = PdfReader(pdf)
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {(792, 612)}
    assert "half-letter" in str(reader.metadata.title)
    # Side 2's left half is the contents, page 2, with the join's "Page 2 of N" at its foot.
    assert re.search(r"Page 2 of \d+$", text(pdf, 2, (0, 0, 396, 612)))


# ---------------------------------------------------------------- large print


def test_large_print_text_is_at_least_1_4_times_the_standard_handouts(built: Built, default_guide: Guide) -> None:
    for activity in default_guide.activities:
        standard = statistics.median(h for _, h, _ in words(built.path(f"{activity.id}.pdf")))
        large = statistics.median(h for _, h, _ in words(built.path(f"large-print/{activity.id}.pdf")))
        assert large >= 1.4 * standard, (activity.id, standard, large)


def test_large_print_body_text_is_16_pt_or_more(built: Built, default_guide: Guide) -> None:
    """Atkinson Hyperlegible's word boxes are 1.24 em tall: 16 pt text makes boxes of 19.8 pt."""
    for activity in default_guide.activities:
        pdf = built.path(f"large-print/{activity.id}.pdf")
        reader = PdfReader(pdf)
        circles = isinstance(activity.handout, ThreeCirclesHandout)
        for page, height, bottom in words(pdf):
            footer = bottom > float(reader.pages[page - 1].mediabox.height) - 20 * PT
            # Known gap: a long ring label is shrunk to fit its ring (render/diagram.py), down to
            # about 12.5 pt on A3; everything else is 16 pt or more.
            smallest = 12 if circles and page == 1 else 16
            assert footer or height >= smallest * 1.2, (activity.id, page, height)


def test_large_print_handouts_are_fillable_tagged_and_titled(built: Built, default_guide: Guide) -> None:
    for activity in default_guide.activities:
        standard = [str(w["/T"]) for w in widgets(built.reader(f"{activity.id}.pdf"))]
        reader = built.reader(f"large-print/{activity.id}.pdf")
        found = widgets(reader)
        assert found and all(str(w.get("/TU", "")).strip() for w in found), activity.id  # pdf.js reads /TU here
        if not isinstance(activity.handout, ThreeCirclesHandout):
            assert [str(w["/T"]) for w in found] == standard
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"] and root["/Lang"] == "en-GB"
        assert "large-print" in str(reader.metadata.title)
    booklet = built.reader("large-print/guide.pdf")
    assert "large print" in str(booklet.metadata.title) and "/StructTreeRoot" in booklet.trailer["/Root"]


def test_the_large_print_booklet_is_large_too(built: Built) -> None:
    standard = statistics.median(h for _, h, _ in words(built.path("guide.pdf")))
    large = words(built.path("large-print/guide.pdf"))
    assert statistics.median(h for _, h, _ in large) >= 1.4 * standard
    # Its page numbers too: the join draws them at 14 pt, not the standard booklet's 8.5 pt.
    footer = PdfReader(built.path("large-print/guide.pdf")).pages[2].extract_text()
    assert "Page 3 of" in footer
    numbers = [h for page, h, bottom in large if page == 3 and bottom > (297 - 20) * PT]
    assert numbers and min(numbers) >= 14 * 1.2


def circles_centre(image: Image.Image, diagram: Diagram, page_height: float) -> tuple[float, float]:
    """The centre (mm) of the outer circle, measured from its line: the large-print rings have no
    grey fill to find. Nothing is drawn below the diagram on page 1 but the footer."""
    pixels = image.load()
    radius = diagram.rings[2].r_outer

    def run(points: list[tuple[int, int]]) -> float:
        """Middle of the first dark run along points (the circle's line is about 3 px wide)."""
        dark = [i for i, (x, y) in enumerate(points) if pixels[x, y] < 128]
        first = dark[0]
        last = next((i for i in range(first, len(points)) if pixels[points[i]] >= 128), first + 1)
        return (first + last - 1) / 2

    bottom = int((page_height - 21) / PX)
    column = image.width // 2
    cy = (bottom - run([(column, y) for y in range(bottom, 0, -1)])) * PX - radius
    row = int(cy / PX)
    left = run([(x, row) for x in range(image.width)]) * PX
    right = (image.width - 1 - run([(x, row) for x in range(image.width - 1, -1, -1)])) * PX
    assert abs((right - left) / 2 - radius) < 1.0, "the large circles are not printed at their true size"
    cx = (left + right) / 2 + PX / 2
    cy = (bottom - run([(int(cx / PX), y) for y in range(bottom, 0, -1)])) * PX - radius + PX / 2
    return cx, cy


def test_large_three_circles_are_on_a3_with_every_field_inside_its_ring(
    built: Built, default_guide: Guide, tmp_path: Path
) -> None:
    circles = [a for a in default_guide.activities if isinstance(a.handout, ThreeCirclesHandout)]
    assert circles
    for activity in circles:
        assert isinstance(activity.handout, ThreeCirclesHandout)
        pdf = built.path(f"large-print/{activity.id}.pdf")
        reader = PdfReader(pdf)
        page = reader.pages[0]
        assert (round(float(page.mediabox.width) / PT), round(float(page.mediabox.height) / PT)) == (297, 420)
        d = layout(activity.handout.rings, *variants.LARGE_CIRCLES)
        assert [str(w["/T"]) for w in widgets(reader, 0)] == [f.name for f in d.fields]
        cx, cy = circles_centre(render_page(pdf, tmp_path / activity.id, DPI), d, 420)
        for f in d.fields:
            left, top, right, bottom = field_rects(reader)[f.name]
            near, far = ring_distance_range(left - cx, top - cy, right - left, bottom - top)
            ring = d.rings[f.ring]
            assert ring.r_inner - 0.8 <= near and far <= ring.r_outer + 0.8, (f.name, near, far)
        assert all(re.search(r" 16 Tf", str(w["/DA"])) for w in widgets(reader, 0)), "16 pt writing in the rings"


def test_large_print_can_be_turned_off(default_guide: Guide) -> None:
    config = default_guide.config.model_copy(update={"variants": ("epub",)})
    guide = default_guide.model_copy(update={"config": config})
    names = [job.filename for job in job_list.pdf_jobs(guide)]
    assert not [n for n in names if n.startswith("large-print/") or n == A5_FILE]
    # the large-print booklet and handouts, the A5 booklet and the Easy Read PDF are gone
    assert len(names) == len(job_list.pdf_jobs(default_guide)) - 3 - len(default_guide.activities)
