"""Session plans: content/sessions/*.yml -> validated Sessions, and each one's timed agenda.

A session is an evening's plan: activities from the guide, breaks and items of the
facilitator's own, with clock times worked out from `start:`. The loader calls
`load_sessions` after the rest of the guide is read, so it knows every activity id;
the renderers (site, PDFs, planner) all take their times from `agenda()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem
from .model import Activity, Guide, Session, SessionItem
from .parse_cache import ParseCache
from .problem_text import did_you_mean
from .reader import position
from .source_file import SourceFile, listing, load_yaml_model

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


# ---------------------------------------------------------------- loading


@dataclass
class LoadedSessions:
    sessions: tuple[Session, ...]
    files: list[tuple[SourceFile, Session | None]]  # each file with what loaded from it
    problems: list[Problem]


def load_sessions(
    root: Path, cache: ParseCache | None, activity_ids: set[str], maybe: set[str] | None
) -> LoadedSessions:
    """Every content/sessions/*.yml, checked against the guide's activity ids.

    maybe: ids of activity files that failed to load (not reported again as unknown);
    None when any id might exist.
    """
    folder = root / "content" / "sessions"
    srcs = [SourceFile(root, p) for p in listing(folder, (".yml", ".yaml"))]
    loaded = [load_yaml_model(src, Session, root, cache) for src in srcs]
    seen: dict[str, str] = {}
    for src, session in zip(srcs, loaded, strict=True):
        if session is None:
            continue
        if session.id in seen:
            src.problem_at(("id",), "id", f"'{session.id}' is already the id of {seen[session.id]}; choose another id")
        seen.setdefault(session.id, src.rel)
        for index, item in enumerate(session.items):
            _check_item(src, index, item, activity_ids, maybe)
    sessions = tuple(sorted((s for s in loaded if s), key=lambda s: (s.order, s.id)))
    problems = [p for src in srcs for p in src.collector.problems]
    return LoadedSessions(sessions, list(zip(srcs, loaded, strict=True)), problems)


def _check_item(src: SourceFile, index: int, item: SessionItem, activity_ids: set[str], maybe: set[str] | None) -> None:
    label = f"items[{index + 1}]"
    values = (("activity", item.activity), ("break", item.break_minutes), ("item", item.item))
    given = [name for name, value in values if value is not None]
    if len(given) != 1:
        message = "each line of the agenda needs one of activity:, break: or item:"
        if given:
            message = (
                f"give only one of activity:, break: or item: on each line of the agenda, not {' and '.join(given)}"
            )
        src.problem_at(("items", index), label, message)
        return
    if item.activity and item.activity not in activity_ids and (maybe is not None and item.activity not in maybe):
        hint = did_you_mean(item.activity, activity_ids)
        message = f"there is no activity with id '{item.activity}' in content/activities/.{hint}"
        src.problem_at(("items", index, "activity"), f"{label}.activity", message)
    if item.item and item.minutes is None:
        message = "an item of your own needs its length; add a line 'minutes: 10' under it"
        src.problem_at(("items", index, "item"), f"{label}.minutes", message)
    if item.break_minutes is not None and item.minutes is not None:
        message = "a break's length is its number (break: 15); remove this line"
        src.problem_at(("items", index, "minutes"), f"{label}.minutes", message)


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
