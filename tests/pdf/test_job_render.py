"""The built PDFs, read back with pypdf, checked by qpdf and looked at with pdftoppm."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.pdfcheck import Built, render_page, widgets
from helpers.pdfua import findings
from pypdf import PdfReader

from generator.common.messages import messages_for
from generator.content.loader import load_guide
from generator.content.model import ChecklistHandout, Guide, QuestionsHandout, TableHandout, ThreeCirclesHandout
from generator.pdf.fields import checklist_rows, table_rows
from generator.pdf.job_list import pdf_jobs
from generator.pdf.job_render import render_job
from generator.render import diagram
from generator.render.job import LARGE
from generator.render.markdown import plain_text
from generator.site.downloads import A5_FILE

pytestmark = pytest.mark.slow
OUTPUT = Path(__file__).resolve().parent.parent / "output"
MULTILINE = 1 << 12


def tooltip_pattern(rings: tuple[str, ...]) -> re.Pattern[str]:
    """What every widget's tooltip in a three-circle handout looks like, for these ring labels."""
    labels = "|".join(re.escape(r) for r in rings)
    return re.compile(rf"({labels}) \((centre circle|middle ring|outer ring)\)(, line \d+( \((left|right)\))?)?")


def handout_files(guide: Guide) -> list[str]:
    """The standard handouts and posters (the other variants are checked in test_variants.py)."""
    return [job.filename for job in pdf_jobs(guide) if job.kind in ("handout", "poster") and not job.variant]


def words(text: str) -> str:
    """Text as pypdf extracts it, reduced to words, so line breaks and hyphenation don't matter."""
    return " ".join(re.findall(r"[\w']+", text.replace("’", "'")))


# Lines that are not the body's words: the page footer, and list numbers (WeasyPrint draws a
# list's numbers after its items, so pypdf reads them at the end of the page).
NOT_BODY = re.compile(r"^(.*\bPage \d+ of \d+|\d+\.\s*)$", re.MULTILINE)


def body_words(texts: tuple[str, ...]) -> str:
    """Every page's words in reading order, so a step that runs on to the next page reads whole."""
    return words("\n".join(NOT_BODY.sub("", text) for text in texts))


def test_one_pdf_per_activity_the_poster_and_the_booklet(built: Built, default_guide: Guide) -> None:
    names = sorted(p.relative_to(built.folder).as_posix() for p in built.files)
    expected = {f"{a.id}.pdf" for a in default_guide.activities} | {"guide.pdf"}
    expected |= {f"{a.id}-a3.pdf" for a in default_guide.activities if isinstance(a.handout, ThreeCirclesHandout)}
    expected |= {f"sessions/{s.id}-{kind}.pdf" for s in default_guide.sessions for kind in ("agenda", "pack")}
    # The other variants (tests/pdf/test_variants.py, test_pdf_easy_read.py): large print, the A5 booklet, Easy Read.
    expected |= {f"large-print/{a.id}.pdf" for a in default_guide.activities}
    expected |= {"large-print/guide.pdf", "guide-a5-booklet.pdf", f"{default_guide.config.slug}-easy-read.pdf"}
    assert names == sorted(expected)
    assert all(p.read_bytes().startswith(b"%PDF-") for p in built.files)


def test_weasyprint_had_nothing_to_warn_about(built: Built) -> None:
    assert built.warnings == ()
    assert built.layouts >= len(built.files)  # the log heard every worker: a booklet is several layouts


def test_qpdf_finds_no_problems(built: Built) -> None:
    for path in built.files:
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, (path.name, result.stdout, result.stderr)
        assert "No syntax or stream encoding errors" in result.stdout


def test_every_pdf_is_tagged_titled_in_the_guide_language_with_fonts_embedded(
    built: Built, default_guide: Guide
) -> None:
    for path in built.files:
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        assert root["/Lang"] == default_guide.config.language
        if path.name != A5_FILE:  # imposed for printing only: sheets have no reading order to tag
            assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
        assert root["/ViewerPreferences"]["/DisplayDocTitle"]
        assert reader.metadata is not None and reader.metadata.title
        assert "/CreationDate" not in reader.metadata  # no SOURCE_DATE_EPOCH: no date at all
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all("Atkinson-Hyperlegible" in row and " yes " in row for row in rows), fonts


