"""The booklet's join (pdf/join/) against a reference, and against a stylesheet with another font.

The reference is the plainest join there is: pikepdf appending every part's pages. Ours must
have the same pages with the same text (plus "Page X of Y"), and one structure tree holding
every element the parts hold.
"""

from __future__ import annotations

import re
import shutil
import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pikepdf
import pytest
from pypdf import PdfReader

from generator.builder.pipeline import BuildOptions, build
from generator.common.template_files import PACKAGE_TEMPLATES
from generator.content.loader import load_guide
from generator.errors import JoinError
from generator.pdf.html import booklet_parts
from generator.pdf.job_list import part_job, pdf_jobs
from generator.pdf.job_render import render_job

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
MINIMAL = REPO / "tests" / "samples" / "minimal"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian's fonts-dejavu-core (make system-deps)
BOOKMAN = Path("/usr/share/fonts/opentype/urw-base35/URWBookman-Light.otf")  # a CFF font, from Ghostscript's fonts


def _elements(root: pikepdf.Object) -> int:
    """Structure elements below root that mark content (the join leaves out empty link targets)."""
    count, stack = 0, [root]
    while stack:
        kids = stack.pop().get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.StructElem:
                count += 1
                stack.append(kid)
    return count


def _words(text: str) -> list[str]:
    return text.split()


def test_the_join_matches_a_pikepdf_join_of_a_50_activity_guide(
    tmp_path: Path, benchmark_script: Callable[[str], ModuleType]
) -> None:
    guide = load_guide(Path(benchmark_script("synthetic").make_guide(tmp_path / "guide", 50)))
    # The booklet and its parts are what this compares, made as the build's workers make them
    # (builder/pdfs.py: each part laid out from its HTML into the parts' folder, then the join
    # told where they are and where to keep the cover and contents), but without the build's
    # other PDFs: 50 handouts, the posters and the session packs cost as much again.
    booklet = pdf_jobs(guide)[0]
    parts_dir = tmp_path / "parts"
    parts_dir.mkdir()
    parts = booklet_parts(guide, booklet.source_date)
    for part in parts:
        job = part_job(guide, part, booklet.source_date)
        (parts_dir / job.filename).write_bytes(render_job(guide, job, part.html))
    files = tuple((str(parts_dir / f"{part.name}.pdf"), part.link_targets) for part in parts)
    output = tmp_path / "guide.pdf"
    render_job(guide, replace(booklet, parts=files, front_cache=("", str(parts_dir)), output=str(output)))
    names = ["front", *(part.name for part in parts)]
    reference = pikepdf.new()
    sources = [pikepdf.open(parts_dir / f"{name}.pdf") for name in names]
    with warnings.catch_warnings():  # pikepdf says a page copy drops named destinations: not compared here
        warnings.simplefilter("ignore")
        for source in sources:
            reference.pages.extend(source.pages)
    reference.save(tmp_path / "reference.pdf")

    ours, theirs = PdfReader(output), PdfReader(tmp_path / "reference.pdf")
    total = len(theirs.pages)
    assert len(ours.pages) == total > 50
    for number, (mine, plain) in enumerate(zip(ours.pages, theirs.pages, strict=True), start=1):
        text = mine.extract_text()
        if number > 1:
            assert f"Page {number} of {total}" in text
            text = text.replace(f"Page {number} of {total}", "")
        assert _words(text) == _words(plain.extract_text()), f"page {number}"

    joined = pikepdf.open(output)
    (document,) = list(joined.Root.StructTreeRoot.K)
    in_parts = 0
    for source in sources:
        (part_document,) = list(source.Root.StructTreeRoot.K)
        in_parts += _elements(part_document) - _empty_link_targets(part_document)
    assert _elements(document) == in_parts
    with pytest.raises(Exception):  # noqa: B017 - only to show the reference has no tree to compare with
        _ = reference.Root.StructTreeRoot


def _empty_link_targets(document: pikepdf.Object) -> int:
    """Elements under the part's empty link targets (kids that mark no content), left out by the join."""
    from generator.pdf.join.tags import elements, has_content

    kids = document.get("/K")
    return sum(len(list(elements(kid))) for kid in kids if not has_content(kid))


def _guide_with_font(tmp_path: Path, font_file: Path, family: str) -> Path:
    """A guide that declares font_file under `fonts:` and sets its PDFs in that family alone
    (a guide's own templates/pdf/common.css), as another group replacing our typeface would."""
    guide = tmp_path / "guide"
    shutil.copytree(MINIMAL, guide)
    fonts = guide / "content" / "assets" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    shutil.copy(font_file, fonts / font_file.name)
    config = guide / "site_config.yml"
    # guide.pdf is what these read: no variants (the A5 and large-print booklets, large-print
    # handouts, Easy Read, the e-book), which only add PDFs for the build to make.
    settings = f"fonts: [assets/fonts/{font_file.name}]\nvariants: []\n"
    config.write_text(config.read_text(encoding="utf-8") + settings, encoding="utf-8")
    css = (PACKAGE_TEMPLATES / "pdf" / "common.css").read_text(encoding="utf-8")
    (guide / "templates" / "pdf").mkdir(parents=True)
    own = f"{css}\nhtml {{ font-family: {family}; }}\n@page {{ @bottom-left {{ font-family: {family}; }} }}\n"
    (guide / "templates" / "pdf" / "common.css").write_text(own, encoding="utf-8")
    return guide


def _base_fonts(pdf: Path) -> set[str]:
    found = set()
    with pikepdf.open(pdf) as opened:
        for page in opened.pages:
            for font in page.obj.Resources.get("/Font", {}).values():
                found.add(re.sub(r"^[A-Z]{6}\+", "", str(font.BaseFont).lstrip("/")))
    return found


def test_another_truetype_font_in_the_stylesheet_joins_with_its_page_numbers(tmp_path: Path) -> None:
    guide = _guide_with_font(tmp_path, DEJAVU, '"DejaVu Sans", sans-serif')
    build(guide, BuildOptions(quiet=True, only=("pdf",)))
    booklet = guide / "build" / "pdf" / "guide.pdf"
    reader = PdfReader(booklet)
    total = len(reader.pages)
    assert f"Page 2 of {total}" in reader.pages[1].extract_text()
    assert "DejaVu-Sans" in _base_fonts(booklet), _base_fonts(booklet)
    with pikepdf.open(booklet) as pdf:
        footer = str(pdf.pages[1].obj.Resources.Font.GGPageNumber.BaseFont)
    assert footer.endswith("+DejaVu-Sans")  # drawn with the stylesheet's regular face


def test_a_font_the_join_cannot_draw_with_is_a_plain_message(tmp_path: Path) -> None:
    """URW Bookman is a CFF OpenType font: the join draws page numbers only with TrueType."""
    guide = _guide_with_font(tmp_path, BOOKMAN, '"URW Bookman"')
    with pytest.raises(JoinError) as raised:
        build(guide, BuildOptions(quiet=True, only=("pdf",)))
    message = str(raised.value)
    assert "part 'the cover and contents' embeds no TrueType font" in message
    assert "use a TrueType font" in message
    assert not (guide / "build").exists()
