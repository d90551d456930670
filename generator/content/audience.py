"""Editions: the facilitators' guide (everything) and the participants' guide.

The participants' edition is made by taking facilitator-only content out of the Guide itself,
before any renderer sees it: the website, its search index, the zip and the PDFs are all made
from the same stripped model, so no template can leak what it was never given. What is left
out: every activity's facilitator_notes, every session's and session item's notes; the
renderers also read `guide.edition` to leave out the session packs, the booklet (which is
written for facilitators) and the session planner.
"""

from __future__ import annotations

from typing import Literal

from .model import Guide

Edition = Literal["facilitators", "participants"]
EDITIONS: tuple[Edition, ...] = ("facilitators", "participants")


def for_edition(guide: Guide, edition: str) -> Guide:
    """The guide as the given edition shows it."""
    if edition == "facilitators":
        return guide
    if edition != "participants":
        raise ValueError(f"unknown edition {edition!r}")
    activities = tuple(a.model_copy(update={"facilitator_notes": None}) for a in guide.activities)
    sessions = tuple(
        s.model_copy(update={"notes": None, "items": tuple(i.model_copy(update={"notes": None}) for i in s.items)})
        for s in guide.sessions
    )
    return guide.model_copy(update={"activities": activities, "sessions": sessions, "edition": "participants"})


def for_facilitators(guide: Guide) -> bool:
    return guide.edition == "facilitators"
