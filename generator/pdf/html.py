"""Guide -> the HTML that WeasyPrint lays out: template contexts and rendering.

Content reaches the templates only as data: Markdown through markdown.to_html (sanitised),
everything else autoescaped. Handouts never receive facilitator notes, so a template
mistake cannot print them for participants.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..common.messages import N_, Messages, messages_for
from ..common.template_files import template_roots
from ..content.model import (
    Activity,
    ChecklistHandout,
    Guide,
    QuestionsHandout,
    SiteConfig,
    Skill,
    TableHandout,
    ThreeCirclesHandout,
)
from ..render import diagram
from ..render.direction import Direction, auto_directions, isolated, text_direction
from ..render.environments import environment
from ..render.fonts import field_family, font_stack, text_measure
from ..render.markdown import to_html
from ..render.paper import poster_paper
from ..render.qr import qr_code
from ..render.support import adaptations, minutes_label, safeguarding_context, support_context
from ..render.support import words as support_words
from ..render.untranslated import untranslated
from . import fields as handouts
from .brand import ring_fills

HANDOUT_DIAGRAM = (170.0, 8.0)  # size and band height in mm: fits A4 and Letter under a short header
POSTER_DIAGRAM = (262.0, 12.0)  # A3 minus margins; taller bands for bigger writing
POSTER_DIAGRAMS = {"A3": POSTER_DIAGRAM, "Tabloid": (244.0, 12.0)}  # Tabloid is 279 mm wide
BOOKLET_DIAGRAM = (120.0, 8.0)
UNLINKED = "#unlinked"
INTERNAL_LINK = re.compile(r'<a href="#unlinked"[^>]*>(.*?)</a>', re.DOTALL)


@dataclass(frozen=True)
class Meta:
    """What every PDF's <head> needs."""

    lang: str
    title: str
    author: str
    description: str | None
    date: str | None

    @property
    def dir(self) -> Direction:
        """The document's direction (the <html dir> every PDF template writes), from its language."""
        return text_direction(self.lang)


def licence_line(config: SiteConfig) -> str:
    messages = messages_for(config)
    values = {"title": config.title, "organisation": config.organisation, "licence": config.licence.name}
    if config.licence.url:
        return messages.gettext(
            "From “%(title)s” by %(organisation)s. Shared under the %(licence)s licence: %(url)s",
            url=config.licence.url,
            **values,
        )
    return messages.gettext("From “%(title)s” by %(organisation)s. Shared under the %(licence)s licence.", **values)


def booklet_link(kind: str, ident: str, anchor: str) -> str:
    """Links between parts of the booklet become internal anchors."""
    return f"#{kind}-{ident}"


def handout_html_text(text: str, *, inline: bool = False) -> Markup:
    """Markdown for a handout: links to other parts of the guide go nowhere on paper, so unwrap them."""
    html = to_html(text, lambda kind, ident, anchor: UNLINKED, inline=inline)
    return Markup(INTERNAL_LINK.sub(r"\1", str(html)))


def render_template(guide: Guide, template: str, /, **context: Any) -> str:
    """A PDF template (from the guide's own templates/ folder if it overrides it), in the guide's
    language, with its words and footer: every PDF module renders through here."""
    messages = messages_for(guide.config)
    footer = css_page_footer(messages.raw("Page %(number)s of %(total)s"))
    env = environment("pdf", template_roots(guide.root))
    words = messages.template_globals()
    # Mixed direction kept in order: bdi() for content, ui() for the interface's words, which are
    # English where the guide's language has no catalogue (marked so, for screen readers too).
    bdi = partial(isolated, around=text_direction(guide.config.language))
    ui = partial(isolated, around=text_direction(guide.config.language), lang=messages.code)
    fields = field_font(guide)
    boxes = support_words(messages)
    html = env.get_template(template).render(
        **words, strong=_strong, page_footer=footer, words=boxes, bdi=bdi, ui=ui, field_font=fields, **context
    )
    return auto_directions(html, text_direction(guide.config.language))


# The last few guides' form-field font: every PDF template asks, and finding it reads every
# title and ring label (8 ms at 100 activities, for each of hundreds of HTML documents). Keyed by
# the guide's identity, the guide held so its id is not reused; models are frozen.
_FIELD_FONTS: dict[int, tuple[Guide, str | None]] = {}


