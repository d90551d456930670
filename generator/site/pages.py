"""Guide -> the Markdown pages of the website, rendered through templates/site/*.md.j2.

Content reaches the templates only as data. Prose goes through markdown.neutralise (raw
HTML shown as text, link targets made safe) and is marked safe only after that; every
other value is autoescaped by Jinja. Content references (page:ID, skill:ID, activity:ID)
become relative Markdown links, so MkDocs checks every one of them in strict mode.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import posixpath
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from ..common.messages import N_, Messages, messages_for
from ..common.template_files import template_roots
from ..content.model import Activity, ChecklistHandout, Guide, Page, ThreeCirclesHandout
from ..render import diagram, paper
from ..render.direction import isolated, text_direction
from ..render.environments import environment
from ..render.fonts import site_font_stack, text_measure
from ..render.markdown import neutralise
from ..render.support import adaptations, minutes_label, safeguarding_context, support_context, words
from .downloads import activity_downloads, guide_downloads
from .easy_read import INDEX as EASY_READ_INDEX
from .easy_read import easy_read_pages, link_to
from .session_pages import session_pages

HANDOUT_WORDS = {
    "three-circles": N_("three circles to write in"),
    "questions": N_("questions with space to write"),
    "checklist": N_("checklist with tick boxes"),
    "table": N_("table to fill in"),
}
ENGLISH = Messages("en")
DIAGRAM_SIZE_MM = 120.0
BOOKLET = "guide"  # key of the whole-guide PDF in the handouts mapping
POSTER = "{id}:a3"  # key of an activity's A3 poster (ids never contain a colon)


@dataclass(frozen=True)
class SitePage:
    """One generated Markdown file: where it goes, its title in the navigation, its text."""

    path: str
    title: str
    markdown: str


class Links:
    """Markdown helpers for the page at `path`: every URL they make is relative to it."""

    def __init__(self, path: str) -> None:
        self.base = posixpath.dirname(path) or "."

    def file(self, target: str) -> str:
        """A path from the docs folder's root -> a path relative to this page."""
        return _relative(target, self.base)

    def resolve(self, kind: str, ident: str, anchor: str) -> str:
        return _resolve(self.base, kind, ident, anchor)

    def to(self, kind: str, ident: str) -> str:
        return self.resolve(kind, ident, "")

    def md(self, text: str, indent: int = 0) -> Markup:
        """Content Markdown, safe; continuation lines indented to stay inside a list item."""
        safe = _neutralised(text.strip(), self.base)
        return Markup(safe.replace("\n", "\n" + " " * indent) if indent else safe)

    def line(self, text: str) -> Markup:
        """Content Markdown on one line, for headings and list items."""
        return self.md(" ".join(text.split()))

    def label(self, text: str) -> Markup:
        """One-line Markdown that can sit inside [link text]."""
        return Markup(re.sub(r"([\[\]])", r"\\\1", str(self.line(text))))


# Links and texts made safe, by the folder of the page they are for: the same titles and links
# appear on many pages (every activity's title on the skills, activities and home pages, the
# support box on every activity page), and the live preview renders changed pages on each
# save. Both depend on nothing else (posixpath.relpath of two relative paths ignores the
# working folder). Bounded, as the preview runs for hours.
@lru_cache(maxsize=65536)
def _relative(target: str, base: str) -> str:
    return posixpath.relpath(target, base)


def _resolve(base: str, kind: str, ident: str, anchor: str) -> str:
    target = {"page": f"{ident}.md", "skill": "skills.md", "activity": f"activities/{ident}.md"}[kind]
    anchor = ident if kind == "skill" else anchor
    url = _relative(target, base)
    return f"{url}#{anchor}" if anchor else url


@lru_cache(maxsize=65536)
def _neutralised(text: str, base: str) -> str:
    return neutralise(text, partial(_resolve, base))


def duration(minutes: int, messages: Messages = ENGLISH) -> str:
    """45 -> '45 minutes', 90 -> '1 hour 30 minutes'."""
    return messages.duration(minutes)


