"""The fillable three circles, checked from the outside: field rectangles read back from the PDF,
and text typed into them (with pypdf) found by pixels (rendered by poppler) inside the right ring.

The circles' centre is measured from the rendered page (the uniform grey of the centre circle),
not taken from our own layout, so a field that CSS put in the wrong place would be caught.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.pdfcheck import Built, field_rects, render_page, widgets
from PIL import Image, ImageChops, ImageDraw, ImageFilter
from pypdf import PdfReader, PdfWriter

from generator.content.model import Guide, ThreeCirclesHandout
from generator.pdf.brand import ring_fills
from generator.pdf.html import HANDOUT_DIAGRAM, POSTER_DIAGRAM
from generator.render.diagram import Diagram, layout, ring_distance_range

pytestmark = pytest.mark.slow
DPI = 100
PX = 25.4 / DPI  # mm per pixel
TOLERANCE = 0.6  # mm: a little over two pixels of measuring error


@dataclass(frozen=True)
class Case:
    pdf: Path
    diagram: Diagram
    blank: Image.Image
    centre: tuple[float, float]  # mm from the page's top-left corner, measured from pixels


def measure_centre(image: Image.Image, diagram: Diagram, fill: str) -> tuple[float, float]:
    """Centre of the centre circle: the bounding box of its uniform fill, a brand tint that poppler
    renders as one grey (antialiased edges excluded)."""
    r, g, b = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    grey = round(0.3 * r + 0.59 * g + 0.11 * b)
    low = image.filter(ImageFilter.MinFilter(5)).point(lambda v: 255 if v >= grey - 4 else 0)
    high = image.filter(ImageFilter.MaxFilter(5)).point(lambda v: 255 if v <= grey + 4 else 0)
    box = ImageChops.multiply(low, high).getbbox()
    assert box, "the centre circle's grey fill was not found"
    left, top, right, bottom = box
    radius = (right - left + 4) * PX / 2  # the 5x5 filter eats two pixels on each side
    assert abs(radius - diagram.rings[0].r_outer) < 1.0, "the diagram is not printed at its true size"
    return ((left + right) / 2 + 0.5) * PX, ((top + bottom) / 2 + 0.5) * PX


@pytest.fixture(scope="module")
def cases(built: Built, default_guide: Guide, tmp_path_factory: pytest.TempPathFactory) -> list[Case]:
    folder = tmp_path_factory.mktemp("circles")
    found = []
    for activity in default_guide.activities:
        if isinstance(activity.handout, ThreeCirclesHandout):
            for suffix, (size, band) in (("", HANDOUT_DIAGRAM), ("-a3", POSTER_DIAGRAM)):
                pdf = built.path(f"{activity.id}{suffix}.pdf")
                d = layout(activity.handout.rings, size, band)
                blank = render_page(pdf, folder / f"{pdf.stem}-blank", DPI)
                centre_fill = ring_fills(default_guide.config.brand.primary)[0]
                found.append(Case(pdf, d, blank, measure_centre(blank, d, centre_fill)))
    assert found
    return found


def test_the_a4_handout_has_at_least_20_named_fields(cases: list[Case]) -> None:
    for case in cases:
        names = [str(w["/T"]) for w in widgets(PdfReader(case.pdf), 0)]
        assert names == [f.name for f in case.diagram.fields]
        assert len(names) >= 20


def test_every_field_rectangle_read_back_lies_inside_its_ring(cases: list[Case]) -> None:
    for case in cases:
        rects = field_rects(PdfReader(case.pdf))
        cx, cy = case.centre
        for f in case.diagram.fields:
            left, top, right, bottom = rects[f.name]
            near, far = ring_distance_range(left - cx, top - cy, right - left, bottom - top)
            ring = case.diagram.rings[f.ring]
            assert ring.r_inner - TOLERANCE <= near and far <= ring.r_outer + TOLERANCE, (case.pdf.name, f.name)
            assert abs((right - left) - f.width) < 0.2 and abs((bottom - top) - f.height) < 0.2, f.name


def fill(pdf: Path, values: dict[str, str], out: Path) -> Path:
    writer = PdfWriter(clone_from=PdfReader(pdf))
    writer.update_page_form_field_values(writer.pages[0], values, auto_regenerate=False)
    buffer = io.BytesIO()
    writer.write(buffer)
    out.write_bytes(buffer.getvalue())
    return out


def ink(blank: Image.Image, filled: Image.Image) -> Image.Image:
    """White where the filled-in text darkened the page, black elsewhere."""
    return ImageChops.subtract(blank, filled).point(lambda v: 255 if v > 60 else 0)


def outside_ring(size: tuple[int, int], centre: tuple[float, float], r_in: float, r_out: float) -> Image.Image:
    """White everywhere except the annulus r_in..r_out (in mm) around centre."""
    mask = Image.new("L", size, 255)
    draw = ImageDraw.Draw(mask)
    cx, cy = centre[0] / PX, centre[1] / PX
    draw.ellipse((cx - r_out / PX, cy - r_out / PX, cx + r_out / PX, cy + r_out / PX), fill=0)
    if r_in > 0:
        draw.ellipse((cx - r_in / PX, cy - r_in / PX, cx + r_in / PX, cy + r_in / PX), fill=255)
    return mask


def test_text_typed_into_each_ring_shows_inside_that_ring(cases: list[Case], tmp_path: Path) -> None:
    for case in cases:
        for ring in case.diagram.rings:
            mine = [f for f in case.diagram.fields if f.ring == ring.index]
            text = {f.name: ("WWW WWW\nWWW WWW\nWWW WWW" if f.multiline else "W" * 40) for f in mine}
            filled = fill(case.pdf, text, tmp_path / f"{case.pdf.stem}-{ring.index}.pdf")
            image = render_page(filled, tmp_path / f"{case.pdf.stem}-{ring.index}", DPI)
            typed = ink(case.blank, image)
            assert typed.histogram()[255] > 40 * len(mine), (case.pdf.name, ring.label, "was the text drawn?")
            mask = outside_ring(typed.size, case.centre, max(ring.r_inner - TOLERANCE, 0), ring.r_outer + TOLERANCE)
            stray = ImageChops.multiply(typed, mask).getbbox()
            assert stray is None, (case.pdf.name, ring.label, "text outside its ring at", stray)


def test_a_ticked_box_shows_inside_its_own_box(built: Built, default_guide: Guide, tmp_path: Path) -> None:
    name = next(f"{a.id}.pdf" for a in default_guide.activities if a.handout and a.handout.kind == "checklist")
    reader = built.reader(name)
    target = str(widgets(reader, 0)[3]["/T"])
    blank = render_page(built.path(name), tmp_path / "blank", DPI)
    ticked = render_page(fill(built.path(name), {target: "/on"}, tmp_path / "ticked.pdf"), tmp_path / "ticked", DPI)
    box = ink(blank, ticked).getbbox()
    assert box, "ticking the box changed nothing"
    left, top, right, bottom = field_rects(reader)[target]
    assert left - TOLERANCE <= box[0] * PX and box[2] * PX <= right + TOLERANCE
    assert top - TOLERANCE <= box[1] * PX and box[3] * PX <= bottom + TOLERANCE
