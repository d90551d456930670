"""Issue 26: a language's direction comes from CLDR, and a piece of text that runs the other way
is isolated; no rendering here (tests/languages/ builds the guides)."""

from __future__ import annotations

import pytest

from generator.content.text_direction import direction_problem
from generator.render.direction import auto_directions, first_strong, isolated, text_direction
from generator.render.environments import environment


@pytest.mark.parametrize("language", ["ar", "ur", "ur-PK", "fa", "he", "ps", "ckb", "sd", "yi", "ug", "dv"])
def test_right_to_left_languages(language: str) -> None:
    assert text_direction(language) == "rtl"
    assert direction_problem(language) is None


@pytest.mark.parametrize("language", ["en-GB", "cy", "bn", "pa", "hi", "el", "zh"])
def test_left_to_right_languages(language: str) -> None:
    assert text_direction(language) == "ltr"


@pytest.mark.parametrize("language", ["qq", "zz", "xx-YY"])
def test_a_language_cldr_does_not_know_has_no_direction(language: str) -> None:
    with pytest.raises(ValueError):
        text_direction(language)
    message = direction_problem(language)
    assert message and f"'{language}'" in message and "ur (Urdu)" in message


def test_the_first_strong_letter_decides() -> None:
    assert first_strong("40 minutes") == "ltr"
    assert first_strong("4 سے 10 افراد") == "rtl"
    assert first_strong("4-10") is None


def test_text_running_against_its_surroundings_is_isolated_and_escaped() -> None:
    assert isolated("40 minutes.", "rtl") == '<bdi dir="ltr">40 minutes.</bdi>'
    assert isolated("کمیونٹی", "ltr") == '<bdi dir="rtl">کمیونٹی</bdi>'
    assert isolated("<b>x</b>", "rtl") == '<bdi dir="ltr">&lt;b&gt;x&lt;/b&gt;</bdi>'
    # The same direction, or no letter at all: left as it is (escaped).
    assert isolated("40 minutes", "ltr") == "40 minutes"
    assert isolated("4-10 & more", "ltr") == "4-10 &amp; more"
    assert isolated("4-10", "rtl") == "4-10"


def test_templates_ask_the_same_function() -> None:
    template = environment("epub").from_string("{{ 'ur' | direction }} {{ 'cy' | direction }}")
    assert template.render() == "rtl ltr"


def test_a_block_takes_the_direction_of_its_first_letter_as_dir_auto_would() -> None:
    html = "<h1>ما الأهم؟</h1><p>Start with <a href='#x'>the first page</a>.</p><li><bdi dir=\"ltr\">Time</bdi></li>"
    out = auto_directions(html, "rtl")
    assert out == (
        "<h1>ما الأهم؟</h1><p dir=\"ltr\">Start with <a href='#x'>the first page</a>.</p>"
        '<li><bdi dir="ltr">Time</bdi></li>'  # an isolated interface word keeps the page's side
    )
    assert auto_directions("<p>4 سے 10 افراد</p><p>12</p>", "ltr") == '<p dir="rtl">4 سے 10 افراد</p><p>12</p>'
    assert auto_directions(out, "rtl") == out  # a block that has its dir is left alone
