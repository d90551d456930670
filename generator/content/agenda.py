"""Each session's timed agenda: clock times from `start:`, the materials, the timing warnings.

content/sessions.py loads and checks the plans; the renderers (site, PDFs, planner) all take
their times from `agenda()` here, and `guidegen check` its warnings from `session_warnings()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import Problem
from .model import Activity, Guide, Session, SessionItem
from .reader import position

if TYPE_CHECKING:
    from .loader import Sources

# A plan this much shorter than length_minutes (and by at least a tenth) gets a warning.
FAR_UNDER_MINUTES = 15


@dataclass(frozen=True)
class AgendaRow:
    """One timed line of a session's agenda."""

    number: int  # 1-based position
    kind: str  # "activity", "break" or "item"
    title: str
    minutes: int
    offset: int  # minutes from the start
    clock: str | None  # "18:30", or None when the session has no start time
    activity: Activity | None
    notes: str | None  # the session item's own facilitator notes


def clock_at(start: str, offset: int) -> str:
    """'18:30' + 75 minutes -> '19:45' (past midnight wraps round)."""
    hours, minutes = (int(part) for part in start.split(":"))
    total = (hours * 60 + minutes + offset) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def item_minutes(guide: Guide, item: SessionItem) -> int:
    if item.break_minutes is not None:
        return item.break_minutes
    if item.minutes is not None:
        return item.minutes
    if item.activity is not None:
        return guide.activity(item.activity).duration_minutes
    return 0


def item_title(guide: Guide, item: SessionItem) -> str:
    if item.activity is not None:
        return guide.activity(item.activity).title
    if item.break_minutes is not None:
        return "Break"
    return item.item or ""


def agenda(guide: Guide, session: Session) -> list[AgendaRow]:
    rows, offset = [], 0
    for number, item in enumerate(session.items, start=1):
        minutes = item_minutes(guide, item)
        kind = "activity" if item.activity else "break" if item.break_minutes is not None else "item"
        activity = guide.activity(item.activity) if item.activity else None
        clock = clock_at(session.start, offset) if session.start else None
        rows.append(AgendaRow(number, kind, item_title(guide, item), minutes, offset, clock, activity, item.notes))
        offset += minutes
    return rows


def total_minutes(guide: Guide, session: Session) -> int:
    return sum(item_minutes(guide, item) for item in session.items)


def end_clock(guide: Guide, session: Session) -> str | None:
    return clock_at(session.start, total_minutes(guide, session)) if session.start else None


def materials(guide: Guide, session: Session) -> list[str]:
    """What to bring, gathered from every activity in order, each once."""
    seen: dict[str, str] = {}
    for item in session.items:
        if item.activity:
            for thing in guide.activity(item.activity).materials:
                seen.setdefault(" ".join(thing.lower().split()), thing)
    return list(seen.values())


def session_activities(guide: Guide, session: Session) -> list[Activity]:
    """The session's activities in order, each once."""
    ids = dict.fromkeys(item.activity for item in session.items if item.activity)
    return [guide.activity(i) for i in ids if i]


def timing_warnings(guide: Guide, session: Session, where: tuple[str, int, str]) -> list[Problem]:
    """A plan that runs over its length_minutes, or far under it (a warning: the editor decides)."""
    if session.length_minutes is None:
        return []
    path, line, source_line = where
    total, wanted = total_minutes(guide, session), session.length_minutes
    if total > wanted:
        message = (
            f"the agenda adds up to {total} minutes, {total - wanted} more than length_minutes ({wanted}); "
            "shorten an item or raise length_minutes"
        )
    elif wanted - total >= max(FAR_UNDER_MINUTES, wanted // 10):
        message = (
            f"the agenda adds up to {total} minutes, {wanted - total} fewer than length_minutes ({wanted}); "
            "add an item or a break, or lower length_minutes"
        )
    else:
        return []
    return [Problem(path, line, 1, "length_minutes", message, source_line)]


def session_warnings(guide: Guide, sources: Sources) -> list[Problem]:
    """Timing warnings for every session, at its length_minutes line."""
    problems = []
    for session in guide.sessions:
        source = sources.get(("session", session.id))
        if source is None:
            continue
        if not timing_warnings(guide, session, (source.path, 0, "")):
            continue  # most sessions add up: their file is not parsed again for the line
        line = position(source.node, ("length_minutes",))[0] + source.line_offset
        text = source.lines[line - 1] if 0 < line <= len(source.lines) else ""
        problems += timing_warnings(guide, session, (source.path, line, text))
    return problems
