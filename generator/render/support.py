"""The crisis and support contacts, step timings and adaptations, ready for any output.

The contacts live in one place, content/support.yml; every output (activity pages, the crisis
page, handouts, the booklet) is made from `support_context`, so changing a number there
changes it everywhere. WORDS holds the fixed interface words these boxes add, in one place,
so they can move into the interface message catalogue with the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..content.model import Activity, Guide, Page, SupportContact

WORDS = {
    "checked": "Checked on {date}.",
    "more": "What to do if someone is in crisis",
    "safeguarding": "Our safeguarding contact",
    "adaptations": "Changing the activity",
    "online": "Online or hybrid",
    "larger_group": "With a larger group",
    "reading_support": "If reading or writing is hard",
    "materials_online": "Online you need",
    "minutes": "{n} min",
}
ADAPTATIONS = ("online", "larger_group", "reading_support")


@dataclass(frozen=True)
class Contact:
    name: str
    how: str
    when: str | None


def _contact(contact: SupportContact) -> Contact:
    """Without a full stop at the end: the templates add their own."""
    when = contact.when.rstrip(".") if contact.when else None
    return Contact(contact.name, contact.how.rstrip("."), when)


def crisis_page(guide: Guide) -> Page | None:
    """The first page that shows the support contacts: boxes elsewhere link to it."""
    return next((p for p in guide.pages if "support-contacts" in p.show), None)


def support_context(guide: Guide) -> dict[str, Any] | None:
    """What a support box shows, or None when the guide has no content/support.yml."""
    support = guide.support
    if support is None:
        return None
    page = crisis_page(guide)
    return {
        "heading": support.heading,
        "intro": support.intro,
        "contacts": [_contact(c) for c in support.contacts],
        "checked": WORDS["checked"].format(date=f"{support.checked.day} {support.checked:%B %Y}"),
        "page": page.id if page else None,
    }


def adaptations(activity: Activity) -> list[tuple[str, str]]:
    """(label, text) for each adaptation the activity gives, in a fixed order."""
    given = activity.adaptations
    if given is None:
        return []
    pairs = ((WORDS[name], getattr(given, name)) for name in ADAPTATIONS)
    return [(label, text) for label, text in pairs if text]


def minutes_label(minutes: int | None) -> str:
    return WORDS["minutes"].format(n=minutes) if minutes else ""
