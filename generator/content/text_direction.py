"""Which way a language's text runs, from CLDR (through Babel): one answer for every output.

A language CLDR does not know has no answer: the loader reports it (direction_problem) before
anything is built, rather than guessing left-to-right. The outputs ask through
render/direction.py, which also isolates pieces that run against the page.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from ..common.versions import installed_version
from .parse_cache import ParseCache

Direction = Literal["ltr", "rtl"]


@cache
def text_direction(language: str) -> Direction:
    """'rtl' for ur, ar, fa, he, ps, ckb, sd, yi, ug, dv ...; 'ltr' for en-GB, cy, bn ...

    Raises ValueError for a language CLDR does not know (direction_problem says it in words)."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ValueError(language) from exc
    return "rtl" if locale.character_order == "right-to-left" else "ltr"


def direction_problem(language: str, store: ParseCache | None = None) -> str | None:
    """None when the language's direction is known, else what to do about it.

    store: a parse cache remembering known languages (Babel's version in the key), so a warm
    check need not import Babel and read its locale data; an unknown one is always asked again."""
    key = f"direction\0{installed_version('babel', 'babel')}\0{language}"
    if store is not None and store.fact(key) in ("ltr", "rtl"):
        return None
    try:
        direction = text_direction(language)
    except ValueError:
        return (
            f"'{language}' is not a language code guidegen knows, so it cannot tell which way its text "
            "runs (left to right or right to left); use a standard code, e.g. ur (Urdu), ar (Arabic), "
            "bn (Bengali), cy (Welsh) or en-GB"
        )
    if store is not None:
        store.put_fact(key, direction)
    return None