def handout_words(activity: Activity, messages: Messages = ENGLISH) -> str:
    return messages.gettext(HANDOUT_WORDS[activity.handout.kind] if activity.handout else N_("no handout"))


def poster_paper(guide: Guide) -> str:
    """The poster's paper, for the download link's words (render/paper.py)."""
    return paper.poster_paper(guide.config.paper)


# Rendered pages by a digest of everything they are made from, while `remembered_pages()` is
# in force: the live preview renders every page after each save, and most have not changed.
_REMEMBERED: ContextVar[dict[str, str] | None] = ContextVar("remembered_pages", default=None)
# Each content model's digest while remembered_pages() is in force, by id() (with the model, so
# the id cannot be reused): the home, skills, activities and session pages each hold every
# activity, and pickling each model once instead of once per page that holds it was most of
# the digests' cost at 500 activities. Models are frozen, so a digest stays true for the block.
_MODEL_DIGESTS: ContextVar[dict[int, tuple[object, bytes]] | None] = ContextVar("model_digests", default=None)


@dataclass
class Later:
    """Pages the live preview lets wait: a page not in `now` that was rendered before keeps its
    last text (its path is added to `waiting`) until a later write without a Later renders it,
    changed or not. A change to support.yml or to one activity's text changes hundreds of pages
    (every activity page, or the home, skills and activities pages that list every activity), and
    finding which changed costs every page's digest, but the editor looks at one.

    now: the pages (paths inside docs/) to render at once, whatever changed; None: every page
    (a write that only keeps `last` up to date)."""

    now: frozenset[str] | None
    last: dict[tuple[str, str], str]  # (template, path) -> its text as last rendered
    waiting: set[str] = field(default_factory=set)

    def kept(self, template: str, path: str) -> str | None:
        """The page's last text if it waits: not wanted now, and rendered before. Whether its data
        changed is not even looked at (its digest and the work done for its data, such as an
        activity's figure, grew with the guide and came before the open page): every page not
        wanted now waits, and the render without a Later finds which of them really changed."""
        if self.now is None or path in self.now or (template, path) not in self.last:
            return None
        self.waiting.add(path)
        return self.last[(template, path)]


_LATER: ContextVar[Later | None] = ContextVar("later", default=None)


@contextmanager
def remembered_pages(memory: dict[str, str], later: Later | None = None) -> Iterator[None]:
    """Within this block, a page whose template and data are unchanged comes from memory, and
    (with `later`) a changed page not wanted now keeps its last text, see Later."""
    token = _REMEMBERED.set(memory)
    models = _MODEL_DIGESTS.set({})
    waits = _LATER.set(later)
    try:
        yield
    finally:
        _LATER.reset(waits)
        _MODEL_DIGESTS.reset(models)
        _REMEMBERED.reset(token)


def _render(guide: Guide, template: str, path: str, /, **context: Any) -> str:
    messages = messages_for(guide.config)
    memory = _REMEMBERED.get()
    if memory is None:
        return _render_now(guide, template, path, messages, **context)
    later = _LATER.get()
    if later is not None and (kept := later.kept(template, path)) is not None:
        return kept
    key = _digest(guide, template, path, {**context, "interface words": messages})
    if key is None:
        return _render_now(guide, template, path, messages, **context)
    if key not in memory:
        memory[key] = _render_now(guide, template, path, messages, **context)
    if later is not None:
        later.last[(template, path)] = memory[key]
    return memory[key]


def _digest(guide: Guide, template: str, path: str, context: dict[str, Any]) -> str | None:
    """The data behind one page; None when some of it cannot be pickled (then it is not kept)."""
    env = environment("site", template_roots(guide.root))
    buffer = io.BytesIO()
    try:
        _ModelPickler(buffer, _MODEL_DIGESTS.get()).dump((template, path, id(env), sorted(context.items())))
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    return hashlib.sha256(buffer.getbuffer()).hexdigest()


