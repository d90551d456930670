"""Warnings about the crisis and support contacts (stale, marked to check) and about step timings.

Crisis numbers change rarely but matter most when they do, so `guidegen check` reminds the
editor once the contacts have gone a year without being checked against the services' pages.
"""

from __future__ import annotations

from datetime import date

from ..content.loader import FieldSource, Sources
from ..content.model import Activity, Guide
from ..content.reader import position
from ..errors import Problem

STALE_AFTER_DAYS = 365


def _problem(source: FieldSource, loc: tuple[str | int, ...], field: str, message: str) -> Problem:
    line, column = position(source.node, (*source.prefix, *loc))
    line += source.line_offset
    text = source.lines[line - 1] if 0 < line <= len(source.lines) else ""
    return Problem(source.path, line, column, field, message, text)


def stale_contacts(guide: Guide, sources: Sources, today: date) -> list[Problem]:
    """A warning when content/support.yml's `checked:` date is more than a year before today."""
    if guide.support is None or ("support", "") not in sources:
        return []
    age = (today - guide.support.checked).days
    if age < 0:
        message = f"{guide.support.checked.isoformat()} is in the future; write the date you checked the contacts"
        return [_problem(sources[("support", "")], ("checked",), "checked", message)]
    if age <= STALE_AFTER_DAYS:
        return []
    message = (
        f"the contacts were last checked {age} days ago ({guide.support.checked.isoformat()}); "
        "check every number against each service's own page, then change this date to today"
    )
    return [_problem(sources[("support", "")], ("checked",), "checked", message)]


def contacts_to_check(guide: Guide, sources: Sources) -> list[Problem]:
    """A warning for each contact still marked `to_check: true` (as `guidegen init` writes them)."""
    source = sources.get(("support", ""))
    if guide.support is None or source is None:
        return []
    message = (
        "is marked to check: check the details of {name} on the service's own page ({url}), correct them, "
        "then delete `to_check: true` (or delete the contact if it does not serve your readers)"
    )
    return [
        _problem(source, ("contacts", i, "to_check"), "to_check", message.format(name=c.name, url=c.checked_at))
        for i, c in enumerate(guide.support.contacts)
        if c.to_check
    ]


def _partly_timed(activity: Activity, source: FieldSource) -> list[Problem]:
    timed = [step.minutes is not None for step in activity.steps]
    if all(timed) or not any(timed):
        return []
    missing = ", ".join(str(i + 1) for i, has in enumerate(timed) if not has)
    message = f"steps {missing} have no minutes while others do; give every step minutes, so sessions can be planned"
    return [_problem(source, ("steps",), "steps", message)]


def step_timings(guide: Guide, sources: Sources) -> list[Problem]:
    """A warning for each activity that times some of its steps but not all of them."""
    problems: list[Problem] = []
    for activity in guide.activities:
        source = sources.get(("activity", activity.id))
        if source is not None:
            problems += _partly_timed(activity, source)
    return problems
