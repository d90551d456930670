"""WOFF2 fonts decoded once and kept: the bytes WeasyPrint would make itself, and the same PDFs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont, woff2
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcherResponse

from generator.content.font_coverage import SHIPPED_DIR
from generator.pdf.fetcher import GuideFetcher
from generator.pdf.woff2_fonts import decode, decoded, is_woff2, keep_font, kept_font

FONT = SHIPPED_DIR / "atkinson-hyperlegible-next-latin-400-normal.woff2"


def test_decoded_is_what_fonttools_makes_and_is_kept(tmp_path: Path) -> None:
    data = FONT.read_bytes()
    out = io.BytesIO()
    woff2.decompress(io.BytesIO(data), out)  # what WeasyPrint's add_font_face does
    assert is_woff2(data) and not is_woff2(out.getvalue())
    assert decoded(data, tmp_path) == out.getvalue()
    (kept,) = tmp_path.glob("*.ttf")
    assert kept_font(kept) == out.getvalue()
    assert TTFont(io.BytesIO(out.getvalue()))["head"].unitsPerEm > 0


def test_a_damaged_kept_font_is_not_trusted(tmp_path: Path) -> None:
    font = decode(FONT.read_bytes())
    path = tmp_path / "font.ttf"
    keep_font(path, font)
    assert kept_font(path) == font
    path.write_bytes(path.read_bytes()[:-10])  # cut short, as a full disk might leave it
    assert kept_font(path) is None
    assert kept_font(tmp_path / "absent.ttf") is None


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    keep_font(blocked / "font.ttf", b"font")  # nothing kept, nothing raised
    assert kept_font(blocked / "font.ttf") is None


class RawFonts(GuideFetcher):
    """Serves the WOFF2 file as it is, for WeasyPrint to decode (as before this cache)."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.endswith(".woff2"):
            return URLFetcherResponse(url, FONT.read_bytes(), {"Content-Type": "font/woff2"})
        return super().fetch(url, headers)


@pytest.mark.slow
def test_the_pdf_is_the_same_whoever_decodes_the_font(tmp_path: Path) -> None:
    css = f"@font-face {{ font-family: T; src: url({FONT.as_uri()}) }} p {{ font-family: T }}"

    def render(fetcher: GuideFetcher) -> bytes:
        from weasyprint.text.fonts import FontConfiguration

        fonts = FontConfiguration()
        sheet = CSS(string=css, url_fetcher=fetcher, font_config=fonts)
        html = HTML(string="<p>Kept fonts, same bytes.</p>", url_fetcher=fetcher)
        return html.write_pdf(stylesheets=[sheet], font_config=fonts)

    served = GuideFetcher([tmp_path], templates=[SHIPPED_DIR.parent])
    assert served.fetch(FONT.as_uri()).read() == decode(FONT.read_bytes())
    assert render(served) == render(RawFonts([tmp_path], templates=[SHIPPED_DIR.parent]))
