"""Fonts' ToUnicode maps completed (pdf/tounicode.py): every glyph drawn reads back as text.

WeasyPrint 70 maps a whole embedded font (our booklet parts) from its cmap only, so a glyph that
shaping makes (Arabic lam-alef) has no text and the NULL glyph reads U+0000; a subset maps the
second glyph of a cluster to nothing. Judged by page-validation's ua1 profile and by the map.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from helpers.pdfua import findings
from helpers.written_guides import NOTO

from generator.pdf.engine import load_weasyprint
from generator.pdf.tounicode import complete_to_unicode, drawn_codes, glyph_texts, read_cmap, valid, write_cmap

NASKH = NOTO / "NotoNaskhArabic-Regular.ttf"
BENGALI = NOTO / "NotoSansBengali-Regular.ttf"
FONT_RULES = {"PDFUA1-FONT-UNICODE-MAPPING-001", "PDFUA1-FONT-UNICODE-VALUE-001"}


def render(text: str, font: Path, lang: str, *, full_fonts: bool) -> bytes:
    load_weasyprint()
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(
        string=f'@font-face {{ font-family: "T"; src: url("{font.as_uri()}") }} body {{ font-family: "T" }}',
        font_config=fonts,
    )
    html = f'<!DOCTYPE html><html lang="{lang}"><head><title>t</title></head><body><p>{text}</p></body></html>'
    return HTML(string=html).write_pdf(
        stylesheets=[css], font_config=fonts, pdf_variant="pdf/ua-1", full_fonts=full_fonts
    )


def font_rules(pdf: bytes, folder: Path) -> set[str]:
    path = folder / "t.pdf"
    path.write_bytes(pdf)
    return {finding.rule for finding in findings(path)} & FONT_RULES


def repaired(pdf: bytes, font_files: tuple[Path, ...] = ()) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert complete_to_unicode(document, font_files)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def maps(pdf: bytes) -> list[tuple[set[int], dict[int, str]]]:
    """For each Type0 font: the codes drawn, and its ToUnicode map."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [
            (codes, read_cmap(document.get_object(objgen).ToUnicode.read_bytes()))
            for objgen, codes in drawn_codes(document).items()
        ]


def test_a_cmap_is_read_back_as_written() -> None:
    mapping = {0x5D5: "\u0644\u0627", 0x3: " ", 0x1C2: "\u09aa\u09cd\u09b0"}
    assert read_cmap(write_cmap(mapping)) == mapping
    ranges = b"2 beginbfrange\n<0010> <0012> <0041>\n<0020> <0021> [<0062> <00630064>]\nendbfrange"
    assert read_cmap(ranges) == {0x10: "A", 0x11: "B", 0x12: "C", 0x20: "b", 0x21: "cd"}
    assert not valid("") and not valid("\x00") and not valid("a\ufeff") and valid("a")


def test_a_ligature_reads_as_its_letters_and_a_positional_form_as_its_letter() -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(NASKH)
    cmap, order = font.getBestCmap(), font.getGlyphOrder()
    texts = glyph_texts(NASKH.read_bytes())
    assert texts[font.getGlyphID(cmap[0x644])] == "\u0644"  # lam
    assert texts[font.getGlyphID(cmap[0xFEFB])] == "\u0644\u0627"  # lam-alef, as letters
    initial_lam = font.getGlyphID(cmap[0xFEDF])
    assert texts[initial_lam] == "\u0644"
    # Glyphs only GSUB reaches (no cmap entry): lam's forms for a following alef, and ligatures.
    shaped = {gid for gid in texts if order[gid] not in cmap.values()}
    assert texts[order.index(order[initial_lam] + ".rlig")] == "\u0644"
    assert any(len(texts[gid]) > 1 for gid in shaped)
    assert not any(set(text) & {"\x00", "\ufeff", "\ufffe"} for text in texts.values())


@pytest.mark.slow
def test_a_whole_arabic_font_gets_text_for_every_glyph_it_draws(tmp_path: Path) -> None:
    raw = render("لا إله، السلام عليكم", NASKH, "ar", full_fonts=True)
    assert font_rules(raw, tmp_path) == FONT_RULES  # WeasyPrint's map: the cmap, with <...> <0000>
    fixed = repaired(raw)
    assert font_rules(fixed, tmp_path) == set()
    for codes, mapping in maps(fixed):
        assert all(valid(text) for text in mapping.values())
        assert codes <= set(mapping)
    # The codes WeasyPrint left without text (lam and alef drawn for "لا", alef with hamza) read as letters.
    (codes, before), (_, after) = maps(raw)[0], maps(fixed)[0]
    added = {code: after[code] for code in codes if code not in before}
    assert added and all("\u0621" <= char <= "\u064a" for text in added.values() for char in text)


@pytest.mark.slow
def test_a_bengali_subset_gets_text_from_the_font_it_was_made_of(tmp_path: Path) -> None:
    raw = render("প্রশ্ন, বন্ধুদের সঙ্গে", BENGALI, "bn", full_fonts=False)
    assert font_rules(raw, tmp_path)  # the second glyph of a cluster maps to <>
    fixed = repaired(raw, (NASKH, BENGALI))  # the subset's own font is found among them
    assert font_rules(fixed, tmp_path) == set()
    for codes, mapping in maps(fixed):
        assert codes <= set(mapping)


@pytest.mark.slow
def test_a_font_that_needs_nothing_is_left_as_it_is() -> None:
    raw = render("Hello, world", NOTO / "NotoSans-Regular.ttf", "en", full_fonts=False)
    with pikepdf.open(io.BytesIO(raw)) as document:
        assert not complete_to_unicode(document)
