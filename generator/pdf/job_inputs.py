"""What the HTML of an activity's PDF jobs is made from, as one digest: the build keys those jobs
by it, so an unchanged job is known without making its HTML (making every job's HTML only for
its key took 14-20 s of CPU at 100 activities, on every build).

Kept on the safe side: a job of activity X reads X and the activity after it in full, and
everything else of the guide but the other activities' own texts (their titles, order, skills,
`next` and handouts stay: the fields' font sample, the contents, "Next activity" and a guide's
own templates may show them). Links were resolved into the texts when the guide was loaded, so
an edited title reaches every text that links to it. The templates, fonts, assets and code are
in the build's own part of each key (builder/pdfs.py).
"""

from __future__ import annotations

import json
from typing import Any

from ..common.digest import digest_bytes
from ..content.model import Activity, Guide

# An activity's own texts: shown on its own pages only, never on another activity's.
OWN_TEXTS = frozenset(
    {
        "summary",
        "aim",
        "materials",
        "materials_online",
        "preparation",
        "steps",
        "adaptations",
        "facilitator_notes",
        "attribution",
    }
)


class JobInputs:
    """The guide's part shared by every activity's jobs, digested once per build."""

    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        rest = guide.model_dump(mode="json", exclude={"root", "activities", "untranslated"})
        others = [a.model_dump(mode="json", exclude=set(OWN_TEXTS)) for a in guide.activities]
        # untranslated is a set: sorted, so the digest is the same in every process.
        self.shared = digest_bytes(_json([rest, others, sorted(guide.untranslated)]))
        self._index = {a.id: i for i, a in enumerate(guide.activities)}

    def activity(self, activity_id: str, *job: str) -> str:
        """The digest of what activity_id's job reads; job: what tells that job from the others."""
        activity = self.guide.activity(activity_id)
        after = self.guide.activity(activity.next) if activity.next else None
        position = str(self._index[activity_id])  # the first activity's booklet part differs
        return digest_bytes(self.shared, _dump(activity), _dump(after) if after else "", position, *job)


def _dump(activity: Activity) -> str:
    return _json(activity.model_dump(mode="json"))


def _json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
