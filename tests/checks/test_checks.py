"""Content checks: inclusive wording, alternative text and readability, each with file:line.

Most tests lay one file over a copy of tests/samples/minimal (which has no warnings) and
look at exactly what `guidegen check` reports for it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from generator.checks import check_guide
from generator.checks.prose import Prose, mask
from generator.checks.readability import reading_ease, sentences, syllables
from generator.checks.terms import TermEntry, WordList, default_entries
from generator.cli import main
from generator.errors import Problem

MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"
MUST_SHOW = "Hey guys, our chairman suffers from depression."


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "guide"))


def add_page(guide: Path, body: str, front: str = "title: A test page") -> str:
    """Write content/pages/test-page.md; the body starts on line 4."""
    (guide / "content" / "pages" / "test-page.md").write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    return "content/pages/test-page.md"


def warnings(guide: Path) -> list[Problem]:
    return check_guide(guide)[1]


def heads(guide: Path) -> list[str]:
    """Each warning's first line: path:line:col: field: message."""
    return [w.render().splitlines()[0] for w in warnings(guide)]


def set_config(guide: Path, extra: str) -> None:
    config = guide / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")


# ---------------------------------------------------------------- the default guide and the CLI


def test_default_guide_passes_strict(repo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict", "--guide", str(repo_root)]) == 0
    out = capsys.readouterr().out
    assert out == "OK: 13 pages, 12 skills, 11 activities, 0 warnings\n"


def test_must_show_sentence_gets_three_warnings_with_suggestions(guide: Path) -> None:
    path = add_page(guide, MUST_SHOW + "\n")
    assert heads(guide) == [
        f'{path}:4:5: body: "guys" is gendered wording: try "everyone", "folks" or "all of you". '
        "Not everyone in a group sees themselves as one of the guys.",
        f'{path}:4:15: body: "chairman" is gendered wording: try "chair" or "chairperson". The role is open to anyone.',
        f'{path}:4:24: body: "suffers from" is stigmatising wording about mental health: '
        'try "lives with", "has" or "experiences". It presents people as victims of their condition.',
    ]
    assert all(w.source_line == MUST_SHOW for w in warnings(guide))


def test_warnings_are_printed_but_exit_zero_unless_strict(guide: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_page(guide, MUST_SHOW + "\n")
    assert main(["check", "--guide", str(guide)]) == 0
    out = capsys.readouterr().out
    assert out.count("content/pages/test-page.md:4:") == 3
    assert "    | " + MUST_SHOW in out
    assert out.rstrip().endswith("OK: 2 pages, 2 skills, 2 activities, 3 warnings")

    assert main(["check", "--strict", "--guide", str(guide)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("content/pages/test-page.md:4:") == 3
    assert "Found 3 warnings; with --strict they count as problems." in captured.err


def test_check_reports_links_to_missing_parts_as_errors(guide: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_page(guide, "See [this](page:no-such-page) and [that](activity:circle).\n")
    assert main(["check", "--guide", str(guide)]) == 1
    err = capsys.readouterr().err
    assert "content/pages/test-page.md:4:5: body: there is no page with id 'no-such-page'" in err
    assert "there is no activity with id 'circle' in content/activities/. Did you mean 'circles'?" in err


# ---------------------------------------------------------------- inclusive language


def test_words_in_code_link_targets_and_addresses_are_not_flagged(guide: Path) -> None:
    add_page(
        guide,
        "Use `guys` here, see [the list](https://example.org/chairman) or <https://example.org/crazy>.\n\n"
        "```\nchairman\n```\n\nwww.example.org/guys is fine too.\n",
    )
    assert heads(guide) == []


def test_link_text_and_headings_are_flagged(guide: Path) -> None:
    path = add_page(guide, "## Crazy times\n\nAsk [the chairman](page:first-page).\n")
    assert [h.split(": ", 2)[0] for h in heads(guide)] == [f"{path}:4:4", f"{path}:6:10"]


def test_matching_is_whole_word_and_ignores_capitals(guide: Path) -> None:
    path = add_page(guide, "CHAIRMAN, **Guys**, _manpower_.\n\nChairmanship, Guyana and the chair are fine.\n")
    found = heads(guide)
    assert [h.split('"')[1] for h in found] == ["CHAIRMAN", "Guys", "manpower"]
    assert all(h.startswith(f"{path}:4:") for h in found)


def test_a_phrase_split_over_two_lines_is_found_where_it_starts(guide: Path) -> None:
    path = add_page(guide, "Our friend once\nsuffered\nfrom low mood.\n")
    assert heads(guide) == [
        f'{path}:5:1: body: "suffered from" is stigmatising wording about mental health: '
        'try "lives with", "has" or "experiences". It presents people as victims of their condition.'
    ]


def test_longest_phrase_is_reported_once(guide: Path) -> None:
    add_page(guide, "We were on a sticky wicket.\n")
    assert [h.split('"')[1] for h in heads(guide)] == ["on a sticky wicket"]


def test_yaml_fields_report_the_line_and_column_of_the_words(guide: Path) -> None:
    path = guide / "content" / "activities" / "circles.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - Place each note in a ring.", '  - "Ask: where do you guys put each note?"')
    text = text.replace(
        "facilitator_notes: Let people pass if they wish.",
        "facilitator_notes: >-\n  Let people pass if they wish.\n  Never call a member crazy.",
    )
    path.write_text(text, encoding="utf-8")
    assert heads(guide) == [
        'content/activities/circles.yml:10:20: steps[2]: "you guys" is gendered wording: try "everyone", "folks" '
        'or "all of you". Not everyone in a group sees themselves as one of the guys.',
        'content/activities/circles.yml:13:23: facilitator_notes: "crazy" is stigmatising wording about mental '
        'health: try "unusual", "surprising", "chaotic" or "unwell". '
        "These words are used to mock people with mental health problems.",
    ]


def test_skills_settings_and_front_matter_are_checked(guide: Path) -> None:
    skills = guide / "content" / "skills.yml"
    skills.write_text(skills.read_text().replace("Wait before you reply.", "Wait, guys."), encoding="utf-8")
    set_config(guide, "description: Run by our chairman.\n")
    add_page(guide, "Fine words.\n", front="title: A test page\nsummary: For the chairmen.")
    assert [h.split(": ")[0:2] for h in heads(guide)] == [
        ["content/pages/test-page.md:3:18", "summary"],
        ["content/skills.yml:6:15", "skills[1].ways_to_develop[1]"],
        ["site_config.yml:7:25", "description"],
    ]


def test_organisations_add_their_own_words(guide: Path) -> None:
    add_page(guide, "Every service user is welcome.\n")
    assert heads(guide) == []
    set_config(guide, "checks:\n  extra_terms:\n    - term: service user\n      suggestion: member\n")
    assert heads(guide) == [
        'content/pages/test-page.md:4:7: body: "service user" is on your organisation\'s list of words to avoid '
        '(site_config.yml): try "member".'
    ]


def test_shipped_list_applies_to_english_guides_only(guide: Path) -> None:
    add_page(guide, "Our guys.\n")
    assert len(heads(guide)) == 1
    set_config(guide, "language: fr\n")
    assert heads(guide) == []


def test_every_entry_of_the_word_list_finds_its_words_and_nothing_inside_longer_words() -> None:
    entries = default_entries()
    assert len(entries) >= 40
    assert {e.category for e in entries} == {"gendered", "cultural", "mental-health", "talking-down"}
    for entry in entries:
        words = WordList((entry,))
        for term in entry.terms:
            assert [h[2] for h in words.hits(f"Well, {term.upper()}!")] == [entry], term
            assert words.hits(f"x{term}x") == [], term
    pattern_entries = [e for e in entries if e.pattern]
    assert WordList(tuple(pattern_entries)).hits("she suffered with it; he committed suicide")


@given(st.text(alphabet=st.sampled_from("ab `[]()<>:/.\nhtps!w-"), max_size=80))
def test_masking_keeps_every_offset_and_line(text: str) -> None:
    masked = mask(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]


# ---------------------------------------------------------------- images


def test_image_without_alternative_text_is_flagged(guide: Path) -> None:
    shutil.copy(Path(__file__).resolve().parents[2] / "content" / "assets" / "logo.svg", guide / "content" / "assets")
    path = add_page(guide, "Intro.\n\n![](assets/logo.svg)\n\n![ image ](assets/logo.svg) ![logo](assets/logo.svg)\n")
    found = heads(guide)
    assert found[0].startswith(f"{path}:6:1: body: the image 'assets/logo.svg' has no alternative text")
    assert found[1].startswith(f"{path}:8:1: body: the alternative text 'image' does not say what the image shows")
    assert found[2].startswith(f"{path}:8:29: body: the alternative text 'logo' does not say")
    assert len(found) == 3


def test_image_with_a_description_is_fine(guide: Path) -> None:
    shutil.copy(Path(__file__).resolve().parents[2] / "content" / "assets" / "logo.svg", guide / "content" / "assets")
    add_page(guide, "![Two hands holding each other](assets/logo.svg)\n\nCode: `![](assets/logo.svg)`\n")
    assert heads(guide) == []


# ---------------------------------------------------------------- structure (issue 27)

BADLY_BUILT = """Intro.

### Jumped from the title

### One level below it is fine

# Back to the top is fine

### Jumped again

- First
-
- Third

See [](https://example.org/more) and [the agreement](page:test-page).

|   |   |
|---|---|
| a | b |

| Name | Role |
|------|------|
| Sam  | host |
"""


def test_page_structure_that_listeners_cannot_follow_is_flagged(guide: Path) -> None:
    path = add_page(guide, BADLY_BUILT)
    found = heads(guide)
    assert found[0].startswith(f"{path}:6:1: body: this heading jumps from level 1 to level 3")
    assert "start it with ## instead of ###" in found[0]
    assert found[1].startswith(f"{path}:12:1: body: this heading jumps from level 1 to level 3")
    assert found[2].startswith(f"{path}:15:1: body: this list item is empty")
    assert found[3].startswith(f"{path}:18:5: body: the link to 'https://example.org/more' has no words")
    assert found[4].startswith(f"{path}:20:1: body: this table has no column headings")
    assert len(found) == 5


def test_page_structure_warnings_skip_code(guide: Path) -> None:
    add_page(
        guide, "Text.\n\n```\n### not a heading\n-\n[](https://example.org)\n```\n\nMore `[](https://example.org)`.\n"
    )
    assert heads(guide) == []


# ---------------------------------------------------------------- readability


def test_syllable_counts_of_common_words() -> None:
    expected = {"people": 2, "every": 3, "title": 2, "lived": 1, "needed": 2, "something": 2, "circles": 2}
    expected |= {"facilitation": 5, "co-facilitate": 5, "whole": 1, "going": 2, "the": 1, "changes": 2}
    assert {word: syllables(word) for word in expected} == expected


def test_flesch_formula() -> None:
    text = "The cat sat on the mat. " * 4
    prose = Prose("x.md", "body", text, ((0, 1, 1),), ())
    found = sentences(prose)
    assert [len(s.words) for s in found] == [6, 6, 6, 6]
    assert reading_ease(found) == pytest.approx(206.835 - 1.015 * 6 - 84.6 * 1)
    assert reading_ease(found[:3]) is None  # 18 words: too few to score


HARD = (
    "Organisational sustainability necessitates comprehensive intergenerational leadership "
    "development, institutional accountability and collaborative facilitation methodologies. "
)


def test_hard_page_gets_a_reading_ease_warning_at_its_title(guide: Path) -> None:
    path = add_page(guide, "## Why\n\nWe meet.\n" + HARD + "\n\nAdditionally, " + HARD + "\n")
    found = heads(guide)
    assert len(found) == 1
    assert re.fullmatch(
        rf"{path}:2:8: readability: this page is hard to read: its Flesch reading ease is -\d+ \(aim for 60 or "
        r"more\)\. Use shorter sentences and everyday words; the longest sentences start on lines 7 and 9\.",
        found[0],
    ), found[0]


def test_plain_page_has_no_reading_ease_warning(guide: Path) -> None:
    add_page(guide, "## Why\n\n" + "We meet on Monday. We talk and we listen. Anyone can come along. " * 3 + "\n")
    assert heads(guide) == []


def test_reading_ease_threshold_comes_from_site_config(guide: Path) -> None:
    add_page(guide, "We meet each week to talk about how things are going and to support each other. " * 3)
    assert heads(guide) == []
    set_config(guide, "checks:\n  reading_ease_min: 95\n")
    assert [h.split(": ")[:2] for h in heads(guide) if "test-page" in h] == [
        ["content/pages/test-page.md:2:8", "readability"]
    ]


def test_hard_activity_gets_a_warning_at_its_title(guide: Path) -> None:
    path = guide / "content" / "activities" / "circles.yml"
    text = path.read_text().replace("aim: Agree what matters most in a facilitator.", f"aim: {HARD * 2}")
    path.write_text(text, encoding="utf-8")
    found = heads(guide)
    assert len(found) == 1
    assert found[0].startswith(
        "content/activities/circles.yml:2:8: readability: this activity is hard to read: its Flesch reading ease is"
    )
    assert found[0].endswith("the longest sentences start on line 3.")


def test_long_sentence_is_reported_at_its_own_line(guide: Path) -> None:
    long = " ".join(["word"] * 31) + "."
    path = add_page(guide, f"A short one.\nAnd then {long[:-1]}\nstill going.\n")
    assert heads(guide) == [
        f'{path}:5:1: body: this sentence has 35 words: "And then word word word word ...". '
        "Split it into shorter ones (aim for 30 words or fewer)."
    ]


def test_sentence_of_thirty_words_and_list_items_without_full_stops_are_fine(guide: Path) -> None:
    thirty = " ".join(["word"] * 29) + " end."
    items = "".join(f"- item number {n} has six words\n" for n in range(10))
    add_page(guide, f"{thirty}\n\n## A heading of five words\n{items}")
    assert heads(guide) == []


def test_sentence_limit_comes_from_site_config(guide: Path) -> None:
    add_page(guide, "We meet on Monday evenings in the hall.\n")
    set_config(guide, "checks:\n  max_sentence_words: 5\n")
    assert [h.split(": ")[0] for h in heads(guide) if "test-page" in h] == ["content/pages/test-page.md:4:1"]


def test_long_sentence_in_a_folded_yaml_field_points_at_its_line(guide: Path) -> None:
    path = guide / "content" / "activities" / "circles.yml"
    long = " ".join(["step"] * 16) + "\n  " + " ".join(["step"] * 16) + "."
    text = path.read_text().replace(
        "facilitator_notes: Let people pass if they wish.",
        f"facilitator_notes: >-\n  Let people pass.\n  Then {long}",
    )
    path.write_text(text, encoding="utf-8")
    assert [h.split(": ")[0:2] for h in heads(guide)] == [["content/activities/circles.yml:13:3", "facilitator_notes"]]


def test_word_list_entries_are_validated() -> None:
    with pytest.raises(ValidationError, match="either terms or pattern"):
        TermEntry(category="gendered", suggest=("chair",))
    with pytest.raises(ValidationError, match="not a valid regular expression"):
        TermEntry(pattern="suffer(", category="mental-health", suggest=("has",))


# ---------------------------------------------------------------- remembered warnings (a quick `check`)


def test_a_second_check_parses_only_the_file_that_changed(guide: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.content import source_file  # where every loader parses a content file's YAML

    path = add_page(guide, MUST_SHOW + "\n")
    first = warnings(guide)
    parsed: list[str] = []
    real = source_file.parse_yaml
    monkeypatch.setattr(
        source_file,
        "parse_yaml",
        lambda text, collector, *a: parsed.append(collector.path) or real(text, collector, *a),
    )

    assert warnings(guide) == first  # the same warnings, remembered, with their lines
    assert parsed == []

    activity = guide / "content" / "activities" / "questions.yml"
    activity.write_text(
        activity.read_text(encoding="utf-8") + "facilitator_notes: Ask the chairman.\n", encoding="utf-8"
    )
    again = warnings(guide)
    assert parsed == ["content/activities/questions.yml"]
    assert [w for w in again if w.path == path] == [w for w in first if w.path == path]
    assert any(w.path == "content/activities/questions.yml" and "chairman" in w.message for w in again)


def test_changed_settings_check_every_file_again(guide: Path) -> None:
    add_page(guide, "Our chairman opens the meeting.\n")
    assert any("chairman" in w.message for w in warnings(guide))
    set_config(guide, "checks:\n  extra_terms:\n    - term: meeting\n      suggestion: session\n")
    assert any('"meeting"' in w.message for w in warnings(guide))


# What a warm `guidegen check` must not do (issue 30 point 6: 0.3 s on the default guide,
# measured by benchmarks/check.py): import the engines of other commands, parse YAML, read
# library versions through importlib.metadata, or build any pydantic validator.
WARM_CHECK = """
import json, sys
from pydantic import BaseModel
from generator.cli import main
code = main(["check", "--guide", sys.argv[1]])
def models(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from models(sub)
ours = [m for m in models(BaseModel) if m.__module__.startswith("generator")]
built = sorted(m.__name__ for m in ours if m.__pydantic_complete__)
print(json.dumps({"code": code, "modules": sorted(sys.modules), "built": built}))
"""
NOT_IN_A_WARM_CHECK = (
    "weasyprint",
    "mkdocs",
    "material",
    "pikepdf",
    "jinja2",
    "markdown",
    "lxml",
    "babel",
    "fontTools",
    "ruamel.yaml",
    "importlib.metadata",
)


def test_a_warm_check_imports_no_engine_parses_nothing_and_builds_no_validator(repo_root: Path, tmp_path: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(repo_root / "content", guide / "content")
    shutil.copy(repo_root / "site_config.yml", guide)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(repo_root)}
    run = [sys.executable, "-c", WARM_CHECK, str(guide)]
    cold = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert warm.stdout.splitlines()[:-1] == cold.stdout.splitlines()[:-1]  # the same report
    report = json.loads(warm.stdout.splitlines()[-1])
    assert report["code"] == 0 and report["built"] == []
    assert [name for name in NOT_IN_A_WARM_CHECK if name in report["modules"]] == []
    assert "ruamel.yaml" in json.loads(cold.stdout.splitlines()[-1])["modules"]  # the test sees imports