class _ModelPickler(pickle.Pickler):
    """Pickles a content model as the digest of its own pickle, made once per model (see
    _MODEL_DIGESTS): two models with the same data have the same digest, as with their pickles.
    reducer_override, not persistent_id: pickle asks it only for objects other than plain
    str, int, list, dict and the like, so it is not a Python call for every string."""

    def __init__(self, file: io.BytesIO, digests: dict[int, tuple[object, bytes]] | None, top: object = None) -> None:
        super().__init__(file, protocol=5)
        self.digests, self.top = digests, top

    def reducer_override(self, obj: Any) -> Any:
        if self.digests is None or obj is self.top or not isinstance(obj, BaseModel):
            return NotImplemented
        found = self.digests.get(id(obj))
        if found is None or found[0] is not obj:
            buffer = io.BytesIO()
            _ModelPickler(buffer, self.digests, top=obj).dump(obj)
            found = self.digests[id(obj)] = (obj, hashlib.sha256(buffer.getbuffer()).digest())
        return _model, (type(obj).__qualname__, found[1])


def _model(name: str, digest: bytes) -> None:
    """What a model's digest stands for in a page's digest (never unpickled)."""


def _render_now(guide: Guide, template: str, path: str, messages: Messages, /, **context: Any) -> str:
    env = environment("site", template_roots(guide.root))  # the guide's own templates/ first
    links = Links(path)
    text = env.get_template(template).render(
        links=links,
        handout_words=partial(handout_words, messages=messages),
        words=words(messages),
        minutes_label=partial(minutes_label, messages=messages),
        bdi=partial(isolated, around=text_direction(guide.config.language)),  # '40 minutes' kept in order
        **messages.template_globals(),
        **context,
    )
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _pdf(handouts: Mapping[str, str], key: str) -> str | None:
    """Root-relative path of a handout PDF, or None when there is none to link to."""
    name = handouts.get(key)
    return f"pdf/{name}" if name else None


def self_check(guide: Guide) -> Activity | None:
    """The activity whose checklist lists every skill, if the guide has one."""
    return next(
        (a for a in guide.activities if isinstance(a.handout, ChecklistHandout) and a.handout.from_skills), None
    )


def home_page(guide: Guide, handouts: Mapping[str, str]) -> SitePage:
    booklet, downloads = _pdf(handouts, BOOKLET), guide_downloads(handouts)
    easy_read = {"index": EASY_READ_INDEX if guide.easy_read else None, "version": link_to(guide, "home")}
    text = _render(
        guide,
        "home.md.j2",
        "index.md",
        guide=guide,
        home=guide.home,
        booklet=booklet,
        downloads=downloads,
        easy_read=easy_read,
    )
    return SitePage("index.md", messages_for(guide.config).gettext("Home"), text)


def content_page(guide: Guide, page: Page) -> SitePage:
    """A content page, with the boxes its front matter asks for (`show:`) above its text."""
    path = f"{page.id}.md"
    boxes = {
        "support": support_context(guide) if "support-contacts" in page.show else None,
        "safeguarding": safeguarding_context(guide) if "safeguarding-contact" in page.show else None,
    }
    easy_read = link_to(guide, f"page:{page.id}")
    text = _render(guide, "page.md.j2", path, page=page, page_id=page.id, easy_read=easy_read, **boxes)
    return SitePage(path, page.title, text)


def skills_page(guide: Guide, handouts: Mapping[str, str]) -> SitePage:
    check = self_check(guide)
    practised_by = {s.id: [a for a in guide.activities if s.id in a.skills] for s in guide.skills}
    messages = messages_for(guide.config)
    text = _render(
        guide,
        "skills.md.j2",
        "skills.md",
        skills=guide.skills,
        practised_by=practised_by,
        self_check=check,
        self_check_pdf=_pdf(handouts, check.id) if check else None,
        untranslated=guide.untranslated,
        source_lang=guide.source_language,
        source_language_name=_source_language_name(guide),
    )
    return SitePage("skills.md", messages.gettext("Skills"), text)


def _source_language_name(guide: Guide) -> str:
    """The source's language, named in the translation's language ('Saesneg'): for the notice on untranslated parts."""
    if guide.source_language is None:
        return ""
    from babel import Locale

    return str(Locale.parse(guide.source_language.split("-")[0]).get_display_name(guide.config.language.split("-")[0]))


