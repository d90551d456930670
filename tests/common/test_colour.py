"""Colours and WCAG 2 contrast (common/colour.py), which the site, the PDFs and `check` share."""

from __future__ import annotations

import pytest

from generator.common.colour import BLACK, TEXT_CONTRAST, WHITE, contrast, darken_until, mix, parse_hex, text_on, to_hex


def test_hex_codes_read_both_ways() -> None:
    assert parse_hex("#fff") == WHITE
    assert parse_hex("#1d4e89") == (0x1D, 0x4E, 0x89)
    assert to_hex(parse_hex("#1D4E89")) == "#1d4e89"


def test_contrast_is_wcag_2s_ratio() -> None:
    assert contrast(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast(WHITE, BLACK) == contrast(BLACK, WHITE)
    assert contrast(parse_hex("#777777"), WHITE) == pytest.approx(4.48, abs=0.01)  # grey just too light


@pytest.mark.parametrize("colour", ["#ffd700", "#777777", "#ffffff", "#1d4e89"])
def test_a_colour_is_darkened_only_as_far_as_text_needs(colour: str) -> None:
    shade = darken_until(parse_hex(colour), WHITE, TEXT_CONTRAST)
    assert contrast(shade, WHITE) >= TEXT_CONTRAST
    lighter = mix(shade, WHITE, 0.02)
    assert contrast(lighter, WHITE) < TEXT_CONTRAST or shade == parse_hex(colour)


def test_text_goes_black_on_yellow_and_white_on_navy() -> None:
    assert text_on(parse_hex("#ffd700")) == BLACK
    assert text_on(parse_hex("#1d4e89")) == WHITE
