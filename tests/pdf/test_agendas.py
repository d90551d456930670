"""Session agendas and packs, read back with pypdf, and the QR codes read back with zbarimg."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.pdfcheck import Built
from pypdf import PdfReader

from generator.content.agenda import agenda, session_activities
from generator.content.loader import load_guide
from generator.content.model import Guide
from generator.pdf.job_list import pdf_jobs
from generator.pdf.job_render import render_job

pytestmark = pytest.mark.slow


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def words(text: str) -> str:
    return " ".join(re.findall(r"[\w':]+", text.replace("’", "'")))


def test_the_default_guide_has_at_least_two_sessions(default_guide: Guide) -> None:
    assert len(default_guide.sessions) >= 2


def test_each_agenda_is_one_page_with_every_clock_time(built: Built, default_guide: Guide) -> None:
    for session in default_guide.sessions:
        reader = built.reader(f"sessions/{session.id}-agenda.pdf")
        assert len(reader.pages) == 1
        text = words(reader.pages[0].extract_text())
        for row in agenda(default_guide, session):
            assert row.clock and row.clock in text and words(row.title) in text
        assert not reader.get_fields()  # an agenda has nothing to fill in


def test_the_agenda_is_greyscale(built: Built, default_guide: Guide, tmp_path: Path) -> None:
    session = default_guide.sessions[0]
    path = built.path(f"sessions/{session.id}-agenda.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-singlefile", str(path), str(tmp_path / "a")], check=True)
    from PIL import Image

    image = Image.open(tmp_path / "a.png").convert("RGB")
    colours = {pixel for pixel in image.get_flattened_data() if max(pixel) - min(pixel) > 8}
    assert colours == set()  # every pixel is a grey


def test_each_pack_has_every_handout_with_unique_fields_and_a_bookmark_per_item(
    built: Built, default_guide: Guide
) -> None:
    for session in default_guide.sessions:
        pack = built.reader(f"sessions/{session.id}-pack.pdf")
        fields = pack.get_fields() or {}
        handouts = [a for a in session_activities(default_guide, session) if a.handout]
        assert handouts
        for activity in handouts:
            alone = PdfReader(built.path(f"{activity.id}.pdf")).get_fields() or {}
            # every field of the handout is in the pack, renamed with the activity's id in front
            assert {f"{activity.id}__{name}" for name in alone} <= set(fields), activity.id
        expected = sum(len(PdfReader(built.path(f"{a.id}.pdf")).get_fields() or {}) for a in handouts)
        assert len(fields) == expected  # names unique: none collapsed into another
        widgets = [
            a.get_object() for p in pack.pages for a in p.get("/Annots", []) if a.get_object()["/Subtype"] == "/Widget"
        ]
        names = [w.get("/T") for w in widgets]
        assert len(names) == len(set(names)) == expected
        assert all(w.get("/TU") for w in widgets)  # every field keeps its tooltip
        titles = outline_titles(pack)
        for row in agenda(default_guide, session):
            assert any(row.title in t and (row.clock or "") in t for t in titles), row.title
        for activity in handouts:
            title = activity.handout.title or activity.title if activity.handout else activity.title
            assert title in titles
        text = words(" ".join(page.extract_text() for page in pack.pages))
        for activity in session_activities(default_guide, session):
            if activity.facilitator_notes:
                assert words(activity.facilitator_notes)[:60] in text
        root = pack.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_agenda_fits_one_page_of_a4_and_letter_even_when_long(
    paper: str, tmp_path: Path, make_guide_copy: Callable[[Path], Path]
) -> None:
    root = make_guide_copy(tmp_path / paper)
    config = root / "site_config.yml"
    config.write_text(re.sub(r"(?m)^paper: A4$", f"paper: {paper}", config.read_text()))
    items = "".join(f"  - item: Item number {n}\n    minutes: 5\n" for n in range(1, 41))  # the most a session may have
    (root / "content" / "sessions" / "long.yml").write_text(
        f'id: long\ntitle: A long evening\nstart: "18:00"\nitems:\n{items}'
    )
    guide = load_guide(root)
    for job in pdf_jobs(guide):
        if job.kind == "agenda":
            reader = PdfReader(io.BytesIO(render_job(guide, job)))
            assert len(reader.pages) == 1, job.filename
            width, height = (round(float(v)) for v in reader.pages[0].mediabox.upper_right)
            assert (width, height) == ((595, 842) if paper == "A4" else (612, 792))


# Each code is scanned as a phone would meet it printed: from greyscale pages at 100 dpi, a
# coarser picture than the 200 dpi this test once scanned at (and the codes read at 72 dpi too).
# Half the pixels each way made the scan of every handout page cost a third of its 14 s of CPU.
QR_DPI = 100


def zbar(pdf: Path, tmp_path: Path, pages: int = 1) -> list[str]:
    """The codes zbarimg reads on the first `pages` pages of pdf, in page order: one pdftoppm
    and one zbarimg for them all, not one of each per page."""
    if shutil.which("zbarimg") is None:
        pytest.fail("zbarimg (zbar-tools) is needed; run `make system-deps`")
    folder = tmp_path / pdf.stem
    folder.mkdir()
    command = ["pdftoppm", "-gray", "-png", "-r", str(QR_DPI), "-f", "1", "-l", str(pages), str(pdf), "page"]
    subprocess.run(command, cwd=folder, check=True, capture_output=True)
    images = sorted(folder.glob("page-*.png"), key=lambda image: int(image.stem.rsplit("-", 1)[1]))
    assert len(images) == pages, images
    found = subprocess.run(["zbarimg", "--quiet", "--raw", *map(str, images)], capture_output=True, text=True)
    return found.stdout.split()


def test_the_qr_code_on_a_handout_reads_as_its_activity_page(
    built: Built, default_guide: Guide, tmp_path: Path
) -> None:
    site = default_guide.config.site_url
    assert site
    for activity in default_guide.activities:
        path = built.path(f"{activity.id}.pdf")
        texts = built.texts(f"{activity.id}.pdf")  # read once a session (test_job_render reads them too)
        found = zbar(path, tmp_path, len(texts))  # every page: one code in all
        url = f"{site}activities/{activity.id}/"
        assert found == [url], activity.id
        text = words(" ".join(texts))
        assert words(url.split("://")[1]) in text  # the short address, printed beside it


def test_the_qr_code_on_an_agenda_and_a_poster(built: Built, default_guide: Guide, tmp_path: Path) -> None:
    site = default_guide.config.site_url
    session = default_guide.sessions[0]
    assert zbar(built.path(f"sessions/{session.id}-agenda.pdf"), tmp_path) == [f"{site}sessions/{session.id}/"]
    assert zbar(built.path("good-facilitation-a3.pdf"), tmp_path) == [f"{site}activities/good-facilitation/"]


def test_the_qr_code_has_alt_text_in_the_tags(built: Built) -> None:
    data = built.path("good-facilitation.pdf").read_bytes()
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        alts = []

        def walk(node: pikepdf.Object) -> None:
            if isinstance(node, pikepdf.Dictionary):
                if "/Alt" in node:
                    alts.append(str(node["/Alt"]))
                kids = node.get("/K")
                if kids is not None:
                    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                        walk(kid)

        walk(pdf.Root.StructTreeRoot)
    assert any(alt.startswith("QR code: scan it to open this activity") for alt in alts), alts


def test_qr_codes_can_be_turned_off(tmp_path: Path, make_guide_copy: Callable[[Path], Path]) -> None:
    root = make_guide_copy(tmp_path / "off")
    with (root / "site_config.yml").open("a") as config:
        config.write("qr_codes: false\n")
    guide = load_guide(root)
    job = next(j for j in pdf_jobs(guide) if j.kind == "handout")
    reader = PdfReader(io.BytesIO(render_job(guide, job)))
    assert "Scan, or type this address" not in " ".join(p.extract_text() for p in reader.pages)