def activities_index(guide: Guide) -> SitePage:
    text = _render(guide, "activities.md.j2", "activities/index.md", activities=guide.activities)
    return SitePage("activities/index.md", messages_for(guide.config).gettext("Activities"), text)


def diagram_figure(activity: Activity, messages: Messages = ENGLISH, guide: Guide | None = None) -> Markup | None:
    """The three circles as inline SVG, from the same geometry as the PDF handout: in the guide's
    fonts (its own under `fonts:` too, as fonts.css serves them), labels fitted with them."""
    if not isinstance(activity.handout, ThreeCirclesHandout):
        return None
    look: dict[str, Any] = {}
    measure: diagram.Measure = diagram.estimated_width
    if guide is not None:
        measure = text_measure(guide.content_dir, guide.config.fonts)
        look["font_family"] = site_font_stack(guide.content_dir, guide.config.fonts) + ", sans-serif"
    shape = diagram.layout(activity.handout.rings, DIAGRAM_SIZE_MM, measure=measure)
    title = activity.handout.title or activity.title
    svg = diagram.svg(shape, title=title, id_prefix=f"diagram-{activity.id}", lines=False, messages=messages, **look)
    return Markup(svg)


def support_box(guide: Guide, path: str) -> Markup | None:
    """The support box (templates/site/support_box.md.j2) as an activity page at `path` shows it.

    Rendered once for all activity pages (all_pages): every one of them shows the same box, with
    the same links (they share a folder), and rendering it was about half of rendering an activity
    page, so a change to support.yml, which reaches every activity page, cost twice what it needs."""
    support = support_context(guide)
    if support is None:
        return None
    messages = messages_for(guide.config)
    env = environment("site", template_roots(guide.root))
    box = env.get_template("support_box.md.j2").render(
        links=Links(path),
        words=words(messages),
        bdi=partial(isolated, around=text_direction(guide.config.language)),
        **messages.template_globals(),
        support=support,
        page_id=None,
    )
    return Markup(box)


def activity_page(
    guide: Guide, activity: Activity, handouts: Mapping[str, str], box: Markup | bool | None = True
) -> SitePage:
    """box: the support box as support_box() renders it for activity pages (True: render it here)."""
    path = f"activities/{activity.id}.md"
    later = _LATER.get()
    if later is not None and (kept := later.kept("activity.md.j2", path)) is not None:
        return SitePage(path, activity.title, kept)  # its figure and downloads are not made
    messages = messages_for(guide.config)
    if box is True:
        box = support_box(guide, path)
    text = _render(
        guide,
        "activity.md.j2",
        path,
        activity=activity,
        skills=[guide.skill(s) for s in activity.skills],
        next_activity=guide.activity(activity.next) if activity.next else None,
        skill_rows=[s.name for s in guide.skills],
        figure=diagram_figure(activity, messages, guide),
        poster_paper=poster_paper(guide),
        handout_pdf=_pdf(handouts, activity.id),
        poster_pdf=_pdf(handouts, POSTER.format(id=activity.id)),
        downloads=activity_downloads(handouts, activity.id),
        adaptations=adaptations(activity, messages),
        support=support_context(guide),
        support_box=box or None,
        page_id=None,
        easy_read=link_to(guide, f"activity:{activity.id}"),
    )
    return SitePage(path, activity.title, text)


def all_pages(guide: Guide, handouts: Mapping[str, str]) -> list[SitePage]:
    """Every generated page, in navigation order."""
    box = support_box(guide, "activities/index.md")  # every activity page's, rendered once
    return [
        home_page(guide, handouts),
        *(content_page(guide, p) for p in guide.pages),
        skills_page(guide, handouts),
        activities_index(guide),
        *(activity_page(guide, a, handouts, box) for a in guide.activities),
        *(SitePage(*page) for page in session_pages(guide, handouts, partial(_render, guide))),
        *(SitePage(*page) for page in easy_read_pages(guide, handouts, partial(_render, guide))),
    ]
