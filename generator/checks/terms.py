"""Inclusive language: words that can exclude or hurt readers, each with something better to write.

The word list is data (generator/data/inclusive_terms.yml) so it can be read and improved
without touching code; organisations add their own words in site_config.yml.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from ..content.model import SiteConfig
from ..errors import Problem
from .prose import Prose

WORD_LIST = Path(__file__).resolve().parent.parent / "data" / "inclusive_terms.yml"
Category = Literal["gendered", "cultural", "mental-health", "talking-down", "organisation"]
LABELS: dict[str, str] = {
    "gendered": "gendered wording",
    "cultural": "culturally specific wording",
    "mental-health": "stigmatising wording about mental health",
    "talking-down": "wording that talks down to the reader",
    "organisation": "on your organisation's list of words to avoid (site_config.yml)",
}


class TermEntry(BaseModel):
    """One entry of the word list."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built only if the list is read

    terms: tuple[str, ...] = Field(default=(), description="Words or phrases, matched as whole words.")
    pattern: str | None = Field(default=None, description="A regular expression, for words with many forms.")
    category: Category
    suggest: tuple[str, ...] = Field(min_length=1, description="What to write instead.")
    why: str | None = Field(default=None, description="One short sentence for the editor.")

    @model_validator(mode="after")
    def _has_something_to_match(self) -> TermEntry:
        if bool(self.terms) == bool(self.pattern):
            raise ValueError("give either terms or pattern")
        try:
            re.compile(self.pattern or "")
        except re.error as exc:
            raise ValueError(f"pattern is not a valid regular expression: {exc}") from None
        return self


def _body(entry: TermEntry) -> str:
    """The entry as one regular expression; a space matches any run of spaces or a line break."""
    if entry.pattern:
        return entry.pattern.replace(" ", r"\s+")
    words = sorted(entry.terms, key=len, reverse=True)  # longest first: 'you guys' before 'guys'
    return "|".join(r"\s+".join(map(re.escape, _apostrophes(t).split())) for t in words)


def _whole_words(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])", re.IGNORECASE)


def _apostrophes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


@cache
def default_entries(path: Path = WORD_LIST) -> tuple[TermEntry, ...]:
    from ruamel.yaml import YAML  # here: a warm check that reads no word list parses no YAML

    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    return TypeAdapter(tuple[TermEntry, ...]).validate_python(data)


class WordList:
    """Entries with their compiled patterns, and one pattern for all of them to skip clean text fast."""

    def __init__(self, entries: tuple[TermEntry, ...]) -> None:
        self.entries = [(entry, _whole_words(_body(entry))) for entry in entries]
        self.any = _whole_words("|".join(f"(?:{_body(entry)})" for entry in entries) or r"(?!)")

    def hits(self, text: str) -> list[tuple[int, int, TermEntry]]:
        """(start, end, entry) of each match, less those inside a longer one
        ('on a sticky wicket' holds 'a sticky wicket')."""
        text = _apostrophes(text)
        if not self.any.search(text):
            return []
        found = sorted(
            ((m.start(), m.end(), e) for e, p in self.entries for m in p.finditer(text)),
            key=lambda hit: (hit[0], -hit[1]),
        )
        kept: list[tuple[int, int, TermEntry]] = []
        for hit in found:
            if not kept or hit[0] >= kept[-1][1]:
                kept.append(hit)
        return kept


def word_list_for(config: SiteConfig) -> WordList:
    """The shipped list (for English guides) plus the organisation's own words."""
    own = tuple(
        TermEntry(terms=(extra.term,), category="organisation", suggest=(extra.suggestion,))
        for extra in config.checks.extra_terms
    )
    shipped = default_entries() if config.language.startswith("en") else ()
    return WordList(shipped + own)


def _alternatives(suggest: tuple[str, ...]) -> str:
    quoted = [f'"{s}"' for s in suggest]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def exclusive_terms(prose: Prose, words: WordList) -> list[Problem]:
    problems = []
    for start, end, entry in words.hits(prose.text):
        found = " ".join(prose.raw[start:end].split())
        why = f" {entry.why}" if entry.why else ""
        message = f'"{found}" is {LABELS[entry.category]}: try {_alternatives(entry.suggest)}.{why}'
        problems.append(prose.problem(start, message))
    return problems
