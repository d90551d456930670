"""The crisis and support contacts, step timings and adaptations, ready for any output.

The contacts live in one place, content/support.yml; every output (activity pages, the crisis
page, handouts, the booklet) is made from `support_context`, so changing a number there
changes it everywhere. WORDS holds the fixed interface words these boxes add, in one place:
messages of the interface catalogue, in the guide's language through `words()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..common.messages import N_, Messages, messages_for
from ..content.examples import is_example_safeguarding
from ..content.model import Activity, Guide, LocalService, Page, SafeguardingContact, SupportContact

WORDS = {
    "checked": N_("Checked on %(date)s."),
    "more": N_("What to do if someone is in crisis"),
    "safeguarding": N_("Our safeguarding contact"),
    "safeguarding_route": N_("If you are worried about someone's safety"),
    "local": N_("Near us"),
    "adaptations": N_("Changing the activity"),
    "online": N_("Online or hybrid"),
    "larger_group": N_("With a larger group"),
    "reading_support": N_("If reading or writing is hard"),
    "sight": N_("If someone is blind or partially sighted"),
    "hearing": N_("If someone is Deaf or has hearing loss"),
    "mobility": N_("If moving around is hard"),
    "interpreter": N_("With an interpreter"),
    "materials_online": N_("Online you need"),
    "minutes": N_("%(minutes)s min"),
}


def words(messages: Messages) -> dict[str, str]:
    """WORDS in the guide's language (its own wording first), placeholders left for the callers."""
    return {name: messages.raw(message) for name, message in WORDS.items()}


def checked_on(day: date, messages: Messages) -> str:
    """'Checked on 6 December 2026.', the month in the guide's language (CLDR, through Babel)."""
    from babel.dates import format_date

    try:
        written = format_date(day, "d MMMM y", locale=messages.language.replace("-", "_"))
    except (ValueError, LookupError):  # a language CLDR has no dates for: the numbers alone
        written = day.isoformat()
    return messages.gettext(WORDS["checked"], date=written)


ADAPTATIONS = ("online", "larger_group", "reading_support", "sight", "hearing", "mobility", "interpreter")


@dataclass(frozen=True)
class Contact:
    name: str
    how: str
    when: str | None
    # In a translation: the source's language, which `how` is always in (numbers are never translated).
    how_lang: str | None = None


@dataclass(frozen=True)
class Section:
    """Contacts listed under one heading (None: the contacts before any section)."""

    heading: str | None
    contacts: tuple[Contact, ...]


def _contact(contact: SupportContact | LocalService, how_lang: str | None = None) -> Contact:
    """Without a full stop at the end: the templates add their own."""
    when = contact.when.rstrip(".") if contact.when else None
    return Contact(contact.name, contact.how.rstrip("."), when, how_lang)


def _sections(contacts: tuple[SupportContact, ...], how_lang: str | None) -> list[Section]:
    """Contacts grouped by `section:`, each section where it first appears, contacts in file order."""
    order: list[str | None] = []
    grouped: dict[str | None, list[Contact]] = {}
    for contact in contacts:
        if contact.section not in grouped:
            order.append(contact.section)
            grouped[contact.section] = []
        grouped[contact.section].append(_contact(contact, how_lang))
    return [Section(heading, tuple(grouped[heading])) for heading in order]


def crisis_page(guide: Guide) -> Page | None:
    """The first page that shows the support contacts: boxes elsewhere link to it."""
    return next((p for p in guide.pages if "support-contacts" in p.show), None)


def support_context(guide: Guide) -> dict[str, Any] | None:
    """What a support box shows, or None when the guide has no content/support.yml.

    `contacts` is every contact in file order (for outputs that list them flat); `sections` the
    same contacts under their headings; `local` the group's own services, shown only when filled in.
    """
    support = guide.support
    if support is None:
        return None
    page = crisis_page(guide)
    messages = messages_for(guide.config)
    how_lang = guide.source_language  # a translation: `how` stays in the source's words
    local = [_contact(service, how_lang) for service in support.local]
    return {
        "heading": support.heading,
        "intro": support.intro,
        "contacts": [_contact(c, how_lang) for c in support.contacts],
        "sections": _sections(support.contacts, how_lang)
        + ([Section(messages.gettext(WORDS["local"]), tuple(local))] if local else []),
        "local": local,
        "checked": checked_on(support.checked, messages),
        "page": page.id if page else None,
    }


def own_safeguarding_contact(guide: Guide) -> SafeguardingContact | None:
    """The group's safeguarding contact, or None while there is none or it is still the example text.

    The example must never reach a reader: a reader who follows it reaches nobody.
    """
    contact = guide.config.safeguarding
    return None if contact is None or is_example_safeguarding(contact) else contact


def safeguarding_context(guide: Guide) -> dict[str, Any] | None:
    """The safeguarding box: the group's own contact (if real) above the route any UK group can use."""
    contact = own_safeguarding_contact(guide)
    route = list(guide.support.safeguarding_route) if guide.support else []
    if contact is None and not route:
        return None
    messages = messages_for(guide.config)
    return {
        "heading": messages.gettext(WORDS["safeguarding"]),
        "contact": contact,
        "route_heading": messages.gettext(WORDS["safeguarding_route"]),
        "route": route,
    }


def adaptations(activity: Activity, messages: Messages) -> list[tuple[str, str]]:
    """(label, text) for each adaptation the activity gives, in a fixed order, labels in the guide's language."""
    given = activity.adaptations
    if given is None:
        return []
    pairs = ((messages.gettext(WORDS[name]), getattr(given, name)) for name in ADAPTATIONS)
    return [(label, text) for label, text in pairs if text]


def minutes_label(minutes: int | None, messages: Messages) -> str:
    return messages.gettext(WORDS["minutes"], minutes=minutes) if minutes else ""
