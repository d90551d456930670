"""One WeasyPrint layout: our stylesheets (or the guide's own), fonts, fetcher and options.

A content mistake WeasyPrint cannot lay out (deep nesting, absurd sizes) or a reference the
fetcher refuses becomes a ContentError naming the content file, never a traceback.
"""

from __future__ import annotations

import atexit
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from ..common.fonts import environment_variable, fontconfig_file
from ..common.template_files import Roots, template_file, template_roots
from ..content.font_coverage import SHIPPED_DIR, declared_files
from ..content.model import Guide
from ..errors import ContentError
from ..render.fonts import pdf_font_css
from ..render.job import JobKind
from ..render.paper import PAGE_SIZES, job_paper
from . import variants
from .brand import brand_css
from .engine import load_weasyprint
from .join.footer import page_css
from .problems import layout_problem, refusal_problems
from .tagging import repair_tags

STYLESHEETS: dict[str, tuple[str, ...]] = {
    "booklet": ("common.css", "content.css", "booklet.css"),
    "handout": ("common.css", "content.css", "handout.css", "qr.css"),
    "poster": ("common.css", "content.css", "handout.css", "poster.css", "qr.css"),
    "agenda": ("common.css", "content.css", "qr.css", "session.css"),
    "pack": ("common.css", "content.css", "handout.css", "qr.css", "session.css"),
    "easy-read": ("common.css", "easy-read.css"),
}


class PageCheck(Protocol):
    """What layout asks of a laid-out document's length (pdf/easy_read.py's PageLimit has one of its own)."""

    def accept(self, count: int) -> bool: ...


class Pages:
    """Accepts any laid-out document; the booklet's front uses a subclass to check its length."""

    def accept(self, count: int) -> bool:
        return True


def layout(
    guide: Guide,
    kind: JobKind,
    source: str,
    html: str,
    pages: PageCheck,
    variant: str = "",
    activity_id: str | None = None,
    until: Callable[[list[Any]], int] | None = None,
) -> bytes:
    """WeasyPrint with our stylesheets, fonts, fetcher and options; b"" when pages.accept() said no.

    source: the content file behind the document, named when it cannot be laid out.
    variant: "" or another variant (pdf/variants.py), which has its own paper and stylesheets.
    until: given WeasyPrint's pages, how many of them to write (the booklet's contents are laid
    out in slices, each written up to its last full page: pdf/booklet.py)."""
    load_weasyprint()  # heavy: imported only when rendering
    from weasyprint import HTML

    from .fetcher import GuideFetcher, RefusedReference

    roots = template_roots(guide.root)
    fetcher = GuideFetcher([guide.content_dir], templates=roots)
    paper = job_paper(guide, kind, variant, activity_id)
    sheet_kind = "booklet" if kind == "booklet-part" else kind
    config = guide.config
    look = (config.fonts, config.brand.primary, config.brand.accent)
    fonts, sheets = _stylesheets(sheet_kind, paper, guide.content_dir, roots, look, variant)
    options: dict[str, Any] = {
        "stylesheets": list(sheets),
        "pdf_variant": "pdf/ua-1",
        "pdf_forms": kind in ("handout", "poster", "pack"),
        # Booklet parts embed whole fonts so the join keeps one copy; elsewhere only the letters
        # used, except the fields' font, which WeasyPrint keeps whole for text typed in later.
        "full_fonts": kind in ("booklet", "booklet-part"),
    }
    pdf: bytes | None = None
    try:
        document = HTML(string=html, base_url=_base_url(guide), url_fetcher=fetcher).render(
            font_config=fonts, **options
        )
        if until is not None:
            document = document.copy(document.pages[: until(document.pages)])
        pdf = document.write_pdf(**options) if pages.accept(len(document.pages)) else b""
    except RefusedReference:
        pass  # recorded by the fetcher; reported below with file:line
    except (RecursionError, ZeroDivisionError, OverflowError) as error:
        raise ContentError([layout_problem(source, error)]) from None
    if fetcher.refused:
        raise ContentError(refusal_problems(guide, source, fetcher.refused))
    if pdf is None:
        raise RuntimeError("WeasyPrint returned no PDF and reported nothing")
    return repair_tags(pdf, declared_files(guide.content_dir, config.fonts)) if pdf else pdf


@cache
def _stylesheets(
    kind: str,
    paper: str,
    content_dir: Path,
    roots: Roots,
    look: tuple[tuple[str, ...], str, str],
    variant: str = "",
) -> tuple[Any, tuple[Any, ...]]:
    """Our stylesheets (or the guide's own versions) and the fonts their @font-face rules load,
    parsed once per process.

    Decoding the embedded fonts is close to half the cost of a small handout, and a worker
    renders many; the stylesheets are read through the same fetcher as the content.
    look is the guide's fallback fonts and brand colours (primary, accent).
    """
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from .fetcher import GuideFetcher

    declared, primary, accent = look
    # Only the shipped and declared fonts: fontconfig reads FONTCONFIG_FILE when the configuration
    # is made, and only then (so it is set for that moment, not for the rest of the process).
    folders = [SHIPPED_DIR, content_dir / "assets" / "fonts"]
    with environment_variable("FONTCONFIG_FILE", str(fontconfig_file(folders, Path(tempfile.gettempdir())))):
        fonts = FontConfiguration()  # @font-face in our stylesheets registers here
    fetcher = GuideFetcher([content_dir], templates=roots)
    base = content_dir.resolve().as_uri() + "/"
    sheets = [CSS(string=pdf_font_css(content_dir, declared), base_url=base, url_fetcher=fetcher, font_config=fonts)]
    sheets += [
        CSS(filename=template_file(roots, f"pdf/{name}"), url_fetcher=fetcher, font_config=fonts)
        for name in STYLESHEETS[kind] + variants.STYLESHEETS.get(variant, ())
    ]
    if kind != "agenda":  # the agenda is photocopied on the night: black on white, big clock times
        sheets.append(CSS(string=brand_css(primary, accent), url_fetcher=fetcher))
    sheets.append(CSS(string=f"@page {{ size: {PAGE_SIZES[paper]} portrait; }}", url_fetcher=fetcher))
    # The footer's geometry, shared with the join (the large-print variant's footer is larger).
    footer = page_css(variants.FOOTER_SIZES.get(variant))
    sheets.append(CSS(string=footer, url_fetcher=fetcher))
    if fetcher.refused:
        raise RuntimeError(f"our own stylesheets refer to files we refuse: {fetcher.refused}")
    # Let WeasyPrint clean up its font files while the interpreter is still whole.
    atexit.register(_stylesheets.cache_clear)
    return fonts, tuple(sheets)


def _base_url(guide: Guide) -> str:
    """Content refers to images as assets/..., relative to content/."""
    return guide.content_dir.resolve().as_uri() + "/"
