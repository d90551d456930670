"""Warnings for example text a skeleton wrote that nobody has replaced yet, with file:line.

`guidegen new activity` and `guidegen init` write example words so the files load at once;
left in place they are printed for readers. The examples come from the skeletons themselves
(content/examples.py). A safeguarding contact that is still the example is a warning here, so
`check --strict` and `publish` refuse it; the renderers never print it.
"""

from __future__ import annotations

from ..content.examples import examples, is_example_safeguarding, same_text
from ..content.loader import FieldSource, Sources
from ..content.model import Guide
from ..content.reader import position
from ..errors import Problem

REPLACE = "is still the example text from `guidegen new` or `guidegen init`; replace it with your own words"


def _at(source: FieldSource, loc: tuple[str | int, ...], field: str, message: str) -> Problem:
    line, column = position(source.node, (*source.prefix, *loc))
    line += source.line_offset
    text = source.lines[line - 1] if 0 < line <= len(source.lines) else ""
    return Problem(source.path, line, column, field, message, text)


def _activities(guide: Guide, sources: Sources) -> list[Problem]:
    found: list[Problem] = []
    for activity in guide.activities:
        source = sources.get(("activity", activity.id))
        if source is None:
            continue
        for field, example in examples().activity.items():
            if same_text(getattr(activity, field), str(example)):
                found.append(_at(source, (field,), field, REPLACE))
    return found


def _pages(guide: Guide, sources: Sources) -> list[Problem]:
    found: list[Problem] = []
    body_examples = {" ".join(line.split()) for line in examples().page_body}
    for page in guide.pages:
        source = sources.get(("page", page.id))
        if source is None:
            continue
        if same_text(page.summary, examples().page_summary):
            found.append(_at(source, ("summary",), "summary", REPLACE))
        for offset, line in enumerate(page.body.split("\n")):
            if " ".join(line.strip("- ").split()) in body_examples:
                number = page.body_line + offset
                snippet = source.lines[number - 1] if 0 < number <= len(source.lines) else line
                found.append(Problem(source.path, number, 1, "text", REPLACE, snippet))
                break  # one line is enough to send the editor to the page
    return found


def _sessions(guide: Guide, sources: Sources) -> list[Problem]:
    found: list[Problem] = []
    for session in guide.sessions:
        source = sources.get(("session", session.id))
        if source is not None and same_text(session.summary, examples().session_summary):
            found.append(_at(source, ("summary",), "summary", REPLACE))
    return found


def example_safeguarding(guide: Guide, sources: Sources) -> list[Problem]:
    """A warning while site_config.yml's safeguarding contact is the example, which reaches nobody."""
    contact = guide.config.safeguarding
    source = sources.get(("config", ""))
    if contact is None or source is None or not is_example_safeguarding(contact):
        return []
    message = (
        "is still the example text, so readers are not shown it; put how to reach your group's safeguarding "
        "contact here (a phone number or email address), or delete the safeguarding: setting if you have none "
        "(readers then see the route in content/support.yml)"
    )
    return [_at(source, ("safeguarding", "how_to_reach"), "safeguarding.how_to_reach", message)]


def example_text(guide: Guide, sources: Sources) -> list[Problem]:
    """Every untouched example: activities, pages, sessions and the safeguarding contact."""
    return (
        _activities(guide, sources)
        + _pages(guide, sources)
        + _sessions(guide, sources)
        + example_safeguarding(guide, sources)
    )