def field_font(guide: Guide) -> str | None:
    """The family the guide's form fields use (render/fonts.py's field_family), found once per guide."""
    known = _FIELD_FONTS.get(id(guide))
    if known is None or known[0] is not guide:
        if len(_FIELD_FONTS) >= 8:  # a preview loads the guide again on every save
            _FIELD_FONTS.clear()
        known = _FIELD_FONTS[id(guide)] = (
            guide,
            field_family(guide.content_dir, guide.config.fonts, script_sample(guide)),
        )
    return known[1]


def script_sample(guide: Guide) -> str:
    """The guide's own words in this language, enough to tell its script: titles and ring labels
    (every PDF reads them: pdf/job_inputs.py counts them among what every job is made from)."""
    rings = (ring for a in guide.activities if isinstance(a.handout, ThreeCirclesHandout) for ring in a.handout.rings)
    return " ".join([guide.config.title, *(a.title for a in guide.activities), *rings])


def timed_steps(guide: Guide, activity: Activity, text: Callable[[str], Markup]) -> list[tuple[Markup, str]]:
    """Each step as (text, its minutes as a label in the guide's language, or '')."""
    messages = messages_for(guide.config)
    return [(text(step.text), minutes_label(step.minutes, messages)) for step in activity.steps]


def css_page_footer(label: str) -> Markup:
    """'Page %(number)s of %(total)s' -> '"Page " counter(page) " of " counter(pages)' for @page.

    Text becomes CSS strings with every character that could end the string or the <style>
    element escaped, so a guide's own wording cannot add CSS."""
    pieces = re.split(r"(%\((?:number|total)\)s)", label)
    out = []
    for piece in pieces:
        if piece == "%(number)s":
            out.append("counter(page)")
        elif piece == "%(total)s":
            out.append("counter(pages)")
        elif piece:
            out.append('"' + "".join(c if c.isalnum() or c in " .,:;-()" else f"\\{ord(c):x} " for c in piece) + '"')
    return Markup(" ".join(out))


def _strong(text: str) -> Markup:
    return Markup("<strong>%s</strong>") % text


def three_circles(
    handout: ThreeCirclesHandout,
    size: float,
    band: float,
    title: str,
    lines: bool,
    messages: Messages,
    config: SiteConfig | None = None,
    content_dir: Path | None = None,
) -> dict[str, Any]:
    look: dict[str, Any] = {}
    measure: diagram.Measure = diagram.estimated_width
    if config is not None and content_dir is not None:  # the guide's fonts and brand tints (not the website's)
        look = {"fills": ring_fills(config.brand.primary), "font_family": font_stack(content_dir, config.fonts)}
        measure = text_measure(content_dir, config.fonts)
    shape = diagram.layout(handout.rings, size, band, messages, measure)
    # The ring labels are HTML over the drawing (fields.html.j2), which Pango shapes and orders.
    svg = diagram.svg(shape, title=title, lines=lines, messages=messages, labels=False, **look)
    return {"diagram": shape, "svg": Markup(svg)}


def fillable(
    guide: Guide,
    activity: Activity,
    size: tuple[float, float],
    text: Callable[[str], Markup],
    lines: bool = True,
) -> dict[str, Any]:
    """The kind-specific part of a handout's context; text renders a line of content Markdown."""
    handout = activity.handout
    title = handout.title if handout and handout.title else activity.title
    messages = messages_for(guide.config)
    if isinstance(handout, ThreeCirclesHandout):
        # Writing lines only where people write: not on the booklet's small picture.
        alt = messages.gettext("Three circles: %(title)s", title=title)
        return three_circles(handout, size[0], size[1], alt, lines, messages, guide.config, guide.content_dir)
    if isinstance(handout, QuestionsHandout):
        return {"questions": [(text(q.text), q.field) for q in handouts.questions(handout, messages)]}
    if isinstance(handout, ChecklistHandout):
        skill_or_item = messages.gettext("Skill") if handout.from_skills else messages.gettext("To check")
        first = handout.first_column or skill_or_item
        rows = handouts.checklist_rows(handout, guide, messages)
        return {"rows": rows, "columns": handout.columns, "first_column": first}
    if isinstance(handout, TableHandout):
        rows = handouts.table_rows(handout, messages)
        return {
            "rows": rows,
            "columns": handout.columns,
            "first_column": handout.first_column or messages.gettext("Task"),
        }
    return {}


