"""The guide as documents of prose: each page, activity, skill and the site settings.

This is the one place that knows which fields are prose (checked for wording and long
sentences) and which of those count towards a page's or activity's reading ease.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from pydantic import BaseModel

from ..content.loader import FieldSource, Sources
from ..content.model import Activity, Guide, Page
from .prose import Prose, field_prose, page_body

NOT_PROSE = {
    "id",
    "kind",
    "skills",
    "next",
    "checked_at",
    "picture",
    "version_of",
}  # ids, keywords and addresses, not sentences
SCORED = {
    "summary",
    "aim",
    "preparation",
    "steps",
    "facilitator_notes",
    "instructions",
    "questions",
    "adaptations",
}
CONFIG_PROSE = ("title", "description", "attribution")


@dataclass(frozen=True)
class Document:
    noun: str  # "page" or "activity" when its reading ease is scored, else ""
    anchor: Prose  # where a reading-ease warning points: the title
    prose: tuple[Prose, ...]  # every text in it
    scored: tuple[Prose, ...]  # the running text that reading ease is worked out from
    body: tuple[Prose, ...] = ()  # a page's Markdown body, where images can be


def _model_texts(model: BaseModel, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, text) for every text field of a model, nested models and lists included."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name in NOT_PROSE or value is None:
            continue
        if isinstance(value, str):
            yield (*loc, name), value
        elif isinstance(value, BaseModel):
            yield from _model_texts(value, (*loc, name))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield (*loc, name, i), item
                elif isinstance(item, BaseModel):  # e.g. a step with its minutes
                    yield from _model_texts(item, (*loc, name, i))


def _fields(source: FieldSource, model: BaseModel) -> list[tuple[Prose, bool]]:
    """Each text field as prose, with whether it counts towards reading ease."""
    found = []
    for loc, text in _model_texts(model):
        found.append((field_prose(source, loc, text), any(part in SCORED for part in loc)))
    return found


def _activity(activity: Activity, source: FieldSource) -> Document:
    fields = _fields(source, activity)
    anchor = next(p for p, _ in fields if p.field == "title")
    return Document("activity", anchor, tuple(p for p, _ in fields), tuple(p for p, s in fields if s))


def _page(page: Page, source: FieldSource) -> Document:
    anchor = field_prose(source, ("title",), page.title)
    summary = [field_prose(source, ("summary",), page.summary)] if page.summary else []
    body = tuple(page_body(page, source))
    return Document("page", anchor, (anchor, *summary, *body), body, body)


def _unscored(source: FieldSource, model: BaseModel) -> Document:
    prose = tuple(p for p, _ in _fields(source, model))
    return Document("", prose[0], prose, ())


def document_makers(guide: Guide, sources: Sources) -> Iterator[tuple[FieldSource, Callable[[], Document]]]:
    """Each document's source and a way to make it: making one reads its file's positions."""
    config = sources[("config", "")]
    yield config, partial(_config, guide, config)
    if guide.support is not None and ("support", "") in sources:
        support = sources[("support", "")]
        yield support, partial(_unscored, support, guide.support)
    for page in (guide.home, *guide.pages):
        source = sources[("page", page.id)]
        yield source, partial(_page, page, source)
    for skill in guide.skills:
        source = sources[("skill", skill.id)]
        yield source, partial(_unscored, source, skill)
    for activity in guide.activities:
        source = sources[("activity", activity.id)]
        yield source, partial(_activity, activity, source)
    for item in guide.easy_read:  # inclusive wording; Easy Read's own rules are in checks/easy_read.py
        source = sources[("easy-read", item.id)]
        yield source, partial(_unscored, source, item)


def _config(guide: Guide, source: FieldSource) -> Document:
    values = [(name, getattr(guide.config, name)) for name in CONFIG_PROSE]
    prose = tuple(field_prose(source, (name,), value) for name, value in values if value)
    return Document("", prose[0], prose, ())
