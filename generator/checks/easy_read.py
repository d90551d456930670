"""Easy Read texts held to Easy Read's rules (UK guidance from gov.uk, Mencap and Change).

Each rule is a rough, mechanical test, so each is a warning (`--strict` makes them errors):
only people with a learning disability can say whether a text is easy to read.

- a sentence of more than 15 words;
- more than one idea in a sentence: a rough test, two or more of "and", "but", "which" joining it;
- an acronym (NHS, GP) that is not explained under hard_words;
- a number in figures where a word is clearer: a percentage, a fraction, an ordinal (1st),
  a decimal, or a number of 1,000 or more (a small number in figures is clearer, as the
  guidance says, and phone numbers come from content/support.yml, never from here);
- a point without a picture, or without its description;
- a hard word that is not in the list: a word in **bold** (how Easy Read marks one), or a long
  word (four syllables or more) not explained under hard_words; and a listed hard word that no
  point uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..content.loader import FieldSource, Sources
from ..content.model import EasyRead, Guide
from ..errors import Problem
from .prose import Prose, field_prose
from .readability import WORD, sentences, syllables
from .remembered import RememberedWarnings, file_key

MAX_WORDS = 15
JOINERS = frozenset({"and", "but", "which"})
HARD_SYLLABLES = 4
# Long words readers of Easy Read meet every day: not hard for their length.
EVERYDAY = frozenset(
    {"everyone", "everybody", "everything", "anyone", "anybody", "anything", "somebody", "television", "already"}
)
ACRONYM = re.compile(r"\b[A-Z][A-Z&]*[A-Z]\b")
BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
FIGURES = (
    (
        re.compile(r"\d+(?:\.\d+)?\s*%|\bper\s?cent\b", re.IGNORECASE),
        "a percentage; say it in words, e.g. 'half' or 'most people'",
    ),
    (re.compile(r"\b\d+/\d+\b"), "a number like 1/2 or 24/7; say it in words, e.g. 'half' or 'day or night'"),
    (re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE), "a number like 1st; write the word, e.g. 'first'"),
    (re.compile(r"\b\d+\.\d+\b"), "a decimal number; round it, or say it in words"),
    (re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{4,}\b"), "a big number; say it in words, e.g. 'thousands of people'"),
)


def easy_read_warnings(guide: Guide, sources: Sources, remembered: RememberedWarnings | None = None) -> list[Problem]:
    """Every Easy Read text's warnings, with file:line.

    They depend on the text's file alone, so they are remembered like the prose warnings: an
    unchanged text is not parsed again for its lines (that was a third of a warm check's time)."""
    problems: list[Problem] = []
    for item in guide.easy_read:
        source = sources.get(("easy-read", item.id))
        if source is None:
            continue
        key = file_key(source.path, source.lines, "easy-read")  # apart from the file's prose warnings
        found = remembered.get(key) if remembered else None
        if found is None:
            found = _text_warnings(item, source)
            if remembered:
                remembered.put(key, found)
        problems += found
    return problems


def _text_warnings(item: EasyRead, source: FieldSource) -> list[Problem]:
    hard = _hard_words(item)
    problems: list[Problem] = []
    for index, point in enumerate(item.points):
        prose = field_prose(source, ("points", index, "text"), point.text)
        problems += list(_sentence_warnings(prose))
        problems += list(_word_warnings(prose, hard))
        problems += _picture_warnings(source, index, point.picture, point.description)
    for index, word in enumerate(item.hard_words):
        prose = field_prose(source, ("hard_words", index, "meaning"), word.meaning)
        problems += list(_sentence_warnings(prose))
    problems += _unused_hard_words(item, source)
    return problems


def _sentence_warnings(prose: Prose) -> Iterator[Problem]:
    for sentence in sentences(prose):
        if len(sentence.words) > MAX_WORDS:
            yield prose.problem(
                sentence.start,
                f'this sentence has {len(sentence.words)} words: "{sentence.opening()}". Easy Read keeps to '
                f"{MAX_WORDS} words or fewer: split it in two.",
            )
        joined = [w for w in sentence.words if w.lower() in JOINERS]
        if len(joined) >= 2:
            yield prose.problem(
                sentence.start,
                f'this sentence may hold more than one idea (it is joined by "{joined[0]}" and "{joined[1]}"): '
                f'"{sentence.opening()}". Easy Read says one idea per sentence: make it two sentences.',
            )


def _hard_words(item: EasyRead) -> set[str]:
    """The listed hard words and each word in them, in lower case."""
    listed = {" ".join(w.word.lower().split()) for w in item.hard_words}
    return listed | {part for phrase in listed for part in WORD.findall(phrase)}


def _word_warnings(prose: Prose, hard: set[str]) -> Iterator[Problem]:
    text = prose.text
    for match in BOLD.finditer(text):
        phrase = " ".join((match.group(1) or match.group(2)).lower().split())
        if phrase not in hard:
            yield prose.problem(
                match.start(),
                f"'{phrase}' is marked as a hard word (in bold) but it is not under hard_words; "
                "add it there with its meaning",
            )
    for match in ACRONYM.finditer(text):
        if match.group(0).lower() not in hard:
            yield prose.problem(
                match.start(),
                f"'{match.group(0)}' is an acronym; write the words out, or explain it under hard_words",
            )
    for pattern, what in FIGURES:
        for match in pattern.finditer(text):
            yield prose.problem(match.start(), f"'{match.group(0)}' is {what}")
    unbolded = BOLD.sub(lambda m: " " * len(m.group(0)), text)
    for match in WORD.finditer(unbolded):
        word = match.group(0).lower()
        if syllables(word) >= HARD_SYLLABLES and word not in hard and word not in EVERYDAY and word.isalpha():
            yield prose.problem(
                match.start(),
                f"'{match.group(0)}' is a long word that may be hard; use a shorter one, or put it in **bold** "
                "and explain it under hard_words",
            )


def _picture_warnings(source: FieldSource, index: int, picture: str | None, description: str | None) -> list[Problem]:
    label = f"points[{index + 1}]"
    if picture is None:
        message = "this point has no picture; Easy Read puts a picture beside every point (add picture: ...)"
        return [_at(source, ("points", index), label, message)]
    if description is None:
        message = "say what the picture shows for people who cannot see it (add description: ...)"
        return [_at(source, ("points", index, "picture"), f"{label}.description", message)]
    return []


def _unused_hard_words(item: EasyRead, source: FieldSource) -> list[Problem]:
    said = " ".join(" ".join(WORD.findall(p.text.lower())) for p in item.points)
    problems = []
    for index, word in enumerate(item.hard_words):
        phrase = " ".join(WORD.findall(word.word.lower()))
        if not re.search(rf"\b{re.escape(phrase)}", said):
            message = f"'{word.word}' is not used in any point; remove it, or use it in a point"
            problems.append(_at(source, ("hard_words", index, "word"), f"hard_words[{index + 1}].word", message))
    return problems


def _at(source: FieldSource, loc: tuple[str | int, ...], field: str, message: str) -> Problem:
    prose = field_prose(source, loc, "")
    line, column = prose.where(0)
    return Problem(
        source.path, line, column, field, message, source.lines[line - 1] if line <= len(source.lines) else ""
    )
