"""The Easy Read PDF (issue 31), read back from the PDF: text of 14 pt or more everywhere, each
picture left of its text and described in the structure tree, at most 24 pages, the crisis
contacts from content/support.yml, the paper from site_config.yml, mirrored right to left."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers.easy_read_geometry import Box, figures, font_heights, marked_boxes, text_sizes, words
from helpers.pdfcheck import Built
from PIL import Image
from pypdf import PdfReader

from generator.content.model import EasyRead, EasyReadPoint, Guide
from generator.errors import ContentError
from generator.pdf import job_list, job_render

pytestmark = pytest.mark.slow
OUTPUT = Path(__file__).resolve().parent.parent / "output"  # pictures of pages for people; ignored by git
MM = 72 / 25.4


def easy_read_pdf(guide: Guide, path: Path) -> Path:
    (job,) = [j for j in job_list.pdf_jobs(guide) if j.kind == "easy-read"]
    assert job.filename == f"{guide.config.slug}-easy-read.pdf"
    path.write_bytes(job_render.render_job(guide, job))
    return path


def with_config(guide: Guide, **update: object) -> Guide:
    return guide.model_copy(update={"config": guide.config.model_copy(update=update)})


@pytest.fixture(scope="module")
def pdf(built: Built, default_guide: Guide) -> Path:
    """The default guide's Easy Read PDF from the session's shared build (conftest.built: its
    workers call render_job, as easy_read_pdf renders it), read and never written."""
    (job,) = [j for j in job_list.pdf_jobs(default_guide) if j.kind == "easy-read"]
    assert job.filename == f"{default_guide.config.slug}-easy-read.pdf"
    return built.path(job.filename)


def test_all_text_is_14_pt_or_more_and_points_are_16(pdf: Path) -> None:
    sizes = text_sizes(PdfReader(pdf))
    assert len(sizes) > 100
    assert [(round(size, 2), text) for size, text in sizes if size < 14 - 0.01] == []
    assert sum(1 for size, _ in sizes if abs(size - 16) < 0.01) > 50  # the points' text


def test_word_boxes_show_14_pt_or_more(pdf: Path) -> None:
    """poppler's word boxes, an independent reading: a box is the font's height (ascent to descent)
    at the size the word is drawn, so each box's height over the font's gives its size."""
    (height,) = font_heights(PdfReader(pdf))  # one family (regular and bold share their metrics)
    found = [(word, (box[3] - box[1]) / height) for page in words(pdf).values() for word, box in page]
    assert len(found) > 300
    assert [(word, round(size, 1)) for word, size in found if size < 14 - 0.05] == []
    assert sum(1 for _, size in found if abs(size - 16) < 0.05) > 300


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def pictures_and_text(pdf: Path) -> list[tuple[str | None, Box, list[tuple[str, Box]]]]:
    """Each Figure: its alternative text, its box and the words whose middle is level with it."""
    reader = PdfReader(pdf)
    on_page = words(pdf)
    found = []
    for figure in figures(reader):
        marked = marked_boxes(reader, figure.page)
        box = _union([marked[m] for m in figure.mcids if m in marked])
        level = [(w, b) for w, b in on_page[figure.page] if box[1] <= (b[1] + b[3]) / 2 <= box[3]]
        found.append((figure.alt, box, level))
    return found


def test_every_picture_is_described_and_left_of_its_text(pdf: Path, default_guide: Guide) -> None:
    points = [p for item in default_guide.easy_read for p in item.points]
    found = pictures_and_text(pdf)
    assert [alt for alt, _, _ in found] == [p.description for p in points]
    for point, (_, box, level) in zip(points, found, strict=True):
        assert 8 * MM <= box[2] - box[0] <= 30.5 * MM, point.text  # drawn in its 30 mm square (with OpenMoji's margins)
        said = " ".join(w for w, _ in sorted(level, key=lambda wb: (round(wb[1][1]), wb[1][0])))
        assert said == point.text.replace("**", ""), point.text
        assert all(b[0] >= box[2] + 8 * MM for _, b in level), point.text  # to its right, with space


def test_right_to_left_languages_put_the_picture_on_the_right(default_guide: Guide, tmp_path: Path) -> None:
    guide = with_config(default_guide, language="ar")
    found = pictures_and_text(easy_read_pdf(guide, tmp_path / "ar.pdf"))
    assert len(found) == sum(len(item.points) for item in guide.easy_read)
    for _, box, level in found:
        assert level and all(b[2] <= box[0] - 8 * MM for _, b in level)


def test_within_24_pages_with_the_contacts_and_the_credit(pdf: Path, default_guide: Guide) -> None:
    reader = PdfReader(pdf)
    assert 2 <= len(reader.pages) <= 24
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout.split()
    )
    assert default_guide.support is not None
    for contact in default_guide.support.contacts:
        assert f"{contact.name}: {contact.how}" in text
    assert "Pictures by OpenMoji" in text and "CC BY-SA 4.0" in text
    for item in default_guide.easy_read:
        assert item.title in text
        for word in item.hard_words:
            assert f"{word.word}: {word.meaning}" in text


def test_pages_rendered_show_the_pictures_in_colour_on_the_left(pdf: Path) -> None:
    """poppler draws the pages (saved in tests/output/ for people to look at): the pictures are there."""
    OUTPUT.mkdir(exist_ok=True)
    for page in (2, 7):  # a page of points, and the page with the contacts
        stem = OUTPUT / f"easy-read-page-{page}"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
            check=True,
        )
        image = Image.open(stem.with_suffix(".png")).convert("RGB")
        left = image.crop((0, 0, image.width // 4, image.height)).getcolors(1 << 16) or []
        right = image.crop((image.width // 2, 0, image.width, image.height)).getcolors(1 << 16) or []
        assert sum(n for n, c in left if max(c) - min(c) > 80) > 200  # OpenMoji's yellows and reds
        assert sum(n for n, c in right if max(c) - min(c) > 80) < 50  # the text side is black on white


def test_letter_guides_print_on_letter(default_guide: Guide, tmp_path: Path) -> None:
    reader = PdfReader(easy_read_pdf(with_config(default_guide, paper="Letter"), tmp_path / "letter.pdf"))
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {(612, 792)}


def test_more_than_24_pages_is_refused_naming_the_folder(default_guide: Guide) -> None:
    point = EasyReadPoint(text="A point.", picture="yes", description="A green tick.")
    long = tuple(EasyRead(id=f"long-{n}", title=f"Long {n}", points=(point,) * 40) for n in range(5))
    guide = default_guide.model_copy(update={"easy_read": long})
    (job,) = [j for j in job_list.pdf_jobs(guide) if j.kind == "easy-read"]
    with pytest.raises(ContentError) as error:
        job_render.render_job(guide, job)
    (problem,) = error.value.problems
    assert problem.path == "content/easy-read/" and "more than the 24 Easy Read allows" in problem.message


def test_no_easy_read_pdf_without_texts_or_when_turned_off(default_guide: Guide) -> None:
    assert not [
        j for j in job_list.pdf_jobs(default_guide.model_copy(update={"easy_read": ()})) if j.kind == "easy-read"
    ]
    off = with_config(default_guide, variants=("epub",))
    assert not [j for j in job_list.pdf_jobs(off) if j.kind == "easy-read"]
