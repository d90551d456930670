"""Issue 15 in real PDFs: only the guide's fonts, a declared fallback font for Greek, long
words that wrap, Letter posters on Tabloid, brand colours without a logo."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont
from helpers.pdfcheck import render_all, render_page
from PIL import Image
from pypdf import PdfReader

from generator.common.colour import parse_hex
from generator.content.loader import load_guide
from generator.content.model import Guide, Step
from generator.pdf.brand import ring_fills
from generator.pdf.job_list import pdf_jobs
from generator.pdf.job_render import render_job

pytestmark = pytest.mark.slow

MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"
# A free font with Greek that Debian installs with fontconfig (package fonts-dejavu-core);
# the test cuts a tiny font of its own from it and names it, so no big file is committed.
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
GREEK = "Ωραία ομάδα"
# As pdffonts lists it; with a Greek title the form fields write in it too, as its second family (issue 26).
GREEK_NAMES = {"Guide-Greek-Test", "GuideGreekTest", "Guide-Greek-Test-Fields"}
WORD_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')
PAGE_BOX = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def guide_copy(tmp_path: Path, config_extra: str = "") -> Path:
    root = Path(shutil.copytree(MINIMAL, tmp_path / "guide"))
    if config_extra:
        with (root / "site_config.yml").open("a", encoding="utf-8") as config:
            config.write(config_extra)
    return root


def set_title(root: Path, activity: str, title: str) -> None:
    path = root / "content" / "activities" / f"{activity}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), encoding="utf-8")


def greek_font(dest: Path) -> Path:
    """A few kilobytes of Greek (and the Latin the title needs), as family 'Guide Greek Test'."""
    assert DEJAVU.exists(), "install fonts-dejavu-core (make system-deps does)"
    font = TTFont(DEJAVU)
    subsetter = Subsetter(Options(name_IDs=["*"], notdef_outline=True))
    subsetter.populate(text=GREEK + "".join(chr(c) for c in range(0x20, 0x7F)))
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = "Guide Greek Test"
        elif record.nameID == 6:
            record.string = "GuideGreekTest"
    dest.parent.mkdir(parents=True, exist_ok=True)
    font.save(dest)
    return dest


def fonts_in(pdf: Path) -> set[str]:
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = {row.split()[0].split("+")[-1] for row in rows.splitlines()[2:]}
    assert all(" yes " in row for row in rows.splitlines()[2:]), rows  # every font embedded
    return names


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def only_shipped(names: set[str], extra: set[str] = frozenset()) -> bool:  # type: ignore[assignment]
    return all(name.startswith("Atkinson-Hyperlegible-Next") or name in extra for name in names)


def with_steps(guide: Guide, steps: tuple[str, ...]) -> Guide:
    """The guide with the first activity's steps replaced, past the loader's checks."""
    first = guide.activities[0].model_copy(update={"steps": tuple(Step(text=text) for text in steps)})
    return guide.model_copy(update={"activities": (first, *guide.activities[1:])})


def test_letters_our_fonts_lack_never_come_from_the_machines_fonts(tmp_path: Path) -> None:
    # Greek straight to the renderer, past check (which would refuse it): DejaVu on this
    # machine has it, and must not be used.
    guide = with_steps(load_guide(guide_copy(tmp_path)), (f"Say {GREEK} to everyone.",))
    job = next(j for j in pdf_jobs(guide) if j.kind == "handout")
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(render_job(guide, job))
    names = fonts_in(pdf)
    assert names and only_shipped(names), names
    assert not any("DejaVu" in name for name in names)


def test_a_declared_font_draws_greek_in_every_pdf(tmp_path: Path) -> None:
    root = guide_copy(tmp_path, "fonts: [assets/fonts/greek-test.ttf]\n")
    greek_font(root / "content" / "assets" / "fonts" / "greek-test.ttf")
    set_title(root, "circles", GREEK)
    guide = load_guide(root)  # check passes now that a font has the letters
    files = render_all(guide, tmp_path / "out")
    for pdf in files:
        names = fonts_in(pdf)
        assert only_shipped(names, GREEK_NAMES), (pdf.name, names)
    for name in ("circles.pdf", "circles-a3.pdf", "guide.pdf"):
        pdf = tmp_path / "out" / name
        assert GREEK_NAMES & fonts_in(pdf), name
        assert GREEK in " ".join(text_of(pdf).split()), name


def test_a_4000_letter_word_stays_inside_every_page(tmp_path: Path) -> None:
    word = "ab" * 2000
    root = guide_copy(tmp_path)
    page = root / "content" / "pages" / "first-page.md"
    page.write_text(page.read_text() + f"\nA long address: {word}\n", encoding="utf-8")
    guide = with_steps(load_guide(root), (f"Read this: {word} and then sit down.",))
    files = render_all(guide, tmp_path / "out")
    for pdf in files:
        boxes = tmp_path / f"{pdf.stem}.html"
        subprocess.run(["pdftotext", "-bbox", str(pdf), str(boxes)], check=True)
        html = boxes.read_text(encoding="utf-8")
        pages = html.split("<page ")[1:]
        assert pages, pdf.name
        letters = 0
        for chunk in pages:
            width, height = map(float, PAGE_BOX.search("<page " + chunk).groups())  # type: ignore[union-attr]
            for x_min, y_min, x_max, y_max in (map(float, m) for m in WORD_BOX.findall(chunk)):
                assert x_min >= 0 and x_max <= width and y_min >= 0 and y_max <= height, (pdf.name, x_max, width)
            # A wrapped line may start on either letter: count every run of the word's two letters.
            letters += sum(len(w) for w in re.findall(r">([ab]{4,})<", chunk))
        if pdf.name in ("circles.pdf", "guide.pdf"):
            assert letters >= len(word), (pdf.name, letters)  # every letter printed, none cut off


def test_a_letter_guide_gets_a_tabloid_poster_and_letter_handouts(tmp_path: Path) -> None:
    guide = load_guide(guide_copy(tmp_path, "paper: letter\n"))
    sizes = {}
    for job in pdf_jobs(guide):
        if job.kind in ("handout", "poster"):
            box = PdfReader(__import__("io").BytesIO(render_job(guide, job))).pages[0].mediabox
            sizes[job.filename] = (round(float(box.width)), round(float(box.height)))
    assert sizes["circles-a3.pdf"] == (792, 1224)  # 11 x 17 in
    assert sizes["circles.pdf"] == sizes["questions.pdf"] == (612, 792)


def colour_pixels(image: Image.Image, colour: str, tolerance: int = 12) -> int:
    target = parse_hex(colour)
    return sum(
        count
        for count, pixel in image.getcolors(1 << 24) or []
        if all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], target, strict=True))
    )


def test_brand_colours_reach_every_pdf_without_a_logo(tmp_path: Path) -> None:
    primary = "#0b6e4f"
    guide = load_guide(guide_copy(tmp_path, f'brand:\n  primary: "{primary}"\n'))
    assert guide.config.brand.logo is None
    centre_tint = ring_fills(primary)[0]
    for job in pdf_jobs(guide):
        if job.variant or job.kind == "epub":
            continue  # the standard PDFs; large print takes the tints out on purpose
        pdf = tmp_path / job.filename
        pdf.write_bytes(render_job(guide, job))
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(pdf)])
        image = Image.open(f"{pdf}.png").convert("RGB")
        assert colour_pixels(image, primary) > 100, job.filename  # the heading and its rule
        if job.kind in ("handout", "poster") and job.activity_id == "circles":
            assert colour_pixels(image, centre_tint, 3) > 1000, job.filename  # the centre ring's tint
    assert render_page(tmp_path / "circles.pdf", tmp_path / "grey").mode == "L"