def test_handouts_carry_the_aim_time_steps_and_licence_but_never_facilitator_notes(
    built: Built, default_guide: Guide
) -> None:
    config = default_guide.config
    for job in pdf_jobs(default_guide):
        if job.kind != "handout":
            continue
        activity = default_guide.activity(job.activity_id or "")
        text = body_words(built.texts(job.filename))
        title = activity.handout.title if activity.handout and activity.handout.title else activity.title
        assert words(title) in text
        assert words(plain_text(activity.aim)) in text
        assert f"Time {messages_for(default_guide.config).duration(activity.duration_minutes)}" in text
        assert all(words(plain_text(step.text)) in text for step in activity.steps)
        assert words(f"{config.organisation}. Shared under the {config.licence.name} licence") in text
        assert activity.facilitator_notes
        note_sentences = [words(s) for s in re.split(r"(?<=[.!?])\s+", plain_text(activity.facilitator_notes))]
        assert not any(sentence in text for sentence in note_sentences), job.filename
        assert "Facilitator notes" not in text


def test_the_booklet_has_everything_including_facilitator_notes(built: Built, default_guide: Guide) -> None:
    reader, texts = built.reader("guide.pdf"), built.texts("guide.pdf")
    text = words("\n".join(texts))
    config = default_guide.config
    assert words(config.title) in text and words(config.organisation) in text and words(config.licence.name) in text
    for activity in default_guide.activities:
        assert activity.facilitator_notes and words(plain_text(activity.facilitator_notes)) in text
    for skill in default_guide.skills:
        assert all(words(plain_text(way)) in text for way in skill.ways_to_develop)
    footer = re.search(r"Page (\d+) of (\d+)", texts[3])
    assert footer and footer.group(1) == "4" and int(footer.group(2)) == len(reader.pages)


def outline_titles(items: list) -> list[str]:
    titles: list[str] = []
    for item in items:
        titles += outline_titles(item) if isinstance(item, list) else [item.title]
    return titles


def test_booklet_outline_and_contents_have_an_entry_per_page_and_activity(built: Built, default_guide: Guide) -> None:
    reader = built.reader("guide.pdf")
    titles = outline_titles(reader.outline)
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert [p.title for p in default_guide.pages] == [t for t in top if t in {p.title for p in default_guide.pages}]
    assert {"Contents", "Skills", "Activities"} <= set(top)
    activities = [a.title for a in default_guide.activities]
    assert activities == [t for t in titles if t in activities]
    assert all(s.name in titles for s in default_guide.skills)
    # Bookmarks point at the page where the heading is, and the contents page shows the same number.
    contents = reader.pages[1].extract_text()
    for item in reader.outline:
        if not isinstance(item, list) and item.title in {a.title for a in default_guide.pages}:
            number = reader.get_destination_page_number(item) + 1
            assert re.search(re.escape(item.title) + r"[ .]*" + str(number) + r"\b", contents), item.title


def test_three_circle_fields_have_names_tooltips_and_types(built: Built, default_guide: Guide) -> None:
    for activity in default_guide.activities:
        if not isinstance(activity.handout, ThreeCirclesHandout):
            continue
        for name in (f"{activity.id}.pdf", f"{activity.id}-a3.pdf"):
            reader = built.reader(name)
            fields = reader.get_fields() or {}
            assert len(fields) >= 20
            assert len(reader.pages) == (1 if name.endswith("-a3.pdf") else 2)
            centre, *rest = widgets(reader)
            prefixes: set[str] = set()
            names = [diagram.slug(label, i, prefixes) for i, label in enumerate(activity.handout.rings)]
            assert centre["/T"] == names[0] and int(centre.get("/Ff", 0)) & MULTILINE
            assert all(not int(w.get("/Ff", 0)) & MULTILINE and w["/FT"] == "/Tx" for w in rest)
            assert re.fullmatch(rf"{names[1]}_\d\d", rest[0]["/T"])
            tooltip = tooltip_pattern(activity.handout.rings)
            for w in widgets(reader):  # pdf.js shows a tooltip only when /TU is on the widget itself
                assert tooltip.fullmatch(w["/TU"]), w["/TU"]
            size = float(re.search(r"/a1.0 gs 0 0 0 rg /\w+ ([\d.]+) Tf", centre["/DA"]).group(1))  # type: ignore[union-attr]
            assert abs(size - (12 if name.endswith("-a3.pdf") else 10)) < 0.01


