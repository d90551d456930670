"""A guide's own templates/ folder overrides any package template, stylesheet or asset by path
(common/template_files.py): the Jinja loaders, the PDF fetcher, the files copied into the
website and the cache keys all see it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.builder.cache import up_to_date
from generator.builder.pipeline import BuildOptions, build
from generator.common.template_files import PACKAGE_TEMPLATES

pytestmark = pytest.mark.slow
MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"


def _override(guide: Path, rel: str, extra: str) -> Path:
    """The package's file at rel, copied into the guide's templates/ with extra text at the end."""
    target = guide / "templates" / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text((PACKAGE_TEMPLATES / rel).read_text(encoding="utf-8") + extra, encoding="utf-8")
    return target


def _fonts(pdf: Path) -> set[str]:
    found = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"].get_object().get("/Font", {}).values():
            found.add(str(font.get_object()["/BaseFont"]))
    return found


def _text(pdf: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_a_guides_own_templates_override_the_packages_and_rebuild_what_uses_them(tmp_path: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(MINIMAL, guide)
    _override(guide, "site/assets/guide.css", "\n/* our-own-guide-css */\n")
    _override(guide, "site/overrides/partials/copyright.html", "\n<p>Our own footer line.</p>\n")
    _override(guide, "site/page.md.j2", "\nOur own closing line.\n")
    handout_css = _override(guide, "pdf/handout.css", '\nh1::after { content: " (our own version)"; }\n')
    options = BuildOptions(quiet=True, only=("site", "pdf"))
    build(guide, options)

    site = guide / "build" / "site"
    assert "our-own-guide-css" in (site / "assets" / "guidegen" / "guide.css").read_text()
    page = (site / "first-page" / "index.html").read_text()
    assert "Our own footer line." in page and "Our own closing line." in page
    handout = guide / "build" / "pdf" / "circles.pdf"
    assert "(our own version)" in _text(handout)
    # The overriding stylesheet's relative font URLs still reach the package's fonts.
    assert any("Atkinson" in font for font in _fonts(handout)), _fonts(handout)
    assert "(our own version)" not in _text(guide / "build" / "pdf" / "guide.pdf")  # its CSS is not overridden

    assert up_to_date(guide.resolve(), guide.resolve() / "build", options.request(guide.resolve()))
    handout_css.write_text(handout_css.read_text().replace("our own version", "our second version"))
    assert not up_to_date(guide.resolve(), guide.resolve() / "build", options.request(guide.resolve()))
    report = build(guide, options)
    assert "circles.pdf" in report.built  # the PDFs' cache keys include the guide's own templates
    assert "(our second version)" in _text(handout)
