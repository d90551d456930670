"""Content checks beyond the schema: inclusive wording, alternative text and readability.

The loader's problems are errors (nothing can be built); these are warnings, because only
the editor can judge whether a word or a long sentence is right in its place.
`guidegen check --strict` treats them as errors.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache, partial
from pathlib import Path

from ..content.agenda import session_warnings
from ..content.examples import examples as skeleton_examples
from ..content.loader import Sources, load_guide
from ..content.model import Guide
from ..content.translations import check_translations
from ..errors import ContentError, Problem
from .brand import light_brand_colours
from .documents import Document, document_makers
from .easy_read import easy_read_warnings
from .examples import example_text
from .fonts import unreadable_fonts
from .images import missing_alt_text
from .readability import hard_to_read, long_sentences
from .remembered import RememberedWarnings, cache_folder, file_key
from .renamed import renamed_settings
from .structure import structure_warnings
from .support import contacts_to_check, stale_contacts, step_timings
from .terms import WordList, exclusive_terms, word_list_for

__all__ = ["check_guide", "content_warnings", "translation_notes"]


def check_guide(
    root: Path, remember: bool = True, today: date | None = None, sources: Sources | None = None
) -> tuple[Guide, list[Problem]]:
    """Load the guide (raising ContentError for errors) and return it with its warnings.

    remember: reuse the warnings of files unchanged since the last check (see remembered.py).
    today: when the support contacts' `checked:` date is measured from (the real date by default).
    sources: filled with where each field came from, for a caller with more to report.
    """
    remembered = RememberedWarnings.read(cache_folder(root)) if remember else None
    sources = {} if sources is None else sources
    parse_cache = remembered.parse_cache if remembered else None
    guide = load_guide(root, field_sources=sources, parse_cache=parse_cache)
    errors, stale, _ = check_translations(guide)
    if errors:
        raise ContentError(errors)
    warnings = content_warnings(guide, sources, remembered, today)
    if remembered is not None:
        if config := sources.get(("config", "")):
            config.position(("site_url",))  # the publishing note's line: remembered before the cache is written
        remembered.write()
    return guide, warnings + stale


def translation_notes(guide: Guide) -> list[Problem]:
    """What each translation still lacks: shown by `guidegen check`, never counted as a problem."""
    return check_translations(guide)[2]


def content_warnings(
    guide: Guide, sources: Sources, remembered: RememberedWarnings | None = None, today: date | None = None
) -> list[Problem]:
    """Every warning for the guide, in file and line order, each reported once.

    The contacts' age depends on today's date, not only on the files, so it is never remembered.
    """
    words = cache(partial(word_list_for, guide.config))  # read only if some file is not remembered
    settings = "\n".join(sources[("config", "")].lines)
    by_file: dict[str, list[Callable[[], Document]]] = {}
    lines: dict[str, tuple[str, ...]] = {}
    for source, make in document_makers(guide, sources):
        by_file.setdefault(source.path, []).append(make)
        lines[source.path] = source.lines
    problems: list[Problem] = light_brand_colours(guide.config, sources)  # cheap: not remembered
    problems += unreadable_fonts(guide, sources)
    problems += stale_contacts(guide, sources, today or date.today())
    problems += step_timings(guide, sources)
    skeleton_examples(remembered.parse_cache if remembered else None)  # the skeletons' examples, unparsed when warm
    problems += contacts_to_check(guide, sources) + example_text(guide, sources)
    problems += renamed_settings(sources)
    for path, makers in by_file.items():
        key = file_key(path, lines[path], settings)
        found = remembered.get(key) if remembered else None
        if found is None:
            found = [p for make in makers for p in _document_warnings(make(), guide, words())]
            if remembered:
                remembered.put(key, found)
        problems += found
    problems += session_warnings(guide, sources)
    problems += easy_read_warnings(guide, sources, remembered)
    return sorted(set(problems))


def _document_warnings(document: Document, guide: Guide, words: WordList) -> list[Problem]:
    checks = guide.config.checks
    problems: list[Problem] = []
    for prose in document.prose:
        problems += exclusive_terms(prose, words)
        problems += long_sentences(prose, checks.max_sentence_words)
    for prose in document.body:
        problems += missing_alt_text(prose)
    problems += structure_warnings(document.body)
    # The Flesch formula is calibrated for English; for other languages we skip it.
    if document.noun and guide.config.language.startswith("en"):
        hard = hard_to_read(document.anchor, document.noun, document.scored, checks.reading_ease_min)
        problems += [hard] if hard else []
    return problems
