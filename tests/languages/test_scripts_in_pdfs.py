"""Issue 26 in real PDFs: guides written in Urdu, Arabic and Bengali, with fonts declared under
`fonts:`. Judged by poppler (pdftotext's words and their boxes, pdffonts) and pypdf, not by
our own HTML: pages run right to left where the language does, ring labels stay inside their
ring, and the handout's words come back as written."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from helpers.written_guides import ARABIC, BENGALI, GUIDES, URDU, Words, write_guide
from pypdf import PdfReader

from generator.content.loader import load_guide
from generator.content.model import Guide, ThreeCirclesHandout
from generator.pdf.html import HANDOUT_DIAGRAM
from generator.pdf.job_list import pdf_jobs
from generator.pdf.job_render import render_job
from generator.render import diagram
from generator.render.fonts import text_measure

pytestmark = pytest.mark.slow

MM = 72 / 25.4
MARGIN_MM = 15
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")  # pdftotext marks runs with these


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float
    text: str

    @property
    def middle(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Built:
    words: Words
    guide: Guide
    folder: Path
    files: tuple[str, ...]

    def pdf(self, name: str) -> Path:
        return self.folder / name


@pytest.fixture(scope="module", params=[URDU.language, ARABIC.language, BENGALI.language])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, urdu_build: Path) -> Built:
    """Every PDF of one language's guide, made once for the tests that read them. Urdu's are the
    PDFs of the session's `guidegen build` (conftest.py), which the site's tests also read; the
    others are rendered here, as the build's workers render them."""
    words = GUIDES[request.param]
    if words is URDU:
        out = urdu_build / "build" / "pdf"
        made = tuple(sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")))
        return Built(words, load_guide(urdu_build), out, made)
    root = write_guide(tmp_path_factory.mktemp(words.language) / "guide", words)
    guide = load_guide(root)  # check passes: the declared font has every letter
    out = root / "out"
    names = []
    for job in pdf_jobs(guide):
        (out / job.filename).parent.mkdir(parents=True, exist_ok=True)
        (out / job.filename).write_bytes(render_job(guide, job))
        names.append(job.filename)
    return Built(words, guide, out, tuple(names))


def rtl(built: Built) -> bool:
    return built.words.language in ("ur", "ar")


def words_on(pdf: Path, page: int = 1) -> tuple[float, list[Box]]:
    """The page's width and its words' boxes, in points from the top-left corner, as poppler finds them."""
    command = ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"]
    xml = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', xml).group(1))  # type: ignore[union-attr]
    boxes = [Box(float(a), float(b), float(c), float(d), text) for a, b, c, d, text in WORD.findall(xml)]
    return width, boxes


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(BIDI_CONTROLS.sub("", out).split())


def test_every_pdf_is_made(built: Built) -> None:
    assert {"circles.pdf", "circles-a3.pdf", "questions.pdf", "guide.pdf", "large-print/circles.pdf"} <= set(
        built.files
    )


# Not the poster, which centres it, nor questions.pdf, whose activity is still in English: its
# title reads left to right (test_english_written_in_a_right_to_left_guide_reads_left_to_right).
@pytest.mark.parametrize("name", ["circles.pdf", "large-print/circles.pdf", "sessions/evening-agenda.pdf"])
def test_the_title_stands_at_the_start_of_the_line(built: Built, name: str) -> None:
    """Right-aligned against the right margin in Urdu and Arabic, against the left in Bengali."""
    width, boxes = words_on(built.pdf(name))
    first_line = min(b.top for b in boxes)
    title = [b for b in boxes if abs(b.top - first_line) < 2]
    margin = MARGIN_MM * MM
    if rtl(built):
        assert abs(max(b.right for b in title) - (width - margin)) < 3 * MM, (name, title)
        assert min(b.left for b in title) > width / 2, (name, title)  # a short title stays on its side
    else:
        assert abs(min(b.left for b in title) - margin) < 3 * MM, (name, title)
        assert max(b.right for b in title) < width / 2, (name, title)


@pytest.mark.parametrize("built", [URDU.language, ARABIC.language], indirect=True)
def test_english_written_in_a_right_to_left_guide_reads_left_to_right(built: Built) -> None:
    """The questions activity is in English: its title and aim start at the left margin, as a
    browser's dir="auto" would put them, while the page's own words stay on the right."""
    width, boxes = words_on(built.pdf("questions.pdf"))
    first_line = min(b.top for b in boxes)
    title = [b for b in boxes if abs(b.top - first_line) < 2]
    assert " ".join(b.text for b in title) == "Talking it through"
    assert abs(min(b.left for b in title) - MARGIN_MM * MM) < 3 * MM, title
    page = next(b for b in boxes if b.text == "Page")
    assert page.right < width / 2  # the footer stays mirrored


def test_list_numbers_and_the_page_number_are_mirrored(built: Built) -> None:
    """The steps' numbers stand at the start of their line; 'Page 2 of 2' at the end of the page."""
    width, boxes = words_on(built.pdf("circles.pdf"), page=2)
    # Step 1's number, as poppler gives it: ".1" or "1." (the order of a number and its full stop
    # in a right-to-left line is the viewer's choice).
    number = next(b for b in boxes if b.text in (".1", "1."))
    same_line = [b for b in boxes if abs(b.middle[1] - number.middle[1]) < 3 and b is not number]
    assert len(same_line) >= 3, same_line
    page = next(b for b in boxes if b.text == "Page")
    if rtl(built):
        assert all(b.right <= number.left + 1 for b in same_line), (number, same_line)
        assert page.right < width / 2
    else:
        assert all(b.left >= number.right - 1 for b in same_line), (number, same_line)
        assert page.left > width / 2


@pytest.mark.parametrize("name", ["guide.pdf", "large-print/guide.pdf"])
def test_the_booklets_page_number_is_mirrored(built: Built, name: str) -> None:
    """The join's 'Page 2 of N' stands at the line's end, as the handouts' does: at the left margin
    right to left, with the title the parts draw on the other side."""
    width, boxes = words_on(built.pdf(name), page=2)
    page = next(b for b in boxes if b.text == "Page")
    footer = [b for b in boxes if abs(b.middle[1] - page.middle[1]) < 3]
    label = [b for b in footer if b.text == "Page" or b.text == "of" or b.text.isdigit()]
    others = [b for b in footer if b not in label]
    assert len(label) == 4 and others, footer  # Page 2 of N, and the title's words
    if rtl(built):
        assert abs(page.left - MARGIN_MM * MM) < 1 and all(b.left > width / 2 for b in others), footer
    else:
        assert max(b.right for b in label) > width - MARGIN_MM * MM - 1
        assert all(b.right < width / 2 for b in others), footer


def test_the_a5_booklets_page_numbers_are_mirrored_on_each_half_of_the_sheet(built: Built) -> None:
    width, boxes = words_on(built.pdf("guide-a5-booklet.pdf"), page=1)
    half = width / 2
    numbers = [b for b in boxes if b.text == "Page"]
    assert numbers, boxes
    for box in numbers:  # on the back cover's half there is none; every other is at its line's end
        within = box.left % half
        assert (within < half / 2) if rtl(built) else (within > half / 2), (box, half)


def test_the_agendas_first_column_is_at_the_start_of_the_line(built: Built) -> None:
    """The clock times stand where a reader of the language starts: right in Urdu and Arabic."""
    _, boxes = words_on(built.pdf("sessions/evening-agenda.pdf"))
    clock = max((b for b in boxes if b.text == "18:30"), key=lambda b: b.bottom - b.top)  # not the caption's
    # The rest of its row: the first item's words and its length ('15 min').
    welcome = [b for b in boxes if abs(b.middle[1] - clock.middle[1]) < 10 and b is not clock]
    assert len(welcome) >= 3, [b.text for b in boxes]
    if rtl(built):
        assert all(b.right < clock.left for b in welcome), (clock, welcome)
    else:
        assert all(b.left > clock.right for b in welcome), (clock, welcome)


def diagram_origin(pdf: Path, shape: diagram.Diagram) -> tuple[float, float]:
    """Where the diagram's top-left corner is on page 1 (points from the page's top-left),
    found from the centre field's rectangle as pypdf reads it."""
    page = PdfReader(pdf).pages[0]
    height = float(page.mediabox.height)
    centre = shape.fields[0]
    for annot in page["/Annots"]:
        widget = annot.get_object()
        if widget.get("/T") == centre.name:
            x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
            return min(x1, x2) - centre.x * MM, height - max(y1, y2) - centre.y * MM
    raise AssertionError(f"no field {centre.name}")


def test_ring_labels_stay_inside_their_ring(built: Built) -> None:
    """Every word in a label's row lies within the ring at that height: shrunk or wrapped, never spilt."""
    handout = built.guide.activity("circles").handout
    assert isinstance(handout, ThreeCirclesHandout)
    measure = text_measure(built.guide.content_dir, built.guide.config.fonts)
    shape = diagram.layout(handout.rings, *HANDOUT_DIAGRAM, measure=measure)
    left, top = diagram_origin(built.pdf("circles.pdf"), shape)
    _, boxes = words_on(built.pdf("circles.pdf"))
    centre_x = left + shape.centre * MM
    for label in shape.labels:
        row_top, row_bottom = top + label.top * MM, top + (label.top + label.line_height * len(label.lines)) * MM
        inside = [b for b in boxes if row_top <= b.middle[1] <= row_bottom and abs(b.middle[0] - centre_x) < 40 * MM]
        assert inside, f"no words found for {label.text!r}"
        half = label.width * MM / 2 + 0.5  # the chord at the top of its letters, half a point of slack
        assert min(b.left for b in inside) >= centre_x - half, (label.text, inside)
        assert max(b.right for b in inside) <= centre_x + half, (label.text, inside)
        ring = shape.rings[label.ring].r_outer * MM
        for b in inside:  # and the box's corners inside the ring's circle
            for x in (b.left, b.right):
                assert (x - centre_x) ** 2 + (b.middle[1] - (top + shape.centre * MM)) ** 2 <= ring**2


@pytest.mark.parametrize("built", [URDU.language, ARABIC.language], indirect=True)
@pytest.mark.parametrize("name", ["circles.pdf", "circles-a3.pdf", "large-print/circles.pdf"])
def test_the_handout_gives_its_words_back_in_order(built: Built, name: str) -> None:
    """What a screen reader or a search gets: title, instructions, ring labels (outer first, as
    they stand on the page) and steps, as written. Not Bengali: WeasyPrint 70 maps each glyph to
    one text, so a vowel sign drawn before its consonant comes back misplaced (README)."""
    text = words_of(text_of(built.pdf(name)))
    w = built.words
    wanted = [w.title, w.instructions, *reversed(w.rings)] + ([] if name == "circles-a3.pdf" else list(w.steps))
    position = 0
    for phrase in wanted:
        found = find_run(text, words_of(phrase), position)
        assert found >= 0, f"{phrase!r} not found after word {position} in {name}: {text}"
        position = found + len(words_of(phrase))


def words_of(text: str) -> list[str]:
    """Words without the punctuation at their ends, split at full stops too: poppler may put a
    line's last full stop at its other end (a neutral character between directions), or glue a
    list's number to the end of its item's text ('لکھیں۔.1'), which is not a word read wrongly."""
    return [word for word in (w.strip(":؟?۔،,") for w in re.split(r"[\s.]+", text)) if word]


def find_run(words: list[str], run: list[str], start: int) -> int:
    """Where run first occurs in words at or after start, or -1."""
    for index in range(start, len(words) - len(run) + 1):
        if words[index : index + len(run)] == run:
            return index
    return -1


def test_only_the_guides_fonts_are_embedded(built: Built) -> None:
    family = {"ur": "Noto-Naskh-Arabic", "ar": "Noto-Naskh-Arabic", "bn": "Noto-Sans-Bengali"}[built.words.language]
    for name in built.files:
        if not name.endswith(".pdf"):
            continue
        rows = subprocess.run(["pdffonts", str(built.pdf(name))], capture_output=True, text=True, check=True).stdout
        fonts = {row.split()[0].split("+")[-1] for row in rows.splitlines()[2:]}
        assert all(f.startswith(("Atkinson-Hyperlegible-Next", family)) for f in fonts), (name, fonts)
        if "circles" in name or "guide" in name:  # the questions activity is still in English
            assert any(f.startswith(family) for f in fonts), (name, fonts)


# Letters of each script that the guides' words do not use: the fields' font must have them too.
UNUSED_LETTERS = {"ur": "ژڑںۓ", "ar": "ظضغ", "bn": "ঝঢঞ"}


def test_every_field_writes_in_a_font_with_the_whole_script(built: Built) -> None:
    """Each field's appearance names the declared font, embedded whole (not only the letters
    printed), so what someone types later in any word of the language can be drawn."""
    reader = PdfReader(built.pdf("circles.pdf"))
    resources = reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]
    widgets = [a.get_object() for a in reader.pages[0]["/Annots"] if a.get_object().get("/FT") == "/Tx"]
    assert len(widgets) > 10
    names = {str(w["/DA"]).split("/")[2].split()[0] for w in widgets}  # "/a1.0 gs 0 0 0 rg /ABCDEF 10 Tf"
    assert len(names) == 1, names
    font = resources[f"/{names.pop()}"].get_object()
    assert "Noto" in str(font["/BaseFont"]), font["/BaseFont"]
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    cmap = TTFont(BytesIO(descriptor["/FontFile2"].get_data())).getBestCmap()
    letters = "".join(built.words.rings) + UNUSED_LETTERS[built.words.language]
    assert all(ord(c) in cmap for c in letters if not c.isspace()), [c for c in letters if ord(c) not in cmap]


def test_every_pdf_that_claims_pdfua_passes_the_validator(built: Built) -> None:
    """Issue 27 for right-to-left and complex scripts: the independent validator (page-validation,
    ua1) accepts every PDF of the Urdu, Arabic and Bengali guides that says it is PDF/UA-1."""
    from helpers.pdfua import claims_pdfua, findings

    claiming = [built.pdf(name) for name in built.files if claims_pdfua(built.pdf(name))]
    assert len(claiming) >= len(built.files) - 1  # all but the A5 printing sheets, if any
    assert [str(finding) for path in claiming for finding in findings(path)] == []
