"""Audiences: the facilitators' guide (everything) and the participants' guide.

The participants' guide is made by taking facilitator-only content out of the Guide itself,
before any renderer sees it: the website, its search index, the zip and the PDFs are all made
from the same stripped model, so no template can leak what it was never given. What is left
out: every activity's facilitator_notes, every session's and session item's notes; the
renderers also read `guide.audience` to leave out the session packs, the booklet (which is
written for facilitators) and the session planner.
"""

from __future__ import annotations

from typing import Literal

from .model import Guide

Audience = Literal["facilitators", "participants"]
AUDIENCES: tuple[Audience, ...] = ("facilitators", "participants")


def for_audience(guide: Guide, audience: str) -> Guide:
    """The guide as the given audience sees it."""
    if audience == "facilitators":
        return guide
    if audience != "participants":
        raise ValueError(f"unknown audience {audience!r}")
    activities = tuple(a.model_copy(update={"facilitator_notes": None}) for a in guide.activities)
    sessions = tuple(
        s.model_copy(update={"notes": None, "items": tuple(i.model_copy(update={"notes": None}) for i in s.items)})
        for s in guide.sessions
    )
    return guide.model_copy(update={"activities": activities, "sessions": sessions, "audience": "participants"})


def for_facilitators(guide: Guide) -> bool:
    return guide.audience == "facilitators"
