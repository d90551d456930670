"""The interface's words: every one comes from the catalogues, in English and Welsh."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.common.messages import (
    CIRCLES_SCRIPT,
    SCRIPTS,
    Messages,
    catalog,
    catalogue_code,
    known_messages,
    placeholders,
    shipped_languages,
)
from generator.render import extract
from generator.render.form_words import model_files
from generator.site.scripts import script_words

TEMPLATES = extract.PACKAGE / "templates"


def _found() -> dict[str, list[str]]:
    """message id -> where it is used."""
    found: dict[str, list[str]] = {}
    for file, line, message in extract.extract():
        for text in (message,) if isinstance(message, str) else message:
            found.setdefault(text, []).append(f"{file}:{line}")
    return found


def test_english_and_welsh_are_shipped() -> None:
    assert {"en", "cy"} <= set(shipped_languages())
    assert catalogue_code("cy-GB") == "cy"
    assert catalogue_code("en-GB") == "en"
    assert catalogue_code("fr") == "en"  # no French catalogue: English, not an error


def test_every_message_in_the_code_is_in_every_catalogue() -> None:
    """A word added to a template or script without a catalogue entry fails here, with where it is."""
    found = _found()
    assert len(found) > 100
    for code in shipped_languages():
        entries = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog(code) if m.id}
        plurals = {m.id[1] for m in catalog(code) if m.id and not isinstance(m.id, str)}
        missing = [
            f"{where[0]}: {text!r}" for text, where in found.items() if text not in entries | dict.fromkeys(plurals)
        ]
        assert not missing, f"not in the {code} catalogue (run python -m generator.render.extract):\n" + "\n".join(
            missing
        )


def test_every_welsh_message_is_translated_with_the_same_placeholders() -> None:
    """Every word readers see; the editor's form words (the model's labels and hints) may wait."""
    forms = {str(Path(path).relative_to(extract.ROOT)) for path in model_files()}
    for message in catalog("cy"):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        only_forms = all(file in forms for file, _ in message.locations)
        assert all(strings) or only_forms, f"no Welsh for {ids[0]!r}"
        wanted = placeholders(ids[0]) - {"num"}
        for text in strings:
            assert placeholders(text) - {"num"} == wanted, f"{ids[0]!r}: Welsh {text!r} changes the placeholders"


def _visible_text(source: str) -> str:
    """What a template prints outside Jinja and markup: text that no catalogue would translate."""
    # Macros that write CSS (positions in mm), not words.
    source = re.sub(r"\{% macro (?:mm|box_style)\b.*?\{% endmacro %\}", " ", source, flags=re.DOTALL)
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", source, flags=re.DOTALL)
    text = re.sub(r"<style>.*?</style>", " ", text, flags=re.DOTALL)
    attributes = " ".join(re.findall(r'(?:title|alt|aria-label|placeholder)="([^"]*)"', text))
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\{ *[.#][^}]*\}", " ", text)  # Markdown attribute lists: { .md-button }
    text = re.sub(r"!!! *\w+", " ", text)  # admonition markers
    return " ".join([text, attributes])


@pytest.mark.parametrize(
    "template",
    sorted(
        str(p.relative_to(TEMPLATES))
        for p in [
            *TEMPLATES.glob("site/*.md.j2"),
            *TEMPLATES.glob("pdf/*.j2"),
            *TEMPLATES.glob("site/overrides/**/*.html"),
        ]
    ),
)
def test_templates_print_no_words_of_their_own(template: str) -> None:
    words = re.findall(r"[^\W\d_]{2,}", _visible_text((TEMPLATES / template).read_text(encoding="utf-8")))
    assert not words, f"{template} prints words outside _(): {words}"


def test_the_check_of_templates_can_fail() -> None:
    assert re.findall(r"[^\W\d_]{2,}", _visible_text('<h3>Aim</h3>\n{{ _("Steps") }} <img alt="Logo">')) == [
        "Aim",
        "Logo",
    ]


def _script_prose(source: str) -> list[str]:
    """String literals in the script that read as words to a person: two words or more, or a capital."""
    source = re.sub(r"/\*.*?\*/|^\s*//.*$", " ", source, flags=re.DOTALL | re.MULTILINE)
    literals = re.findall(r'"((?:\\.|[^"\\])*)"|`((?:\\.|[^`\\])*)`', source)
    out = []
    for double, template in literals:
        text = re.sub(r"\$\{[^}]*\}", " ", double or template).strip()
        if re.search(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}", text) or re.fullmatch(r"[A-Z][a-z]+[.…]?", text):
            out.append(text)
    return out


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_script_shows_no_words_outside_the_catalogue(script: str) -> None:
    name = Path(script).name
    messages = [text for text, where in _found().items() if any(name in w for w in where)]
    source = (TEMPLATES / script).read_text(encoding="utf-8")
    stray = [text for text in _script_prose(source) if not any(text in m for m in messages)]
    allowed = {"use strict", "NeedAppearances", "Font", "Enter", "Escape"}  # code, not words a reader sees
    assert [text for text in stray if text not in allowed] == []


def test_the_check_of_the_script_can_fail() -> None:
    assert _script_prose('el("p", {}, "Type a quality first"); t("Add note"); x = `Saved ${n} notes`;') == [
        "Type a quality first",
        "Add note",
        "Saved   notes",
    ]


def test_welsh_words_and_counts() -> None:
    welsh = Messages("cy")
    assert welsh.gettext("Group size") == "Maint y grŵp"
    assert welsh.raw("Page %(number)s of %(total)s") == "Tudalen %(number)s o %(total)s"
    assert welsh.duration(90) == "1 awr 30 munud"
    assert Messages("en-GB").duration(61) == "1 hour 1 minute"
    assert Messages("en-GB").duration(120) == "2 hours"


def test_script_words_cover_every_form_of_a_count() -> None:
    words = script_words(Messages("cy"), CIRCLES_SCRIPT)
    assert words["Add note"] == "Ychwanegu nodyn"
    assert words["%(num)s note"] == words["%(num)s notes"] == "%(num)s nodyn"
    english = script_words(Messages("en"), CIRCLES_SCRIPT)
    assert english["%(num)s notes"] == "%(num)s notes"


def test_a_rewording_replaces_the_catalogue_and_is_escaped_in_templates() -> None:
    messages = Messages("cy", {"Group size": "Nifer <b>"})
    assert messages.gettext("Group size") == "Nifer <b>"
    assert str(messages.template_globals()["_"]("Group size")) == "Nifer &lt;b&gt;"
    assert "Group size" in known_messages()


def _guide_with(guide_copy: Path, extra: str) -> Path:
    config = guide_copy / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return guide_copy


def test_an_unknown_or_broken_rewording_is_a_content_error_with_its_line(
    guide_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = len((guide_copy / "site_config.yml").read_text(encoding="utf-8").splitlines())
    _guide_with(guide_copy, 'interface:\n  "Group sise": Size\n  "Page %(number)s of %(total)s": "Page %(number)s"\n')
    assert main(["check", "--guide", str(guide_copy)]) == 1
    err = capsys.readouterr().err
    assert f"site_config.yml:{lines + 1}" in err
    assert 'Did you mean "Group size"?' in err
    assert "must keep the same placeholders" in err


def test_a_good_rewording_passes_check(guide_copy: Path) -> None:
    _guide_with(guide_copy, 'interface:\n  "Group size": "Size of group"\n')
    assert main(["check", "--guide", str(guide_copy)]) == 0
