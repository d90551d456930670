"""The PDF jobs of the guide's sessions: an agenda each, and a pack each in the facilitators' edition."""

from __future__ import annotations

from ..content.model import Guide
from ..render.job import Job
from .sessions import agenda_filename, agenda_html, pack_filename, pack_html


def session_jobs(guide: Guide, date: str | None) -> list[Job]:
    jobs = []
    for session in guide.sessions:
        source = f"content/sessions/{session.id}.yml"  # named in its layout problems
        name = agenda_filename(session)
        jobs.append(
            Job(name.removesuffix(".pdf"), name, "agenda", None, 0.5, date, session_id=session.id, source=source)
        )
        if guide.edition == "facilitators":  # a pack holds the facilitator's notes
            cost = 1.0 + len(session.items) / 4
            name = pack_filename(session)
            pack = Job(name.removesuffix(".pdf"), name, "pack", None, cost, date, session_id=session.id, source=source)
            jobs.append(pack)
    return jobs


def session_job_html(guide: Guide, kind: str, session_id: str, date: str | None) -> str:
    session = guide.session(session_id)
    return agenda_html(guide, session, date) if kind == "agenda" else pack_html(guide, session, date)
