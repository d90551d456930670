"""A session's PDFs: its one-page agenda and its pack (the HTML WeasyPrint lays out).

- `<id>-agenda.pdf`: the timed agenda on one page, clock times in large type, in black and
  grey only; the type gets smaller as the agenda gets longer, so it fits A4 and Letter alike.
- `<id>-pack.pdf` (facilitators' guide only): the agenda, what to bring, then each item
  with its notes (and an activity's aim, preparation, steps and facilitator notes), then
  each activity's handout in order. The handouts keep their fillable fields, each renamed
  with its activity's id in front so no two handouts share a field name. Every heading is a
  bookmark: one per agenda item and one per handout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup

from ..common.messages import N_, Messages, messages_for
from ..content.agenda import AgendaRow, agenda, end_clock, materials, session_activities, total_minutes
from ..content.model import Guide, Session
from ..render.job import Job
from ..render.qr import qr_code
from .html import Meta, handout_html, handout_html_text, licence_line, render_template, timed_steps

BODY = re.compile(r"<body>(.*)</body>", re.DOTALL)
FIELD_NAME = re.compile(r'(<(?:input|textarea|select)\b[^>]*?\sname=")([^"]+)(")')
# The agenda's rows share 150 mm of a Letter page (the shorter of A4 and Letter); the heading,
# the QR code and the licence take the rest.
AGENDA_HEIGHT_MM = 150.0
PT_MM = 25.4 / 72


def agenda_filename(session: Session) -> str:
    return f"sessions/{session.id}-agenda.pdf"


def pack_filename(session: Session) -> str:
    return f"sessions/{session.id}-pack.pdf"


ENGLISH = Messages("en")
TITLES = {"agenda": N_("%(title)s: agenda"), "pack": N_("%(title)s: session pack")}


def duration_words(minutes: int, messages: Messages = ENGLISH) -> str:
    """90 -> '1 hour 30 minutes', in the guide's language."""
    return messages.duration(minutes)


@dataclass(frozen=True)
class Sizes:
    """Type sizes for the agenda, in points, so that every row fits on one page."""

    clock: float
    title: float
    row_mm: float


def agenda_sizes(rows: int) -> Sizes:
    """Rows share AGENDA_HEIGHT_MM; the clock's type fills its row (line height 1.15, 0.6 mm padding)."""
    row_mm = min(24.0, AGENDA_HEIGHT_MM / max(rows, 1))
    clock = max(6.5, min(26.0, (row_mm - 0.8) / PT_MM / 1.15))
    return Sizes(clock=round(clock, 1), title=round(max(6.5, min(16.0, clock * 0.65)), 1), row_mm=round(row_mm, 2))


def _times(guide: Guide, session: Session) -> dict[str, Any]:
    total = total_minutes(guide, session)
    return {
        "rows": agenda(guide, session),
        "total": total,
        "total_words": duration_words(total, messages_for(guide.config)),
        "start": session.start,
        "end": end_clock(guide, session),
        "sizes": agenda_sizes(len(session.items) + (1 if session.start else 0)),  # and the End row
    }


def _context(guide: Guide, session: Session, date: str | None, what: str) -> dict[str, Any]:
    config = guide.config
    messages = messages_for(config)
    title = messages.gettext(TITLES[what], title=session.title)
    return {
        "meta": Meta(config.language, title, config.organisation, session.summary, date),
        "session": session,
        "licence": licence_line(config),
        "qr": qr_code(config, f"sessions/{session.id}/", N_("this session")),
        **_times(guide, session),
    }


def agenda_html(guide: Guide, session: Session, date: str | None) -> str:
    context = _context(guide, session, date, "agenda")
    return render_template(guide, "session_agenda.html.j2", **context)


def renamed_fields(html: str, prefix: str) -> str:
    """Every form field's name with prefix in front (names are our own, from pdf/fields.py and diagram.py)."""
    return FIELD_NAME.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}{m.group(3)}", html)


def handout_section(guide: Guide, activity_id: str, date: str | None) -> Markup:
    """An activity's handout as a part of the pack: its body, headings one level down, fields renamed."""
    html = handout_html(guide, guide.activity(activity_id), date)
    match = BODY.search(html)
    assert match, "handout.html.j2 always has a body"
    body = match.group(1).replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    body = body.replace("<h1>", '<h2 class="handout-title">').replace("</h1>", "</h2>")
    return Markup(renamed_fields(body, f"{activity_id}__"))


def _row_notes(guide: Guide, row: AgendaRow) -> dict[str, Any]:
    inline = partial(handout_html_text, inline=True)
    activity = row.activity
    return {
        "row": row,
        "notes": handout_html_text(row.notes) if row.notes else None,
        "aim": handout_html_text(activity.aim) if activity else None,
        "preparation": [inline(p) for p in activity.preparation] if activity else [],
        "steps": timed_steps(guide, activity, inline) if activity else [],
        "facilitator_notes": handout_html_text(activity.facilitator_notes)
        if activity and activity.facilitator_notes
        else None,
    }


def pack_html(guide: Guide, session: Session, date: str | None) -> str:
    context = _context(guide, session, date, "pack")
    rows = context["rows"]
    with_handouts = [a for a in session_activities(guide, session) if a.handout]
    context |= {
        "materials": materials(guide, session),
        "session_notes": handout_html_text(session.notes) if session.notes else None,
        "items": [_row_notes(guide, row) for row in rows],
        "handouts": [(a, handout_section(guide, a.id, date)) for a in with_handouts],
    }
    return render_template(guide, "session_pack.html.j2", **context)


def session_jobs(guide: Guide, date: str | None) -> list[Job]:
    jobs = []
    for session in guide.sessions:
        source = f"content/sessions/{session.id}.yml"  # named in its layout problems
        name = agenda_filename(session)
        jobs.append(
            Job(name.removesuffix(".pdf"), name, "agenda", None, 0.5, date, session_id=session.id, source=source)
        )
        if guide.audience == "facilitators":  # a pack holds the facilitator's notes
            cost = 1.0 + len(session.items) / 4
            name = pack_filename(session)
            pack = Job(name.removesuffix(".pdf"), name, "pack", None, cost, date, session_id=session.id, source=source)
            jobs.append(pack)
    return jobs


def session_job_html(guide: Guide, kind: str, session_id: str, date: str | None) -> str:
    session = guide.session(session_id)
    return agenda_html(guide, session, date) if kind == "agenda" else pack_html(guide, session, date)