def test_questions_checklist_and_table_fields(built: Built, default_guide: Guide) -> None:
    for activity in default_guide.activities:
        handout = activity.handout
        reader = built.reader(f"{activity.id}.pdf")
        found = {w["/T"]: w for w in widgets(reader)}
        if isinstance(handout, QuestionsHandout):
            assert list(found) == [f"question_{n:02d}" for n in range(1, len(handout.questions) + 1)]
            for w, question in zip(found.values(), handout.questions, strict=True):
                assert w["/FT"] == "/Tx" and int(w["/Ff"]) & MULTILINE and plain_text(question) in w["/TU"]
        elif isinstance(handout, ChecklistHandout):
            rows = checklist_rows(handout, default_guide)
            assert len(rows) == len(default_guide.skills) * handout.from_skills + len(handout.items)
            assert list(found) == [f.name for row in rows for f in row.cells]
            assert all(w["/FT"] == "/Btn" and w["/AS"] == "/Off" for w in found.values())
            if handout.from_skills:
                assert found["listening__i_do_this_well"]["/TU"] == "Listening: I do this well"
        elif isinstance(handout, TableHandout):
            rows = table_rows(handout)
            cells = len(handout.rows) * len(handout.columns) + handout.blank_rows * (1 + len(handout.columns))
            assert len(found) == cells
            assert list(found) == [f.name for row in rows for f in ((row.first,) if row.first else ()) + row.cells]
            assert all(w["/FT"] == "/Tx" and not int(w.get("/Ff", 0)) & MULTILINE for w in found.values())
            if handout.title == "Sharing out the role":
                assert found["booking_the_venue__who_leads"]["/TU"] == "Booking the venue: Who leads"
        for w in found.values():
            size = re.search(r" ([\d.]+) Tf", str(w.get("/DA", " 10 Tf")))
            assert size and 9 <= float(size.group(1)) <= 10


def test_rebuilding_gives_byte_identical_pdfs_even_from_another_folder(
    built: Built, default_build: Path, default_guide: Guide
) -> None:
    """`guidegen build` of a copy of the guide in another folder (the session's
    conftest.default_build, its workers calling render_job) made exactly the PDFs of the guide's
    jobs, and one job of each kind and variant rendered here from the repository has its bytes.
    The other PDF tests read the build's files; rendering every PDF here too cost 48 s of CPU.
    The booklets, made here in one layout and there from parts joined, are compared on the
    minimal guide (tests/builder/test_pipeline.py)."""
    guide = load_guide(default_build)
    assert guide.root.resolve() != default_guide.root.resolve()
    jobs = pdf_jobs(guide)
    made = sorted(p.relative_to(built.folder).as_posix() for p in built.folder.rglob("*.pdf"))
    assert [job.filename for job in jobs] == [file.relative_to(built.folder).as_posix() for file in built.files]
    assert made == sorted(job.filename for job in jobs)
    here = {(job.kind, job.variant): job for job in reversed(pdf_jobs(default_guide)) if job.kind != "booklet"}
    assert len(here) >= 5  # handout, poster, agenda, pack, Easy Read, and their large-print kinds
    for job in here.values():
        assert render_job(default_guide, job) == built.path(job.filename).read_bytes(), job.filename


def test_dates_come_only_from_source_date_epoch(default_guide: Guide) -> None:
    job = next(j for j in pdf_jobs(default_guide, "2023-11-14T22:13:20Z") if j.kind == "handout")
    reader = PdfReader(io.BytesIO(render_job(default_guide, job)))
    assert reader.metadata is not None and reader.metadata["/CreationDate"] == "D:20231114221320Z"


def test_letter_paper_when_configured(tmp_path: Path, make_guide_copy: Callable[[Path], Path]) -> None:
    root = make_guide_copy(tmp_path / "letter")
    config = root / "site_config.yml"
    config.write_text(re.sub(r"(?m)^paper: A4$", "paper: Letter", config.read_text()))
    guide = load_guide(root)
    assert guide.config.paper == "Letter"
    for job in pdf_jobs(guide):
        if job.kind == "booklet" or job.activity_id != guide.activities[0].id:
            continue
        data = render_job(guide, job)
        reader = PdfReader(io.BytesIO(data))
        width, height = (round(float(v)) for v in reader.pages[0].mediabox.upper_right)
        tabloid = job.variant == LARGE and isinstance(guide.activities[0].handout, ThreeCirclesHandout)
        expected = (792, 1224) if job.kind == "poster" or tabloid else (612, 792)  # Tabloid: 11 x 17 in
        assert (width, height) == expected, job.filename
        (tmp_path / "letter.pdf").write_bytes(data)  # and as accessible as on A4 (issue 27)
        assert [str(f) for f in findings(tmp_path / "letter.pdf")] == [], job.filename


def test_page_one_of_each_handout_is_saved_for_people_to_look_at(built: Built, default_guide: Guide) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is needed; run `make system-deps`")
    OUTPUT.mkdir(exist_ok=True)
    for name in handout_files(default_guide):
        image = render_page(built.path(name), OUTPUT / name.replace(".pdf", "-page1"), dpi=80)
        width_mm = image.width / 80 * 25.4
        assert 200 < width_mm < 300 and image.getextrema()[0] < 50  # a real page with dark ink on it
    render_page(built.path("guide.pdf"), OUTPUT / "guide-page1", dpi=80)
