"""The website's session pages: an index, one page per session plan, and the planner.

Each session page shows the timed agenda (clock times when the session has a start time,
minutes from the start otherwise), what to bring gathered from every activity without
duplicates, links to each activity and its handout, and the session's PDFs. The planner
page (facilitators' guide only) is built in the browser by assets/guidegen/planner/
planner.js from the data in planner/data.js; without JavaScript it lists the sessions.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..common.messages import N_, PLANNER_SCRIPT, messages_for
from ..content.agenda import agenda, end_clock, materials, session_activities, total_minutes
from ..content.model import Guide, Session
from ..render.environments import TEMPLATES_DIR
from .scripts import js_value, script_words, write_script

PLANNER_FILES = ("planner.js", "planner.css")
INDEX, PLANNER = "sessions/index.md", "sessions/planner.md"
# Keys of the session PDFs in the build's handouts mapping (ids never contain a colon).
AGENDA_KEY, PACK_KEY = "session:{id}:agenda", "session:{id}:pack"


def has_planner(guide: Guide) -> bool:
    return guide.audience == "facilitators"


def when(guide: Guide, session: Session) -> str:
    length = messages_for(guide.config).duration(total_minutes(guide, session))
    return f"{session.start} to {end_clock(guide, session)} ({length})" if session.start else length


def session_page(guide: Guide, session: Session, handouts: Mapping[str, str], render: Any) -> tuple[str, str, str]:
    rows = agenda(guide, session)
    activities = session_activities(guide, session)
    pdf = {key: f"pdf/{handouts[key]}" for key in handouts}
    text = render(
        "session.md.j2",
        f"sessions/{session.id}.md",
        session=session,
        rows=rows,
        end=end_clock(guide, session),
        total=total_minutes(guide, session),
        when=when(guide, session),
        noted=[row for row in rows if row.notes],
        materials=materials(guide, session),
        activities=activities,
        handouts=[(a, pdf.get(a.id)) for a in activities if a.handout],
        agenda_pdf=pdf.get(AGENDA_KEY.format(id=session.id)),
        pack_pdf=pdf.get(PACK_KEY.format(id=session.id)),
    )
    return f"sessions/{session.id}.md", session.title, text


def session_pages(guide: Guide, handouts: Mapping[str, str], render: Any) -> list[tuple[str, str, str]]:
    """(path, title, Markdown) for the index, each session and the planner; none for a guide
    without sessions (its website stays as it was)."""
    if not guide.sessions:
        return []
    times = {s.id: when(guide, s) for s in guide.sessions}
    index = render("sessions.md.j2", INDEX, sessions=guide.sessions, times=times, planner=has_planner(guide))
    words = messages_for(guide.config)
    pages = [(INDEX, words.gettext(N_("Sessions")), index)]
    pages += [session_page(guide, s, handouts, render) for s in guide.sessions]
    if has_planner(guide):
        planner = render("planner.md.j2", PLANNER, sessions=guide.sessions, activities=guide.activities)
        pages.append((PLANNER, words.gettext(N_("Plan a session")), planner))
    return pages


def planner_data(guide: Guide) -> dict[str, Any]:
    """What the planner needs about the guide: its activities, and the published plans to start from."""
    return {
        "guide": guide.config.slug,
        "title": guide.config.title,
        "activities": [
            {"id": a.id, "title": a.title, "minutes": a.duration_minutes, "summary": a.summary or ""}
            for a in guide.activities
        ],
        "sessions": [_plan(guide, s) for s in guide.sessions],
    }


def _plan(guide: Guide, session: Session) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    for item in session.items:
        if item.activity:
            items.append({"type": "activity", "id": item.activity, "minutes": item.minutes})
        elif item.break_minutes is not None:
            items.append({"type": "break", "minutes": item.break_minutes})
        else:
            items.append({"type": "item", "title": item.item, "minutes": item.minutes})
    return {"id": session.id, "title": session.title, "start": session.start or "", "items": items}


def write_planner_assets(guide: Guide, dest: Path) -> None:
    """dest/planner/: the script, its styles and the guide's data (a script: file:// pages cannot fetch)."""
    if not guide.sessions or not has_planner(guide):
        return
    folder = dest / "planner"
    folder.mkdir(parents=True, exist_ok=True)
    for name in PLANNER_FILES:
        shutil.copyfile(TEMPLATES_DIR / "site" / "planner" / name, folder / name)
    words = script_words(messages_for(guide.config), PLANNER_SCRIPT)
    write_script(
        folder / "data.js",
        f"window.guidegenPlannerData = {js_value(planner_data(guide))};\n"
        f"window.GUIDEGEN_PLANNER_WORDS = {js_value(words)};\n",
    )
