"""What an activity's PDF jobs are made from, as one digest: the build keys those jobs by it
(builder/pdfs.py), so an unchanged job is known without making its HTML. Making every job's
HTML only for its key took some 4 s of CPU at 100 activities, on every build.

What a job of activity X can read (pdf/html.py: a template's context holds the activity, in a
booklet part the one its `next` names, its skills, the settings, the home page and the support
contacts, never the whole guide): X in full, in its booklet parts what our template shows of
its next activity ("Next activity:" and its title; all of it with a guide's own templates,
which may show more), and of the rest of the guide all
but the other activities and the pages' bodies: settings, home page, skills, sessions, Easy
Read, support contacts, what is left untranslated, the pages' titles, whether X comes first (its
booklet part holds a heading), and the form fields' font, which every PDF chooses
from every title and ring label (html.field_font). So a text edited changes its own
activity's jobs, a title those and the booklet parts of the activity before it. Templates, fonts, assets, the settings'
look, the engines and all of guidegen's code (messages and catalogues included) are in the
build's own part of each key.
"""

from __future__ import annotations

import json
from typing import Any

from ..common.digest import digest_bytes
from ..common.template_files import template_roots
from ..content.model import Activity, Guide
from .html import field_font


class JobInputs:
    """The guide's part shared by every activity's jobs, digested once per build."""

    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        rest = guide.model_dump(mode="json", exclude={"root", "activities", "pages", "untranslated"})
        pages = [page.model_dump(mode="json", exclude={"body"}) for page in guide.pages]  # a page's body is its part's
        # The one thing every PDF takes from every title and ring label: the form fields' font.
        fields = field_font(guide) or ""
        # untranslated is a set: sorted, so the digest is the same in every process.
        self.shared = digest_bytes(_json([rest, pages, sorted(guide.untranslated), fields]))
        self._index = {a.id: i for i, a in enumerate(guide.activities)}
        self.own_templates = len(template_roots(guide.root)) > 1
        # An activity has some six jobs (handout, poster, large print, a booklet part in each
        # variant), each asking for its dump: made once (at 500 activities, 3,000 dumps).
        self._dumps: dict[str, str] = {}

    def activity(self, activity_id: str, *job: str, shows_next: bool = False) -> str:
        """The digest of what a job of activity_id reads; job: what tells that job from the others.
        shows_next: a booklet part, whose context holds the next activity (a handout's does not)."""
        activity = self.guide.activity(activity_id)
        after = self.guide.activity(activity.next) if activity.next and shows_next else None
        first = "first" if self._index[activity_id] == 0 else "later"  # the first one's part holds a heading
        return digest_bytes(self.shared, self._dump(activity), self._next(after) if after else "", first, *job)

    def _dump(self, activity: Activity) -> str:
        found = self._dumps.get(activity.id)
        if found is None:
            found = self._dumps[activity.id] = _dump(activity)
        return found

    def _next(self, after: Activity) -> str:
        """What a booklet part shows of the next activity: its title and id with our templates, all
        of it with the guide's own (which may show more)."""
        return self._dump(after) if self.own_templates else _json([after.id, after.title])


def _dump(activity: Activity) -> str:
    return _json(activity.model_dump(mode="json"))


def _json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
