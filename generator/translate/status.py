"""`guidegen translate status`: a table per language of items and words translated, stale and missing."""

from __future__ import annotations

from collections import Counter

from ..content.model import Guide
from ..content.translations import ItemStatus, load_translation, statuses
from ..errors import counted

KINDS: tuple[tuple[str, str], ...] = (("home", "Home page"), ("page", "Pages"), ("skill", "Skills"))
KINDS += (("activity", "Activities"), ("easy-read", "Easy Read"), ("session", "Sessions"), ("support", "Contacts"))
STATES = ("translated", "stale", "missing")


def counts(found: list[ItemStatus]) -> dict[str, tuple[Counter[str], Counter[str]]]:
    """Kind -> (items by state, words by state); an item with fields missing counts as missing."""
    out: dict[str, tuple[Counter[str], Counter[str]]] = {kind: (Counter(), Counter()) for kind, _ in KINDS}
    for status in found:
        state = "missing" if status.missing_fields and status.state != "stale" else status.state
        items, words = out[status.key[0]]
        items[state] += 1
        words[state] += status.words
    return out


def status_table(guide: Guide, language: str) -> str:
    translation = load_translation(guide, language)
    table = counts(statuses(guide, translation))
    header = f"{'':12}" + "".join(f"{state:>22}" for state in STATES)
    lines = [f"{language}: content/translations/{language}/", header]
    totals: list[Counter[str]] = [Counter(), Counter()]
    for kind, label in KINDS:
        items, words = table[kind]
        totals[0].update(items)
        totals[1].update(words)
        lines.append(f"{label:12}" + "".join(_cell(items[s], words[s]) for s in STATES))
    lines.append(f"{'Total':12}" + "".join(_cell(totals[0][s], totals[1][s]) for s in STATES))
    if translation.problems:
        lines.append(f"{counted(len(translation.problems), 'problem')} in the translation files: run guidegen check")
    return "\n".join(lines)


def _cell(items: int, words: int) -> str:
    return f"{f'{items} items, {words} words':>22}"
