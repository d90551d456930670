"""Content checks beyond the schema: inclusive wording, alternative text and readability.

The loader's problems are errors (nothing can be built); these are warnings, because only
the editor can judge whether a word or a long sentence is right in its place.
`guidegen check --strict` treats them as errors.
"""

from __future__ import annotations

from pathlib import Path

from ..content.loader import Sources, load_guide
from ..content.model import Guide
from ..errors import Problem
from .brand import light_brand_colours
from .documents import Document, documents
from .images import missing_alt_text
from .readability import hard_to_read, long_sentences
from .terms import WordList, exclusive_terms, word_list_for

__all__ = ["check_guide", "content_warnings"]


def check_guide(root: Path) -> tuple[Guide, list[Problem]]:
    """Load the guide (raising ContentError for errors) and return it with its warnings."""
    sources: Sources = {}
    guide = load_guide(root, field_sources=sources)
    return guide, content_warnings(guide, sources)


def content_warnings(guide: Guide, sources: Sources) -> list[Problem]:
    """Every warning for the guide, in file and line order, each reported once."""
    words = word_list_for(guide.config)
    problems: list[Problem] = light_brand_colours(guide.config, sources)
    for document in documents(guide, sources):
        problems += _document_warnings(document, guide, words)
    return sorted(set(problems))


def _document_warnings(document: Document, guide: Guide, words: WordList) -> list[Problem]:
    checks = guide.config.checks
    problems: list[Problem] = []
    for prose in document.prose:
        problems += exclusive_terms(prose, words)
        problems += long_sentences(prose, checks.max_sentence_words)
    for prose in document.body:
        problems += missing_alt_text(prose)
    # The Flesch formula is calibrated for English; for other languages we skip it.
    if document.noun and guide.config.language.startswith("en"):
        hard = hard_to_read(document.anchor, document.noun, document.scored, checks.reading_ease_min)
        problems += [hard] if hard else []
    return problems
