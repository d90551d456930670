"""The booklet's "Page X of Y" (pdf/join/footer.py): which embedded face draws it, and where."""

from __future__ import annotations

import pikepdf
import pytest
from helpers.join_parts import FACE, embedded_face
from pikepdf import Dictionary, Name

from generator.errors import JoinError
from generator.pdf.join.footer import (
    LABEL,
    LEFT,
    RIGHT,
    FooterFont,
    choose_footer,
    footer_face,
    label_characters,
    page_css,
)


def test_the_label_needs_its_words_and_every_digit() -> None:
    assert label_characters(LABEL) == " 0123456789Paefgo"
    assert label_characters("Tudalen %(number)s o %(total)s") == " 0123456789Tadelnou"


def test_the_regular_face_of_the_package_is_chosen_over_a_bold_one() -> None:
    pdf = pikepdf.new()
    bold = embedded_face(pdf, f"{FACE}-Bold", "700")
    regular = embedded_face(pdf)
    assert footer_face([bold, regular]) is regular
    assert footer_face([bold]) is bold  # any face that has the characters, when no regular one is embedded
    assert footer_face([Dictionary(FontName=Name("/Type3Font"))]) is None  # no TrueType program


def test_a_part_without_a_face_for_its_label_is_named_with_what_it_embeds() -> None:
    pdf = pikepdf.new()  # kept while its fonts are read
    faces = [embedded_face(pdf)]
    with pytest.raises(
        JoinError,
        match=(
            r"its part 'cover' embeds no TrueType font with every character of ' 0123456789ةحصف' "
            r"\(it has: Atkinson-Hyperlegible-Next\)"
        ),
    ):
        choose_footer(faces, label_characters("صفحة %(number)s"), "cover")


@pytest.mark.parametrize(("direction", "edge"), [("ltr", "right"), ("rtl", "left")])
def test_the_page_number_ends_the_footer_line_at_the_margin(direction: str, edge: str) -> None:
    pdf = pikepdf.new()
    face = embedded_face(pdf)
    font = FooterFont.make(face, 10, 11, direction=direction)
    stamp = font.stamp("GGPageNumber", "Page 2 of 9", 419.5).decode()
    x = float(stamp.split(" rg ")[1].split()[0])
    assert x == pytest.approx(LEFT if edge == "left" else 419.5 - RIGHT - font.width("Page 2 of 9"), abs=0.001)
    assert "/Artifact <</Type /Pagination /Subtype /Footer>> BDC" in stamp
    assert f"<{font.encode('Page 2 of 9')}> Tj" in stamp and len(font.encode("Page")) == 16


def test_the_stylesheets_footer_has_the_joins_margins() -> None:
    assert page_css().startswith(
        "@page { margin: 15mm 15mm 20mm 15mm; @bottom-left { font-size: 8.5pt; color: #333333;"
    )
    assert "font-size: 12pt;" in page_css(12)