def handout_context(guide: Guide, activity: Activity, date: str | None, size: tuple[float, float]) -> dict[str, Any]:
    handout = activity.handout
    title = handout.title if handout and handout.title else activity.title
    kind = "three_circles" if isinstance(handout, ThreeCirclesHandout) else (handout.kind if handout else "none")
    return {
        "meta": Meta(
            guide.config.language, _title(guide, N_("%(title)s: handout"), title), *_about(guide, activity), date
        ),
        "title": title,
        "kind": kind,
        "activity": activity,
        "aim": handout_html_text(activity.aim),
        "instructions": handout_html_text(handout.instructions) if handout and handout.instructions else None,
        "steps": timed_steps(guide, activity, partial(handout_html_text, inline=True)),
        "licence": licence_line(guide.config),
        "qr": qr_code(guide.config, f"activities/{activity.id}/", N_("this activity")),
        "support": support_context(guide),
        **fillable(guide, activity, size, partial(handout_html_text, inline=True)),
        **untranslated(guide, f"activity:{activity.id}"),
    }


def _title(guide: Guide, wording: str, title: str) -> str:
    return messages_for(guide.config).gettext(wording, title=title)


def _about(guide: Guide, activity: Activity) -> tuple[str, str | None]:
    return guide.config.organisation, activity.summary


def handout_html(guide: Guide, activity: Activity, date: str | None) -> str:
    return render_template(guide, "handout.html.j2", **handout_context(guide, activity, date, HANDOUT_DIAGRAM))


def poster_html(guide: Guide, activity: Activity, date: str | None) -> str:
    paper = poster_paper(guide.config.paper)
    context = handout_context(guide, activity, date, POSTER_DIAGRAMS[paper])
    wording = N_("%(title)s: A3 poster") if paper == "A3" else N_("%(title)s: Tabloid poster")
    context["meta"] = Meta(
        guide.config.language, _title(guide, wording, context["title"]), *_about(guide, activity), date
    )
    return render_template(guide, "poster.html.j2", **context)


def _booklet_activity(guide: Guide, activity: Activity, diagram: tuple[float, float]) -> dict[str, Any]:
    """Everything about an activity, facilitator notes included: the booklet is for facilitators."""
    html = partial(to_html, resolve=booklet_link)
    inline = partial(to_html, resolve=booklet_link, inline=True)
    handout = activity.handout
    context = {
        "activity": activity,
        "aim": html(activity.aim),
        "preparation": [inline(p) for p in activity.preparation],
        "steps": timed_steps(guide, activity, inline),
        "materials_online": [inline(m) for m in activity.materials_online],
        "adaptations": [(label, html(text)) for label, text in adaptations(activity, messages_for(guide.config))],
        "support": support_context(guide),
        "notes": html(activity.facilitator_notes) if activity.facilitator_notes else None,
        "skills": [guide.skill(s) for s in activity.skills],
        "next": guide.activity(activity.next) if activity.next else None,
        "handout": handout,
        "handout_title": handout.title if handout and handout.title else activity.title,
        "instructions": html(handout.instructions) if handout and handout.instructions else None,
        **untranslated(guide, f"activity:{activity.id}"),
    }
    return context | fillable(guide, activity, diagram, inline, lines=False)


def _booklet_skill(skill: Skill) -> dict[str, Any]:
    return {
        "skill": skill,
        "description": to_html(skill.description, booklet_link),
        "ways": [to_html(way, booklet_link, inline=True) for way in skill.ways_to_develop],
    }


@dataclass(frozen=True)
class BookletPart:
    """One part of the booklet, laid out on its own; `name` is unique and safe as a file name."""

    name: str
    activity_id: str | None  # the activity it shows, to name in a layout error
    html: str
    link_targets: tuple[str, ...]  # anchors it links to that another part holds


ANCHOR = re.compile(r'\sid="([^"]+)"')
LINK = re.compile(r'\shref="#([^"]+)"')


def _booklet_context(guide: Guide, date: str | None, title_note: str = "") -> dict[str, Any]:
    config = guide.config
    return {
        "meta": Meta(config.language, config.title + title_note, config.organisation, config.description, date),
        "config": config,
        "licence": licence_line(config),
        "home": {"page": guide.home},
    }


def _with_link_targets(name: str, activity_id: str | None, html: str, before: str = "</body>") -> BookletPart:
    """WeasyPrint drops a link whose anchor is not in the document: give each one an empty anchor
    (before the contents in the front: a slice of them is written without its last page)."""
    missing = tuple(sorted(set(LINK.findall(html)) - set(ANCHOR.findall(html))))
    if missing:
        spans = "".join(f'<span id="{anchor}"></span>' for anchor in missing)
        html = html.replace(before, f'<div class="link-targets">{spans}</div>\n{before}', 1)
    return BookletPart(name, activity_id, html, missing)


