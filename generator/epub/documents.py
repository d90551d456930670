"""Guide -> the EPUB's content documents (XHTML), in reading order.

One document per page, the skills, the activities' list and one per activity, like the
booklet for facilitators (facilitator notes included). The three circles are an inline SVG
with a title and description, and a caption that says the same in words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup

from ..common.messages import messages_for
from ..content.model import Activity, ChecklistHandout, Guide, QuestionsHandout, TableHandout, ThreeCirclesHandout
from ..render import diagram
from ..render.direction import isolated, text_direction
from ..render.environments import environment
from ..render.markdown import to_html
from ..render.support import adaptations, minutes_label, safeguarding_context, support_context, words
from ..render.untranslated import untranslated
from .kept import activity_document
from .xhtml import to_xhtml

DIAGRAM_MM = 120.0


@dataclass(frozen=True)
class Document:
    """One XHTML file: its name, its title in the navigation, its text, its manifest properties."""

    name: str
    title: str
    xhtml: str
    properties: str = ""  # "svg" when it holds an inline SVG
    level: int = 1  # 2: listed under the entry before it in the navigation


def link_resolver(guide: Guide) -> Callable[[str, str, str], str]:
    """page:/skill:/activity: references -> the document (and anchor) that holds them."""

    def resolve(kind: str, ident: str, anchor: str) -> str:
        if kind == "skill":
            return f"skills.xhtml#skill-{ident}"
        if kind == "activity":
            return f"activity-{ident}.xhtml"
        return "introduction.xhtml" if ident == guide.home.id else f"page-{ident}.xhtml"

    return resolve


class _Writer:
    """Renders the templates with the guide's language, its interface words and links."""

    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        self.messages = messages_for(guide.config)
        resolve = link_resolver(guide)
        self.block: Callable[[str], Markup] = lambda text: to_xhtml(str(to_html(text, resolve)))
        self.inline: Callable[[str], Markup] = lambda text: to_xhtml(str(to_html(text, resolve, inline=True)))

    def render(self, template: str, title: str, **context: Any) -> str:
        return render(self.guide, template, title, **context)


def render(guide: Guide, template: str, title: str, /, **context: Any) -> str:
    """An EPUB template in the guide's language: `_()` gives the interface's words from its
    catalogue, and ui() marks those still in English (a language without one) as English."""
    messages = messages_for(guide.config)
    ui = partial(isolated, around=text_direction(guide.config.language), lang=messages.code)
    env = environment("epub")
    interface = messages.template_globals()
    return env.get_template(template).render(lang=guide.config.language, title=title, ui=ui, **interface, **context)


def documents(guide: Guide, kept: Mapping[str, str] | None = None) -> list[Document]:
    """Every content document in reading order (the navigation document is made from these).
    kept: activities' documents taken from the last build's EPUB as they are (kept.py)."""
    return list(each_document(guide, kept))


def each_document(guide: Guide, kept: Mapping[str, str] | None = None) -> Iterator[Document]:
    """documents(), one at a time: the EPUB writes each as it is made (package.py)."""
    w = _Writer(guide)
    config = guide.config
    gettext = w.messages.gettext
    intro = gettext("Introduction") if guide.home.title == config.title else guide.home.title
    marked = untranslated(guide, "home:index")
    home = w.render("page.xhtml.j2", intro, body=w.block(guide.home.body), untranslated=marked)
    yield Document("title.xhtml", config.title, w.render("title.xhtml.j2", config.title, config=config))
    yield Document("introduction.xhtml", intro, home)
    for page in guide.pages:
        boxes = {
            "support": support_context(guide) if "support-contacts" in page.show else None,
            "safeguarding": safeguarding_context(guide) if "safeguarding-contact" in page.show else None,
        }
        marked = untranslated(guide, f"page:{page.id}")
        body = w.block(page.body)
        xhtml = w.render("page.xhtml.j2", page.title, body=body, summary=page.summary, untranslated=marked, **boxes)
        yield Document(f"page-{page.id}.xhtml", page.title, xhtml)
    skills = [
        (s, w.block(s.description), [w.inline(way) for way in s.ways_to_develop], untranslated(guide, f"skill:{s.id}"))
        for s in guide.skills
    ]
    skills_title, activities_title = gettext("Skills"), gettext("Activities")
    yield Document("skills.xhtml", skills_title, w.render("skills.xhtml.j2", skills_title, skills=skills))
    activities = w.render("activities.xhtml.j2", activities_title, guide=guide)
    yield Document("activities.xhtml", activities_title, activities)
    for activity in guide.activities:
        name = activity_document(activity.id)
        # Only the three circles are drawn (_handout): the one document kind with an SVG inside.
        properties = "svg" if isinstance(activity.handout, ThreeCirclesHandout) else ""
        taken = (kept or {}).get(name)
        text = (
            taken
            if taken is not None
            else w.render("activity.xhtml.j2", activity.title, **_activity(w, guide, activity))
        )
        yield Document(name, activity.title, text, properties, level=2)


def _activity(w: _Writer, guide: Guide, activity: Activity) -> dict[str, Any]:
    messages = messages_for(guide.config)
    context: dict[str, Any] = {
        "activity": activity,
        "aim": w.block(activity.aim),
        "materials": [w.inline(m) for m in activity.materials],
        "preparation": [w.inline(p) for p in activity.preparation],
        "steps": [(w.inline(s.text), minutes_label(s.minutes, messages)) for s in activity.steps],
        "notes": w.block(activity.facilitator_notes) if activity.facilitator_notes else None,
        "skills": [guide.skill(s) for s in activity.skills],
        "next": guide.activity(activity.next) if activity.next else None,
        "adaptations": [(label, w.block(text)) for label, text in adaptations(activity, messages)],
        "support": support_context(guide),
        "words": words(messages),
        "untranslated": untranslated(guide, f"activity:{activity.id}"),
    }
    handout = activity.handout
    if handout is None:
        return context
    context["handout_title"] = handout.title or activity.title
    context["instructions"] = w.block(handout.instructions) if handout.instructions else None
    return context | _handout(w, guide, activity)


def _handout(w: _Writer, guide: Guide, activity: Activity) -> dict[str, Any]:
    """What the handout asks for, in words (and the three circles as a picture too)."""
    handout = activity.handout
    if isinstance(handout, ThreeCirclesHandout):
        shape = diagram.layout(handout.rings, DIAGRAM_MM)
        title = f"Three circles: {handout.title or activity.title}"
        svg = diagram.svg(shape, title=title, id_prefix=f"diagram-{activity.id}", lines=False)
        return {"figure": Markup(svg), "description": diagram.describe(shape)}
    if isinstance(handout, QuestionsHandout):
        return {"questions": [w.inline(q) for q in handout.questions]}
    if isinstance(handout, ChecklistHandout):
        rows = [s.name for s in guide.skills] if handout.from_skills else []
        return {"columns": handout.columns, "rows": [*rows, *handout.items]}
    if isinstance(handout, TableHandout):
        return {"columns": handout.columns, "rows": list(handout.rows), "blank_rows": handout.blank_rows}
    return {}
