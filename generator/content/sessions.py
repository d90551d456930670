"""Session plans: content/sessions/*.yml -> validated Sessions.

A session is an evening's plan: activities from the guide, breaks and items of the
facilitator's own. The loader calls `load_sessions` after the rest of the guide is read,
so it knows every activity id; the timed agenda is content/agenda.py's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from .model import Session, SessionItem
from .parse_cache import ParseCache
from .problem_text import did_you_mean
from .source_file import SourceFile, listing, load_yaml_model


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