def booklet_parts(
    guide: Guide, date: str | None, diagram: tuple[float, float] = BOOKLET_DIAGRAM, title_note: str = ""
) -> list[BookletPart]:
    """Every part after the cover and contents, in order: introduction, pages, skills, activities.

    diagram and title_note are for the other variants (pdf/variants.py): the three circles' size, and
    words after the guide's title in each part's metadata.
    """
    activities = [booklet_activity_part(guide, date, i, diagram, title_note) for i in range(len(guide.activities))]
    return booklet_head_parts(guide, date, title_note) + activities


def booklet_head_parts(guide: Guide, date: str | None, title_note: str = "") -> list[BookletPart]:
    """The parts before the activities: introduction, pages, skills."""
    context = _booklet_context(guide, date, title_note)
    link = partial(to_html, resolve=booklet_link)
    home = {"page": guide.home, "body": link(guide.home.body)}
    parts: list[tuple[str, str | None, str]] = [
        ("intro", None, render_template(guide, "booklet_part.html.j2", part="intro", **context | {"home": home}))
    ]
    for page in guide.pages:
        boxes = {
            "support": support_context(guide) if "support-contacts" in page.show else None,
            "safeguarding": safeguarding_context(guide) if "safeguarding-contact" in page.show else None,
        }
        extra = {**boxes, "untranslated": untranslated(guide, f"page:{page.id}")}
        html = render_template(
            guide, "booklet_part.html.j2", part="page", page=page, body=link(page.body), **extra, **context
        )
        parts.append((f"page-{page.id}", None, html))
    skills = [_booklet_skill(s) for s in guide.skills]
    parts.append(
        ("skills", None, render_template(guide, "booklet_part.html.j2", part="skills", skills=skills, **context))
    )
    return [_with_link_targets(*part) for part in parts]


def booklet_activity_part(
    guide: Guide, date: str | None, index: int, diagram: tuple[float, float] = BOOKLET_DIAGRAM, title_note: str = ""
) -> BookletPart:
    """The part of the guide's index-th activity (the first one's holds the "Activities" heading)."""
    activity = guide.activities[index]
    kind = "first-activity" if index == 0 else "activity"
    context = _booklet_context(guide, date, title_note)
    html = render_template(
        guide, "booklet_part.html.j2", part=kind, a=_booklet_activity(guide, activity, diagram), **context
    )
    return _with_link_targets(f"activity-{activity.id}", activity.id, html)


@dataclass(frozen=True)
class ContentsEntry:
    """One line of the booklet's contents (the template words the introduction's and the groups')."""

    anchor: str
    title: str = ""
    group: str = ""  # the anchor of the entry it is listed under ("skills", "activities"), or ""


def contents_entries(guide: Guide) -> list[ContentsEntry]:
    """The contents in order: introduction, pages, skills, activities (the last two as groups)."""
    entries = [ContentsEntry("page-index")]
    entries += [ContentsEntry(f"page-{p.id}", p.title) for p in guide.pages]
    entries.append(ContentsEntry("skills"))
    entries += [ContentsEntry(f"skill-{s.id}", s.name, "skills") for s in guide.skills]
    entries.append(ContentsEntry("activities"))
    entries += [ContentsEntry(f"activity-{a.id}", a.title, "activities") for a in guide.activities]
    return entries


def _contents_items(entries: list[ContentsEntry]) -> list[dict[str, Any]]:
    """The template's nested list: each group's entries under it, a group already begun continued."""
    items: list[dict[str, Any]] = []
    for each in entries:
        if not each.group:
            items.append({"anchor": each.anchor, "title": each.title, "continued": False, "children": []})
            continue
        if not items or items[-1]["anchor"] != each.group:
            items.append({"anchor": each.group, "title": "", "continued": True, "children": []})
        items[-1]["children"].append({"anchor": each.anchor, "title": each.title, "continued": False, "children": []})
    return items


def booklet_front(
    guide: Guide,
    date: str | None,
    numbers: Mapping[str, int | str],
    title_note: str = "",
    entries: slice = slice(None),
) -> BookletPart:
    """The cover and the contents, whose page numbers come from the joined parts; or, given a
    slice of the contents that does not start at the first entry, those entries alone."""
    lines = contents_entries(guide)[entries]
    first = (entries.start or 0) == 0
    html = render_template(
        guide,
        "booklet_part.html.j2",
        part="front" if first else "contents",
        numbers=numbers,
        contents=_contents_items(lines),
        pages=guide.pages,
        skills=guide.skills,
        activities=guide.activities,
        **_booklet_context(guide, date, title_note),
    )
    return _with_link_targets("front" if first else f"contents-{entries.start}", None, html, '<nav class="contents"')
