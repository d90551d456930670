"""The Easy Read PDF (pdf/<slug>-easy-read.pdf): every Easy Read text of the guide, in order.

Laid out like every other PDF (a job for the workers, pdf/layout.py, tagged PDF/UA-1), with
Easy Read's own rules in easy-read.css: 16 pt text (nothing under 14 pt, the page numbers
included), each point's picture on the start side of its text, plenty of space, and each
text on a new page. Pictures are inline (data: URIs, SVGs sanitised), each with its
description as alternative text. The crisis contacts come from content/support.yml, where a
text asks for them or, when none does, at the end. Easy Read guidance asks for about 24
pages at most: a longer PDF is refused with a message naming content/easy-read/.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..content.easy_read import FOLDER
from ..content.model import Guide
from ..errors import ContentError, Problem
from ..render.direction import text_direction
from ..render.easy_read import (
    MAX_PAGES,
    attribution,
    easy_read_view,
    pdf_contacts_at_end,
    pdf_name,
)
from ..render.pictures import data_uri
from .editions import EASY_READ as VARIANT
from .html import Meta, handout_html_text, licence_line, render_template
from .layout import Pages, layout

if TYPE_CHECKING:
    from .jobs import PdfJob

SOURCE = f"content/{FOLDER}/"


def easy_read_jobs(guide: Guide, date: str | None) -> list[PdfJob]:
    """The Easy Read PDF, when the guide has Easy Read texts and site_config.yml's editions keep it."""
    from .jobs import PdfJob

    if not guide.easy_read or VARIANT not in guide.config.editions:
        return []
    cost = 1.0 + len(guide.easy_read) / 2
    name = pdf_name(guide)
    return [PdfJob(VARIANT, name, "easy-read", None, cost, date, source=SOURCE, variant=VARIANT)]


def easy_read_html(guide: Guide, date: str | None) -> str:
    config = guide.config
    title = f"{config.title}: Easy Read"
    texts = []
    for item in guide.easy_read:
        view = easy_read_view(guide, item)
        points = [(handout_html_text(p.text, inline=True), _picture(guide, p.picture), p.alt) for p in view.points]
        words = [(w.word, handout_html_text(w.meaning, inline=True)) for w in item.hard_words]
        # a text not yet translated is marked with the language its words are in
        lang = guide.source_language if f"easy-read:{item.id}" in guide.untranslated else None
        texts.append({"item": item, "points": points, "contacts": view.contacts, "hard_words": words, "lang": lang})
    context: dict[str, Any] = {
        "meta": Meta(config.language, title, config.organisation, config.description, date),
        "dir": text_direction(config.language),
        "config": config,
        "texts": texts,
        "contacts_at_end": pdf_contacts_at_end(guide),
        "credit": attribution(guide),
        "licence": licence_line(config),
    }
    return render_template(guide, "easy_read.html.j2", **context)


def _picture(guide: Guide, name: str | None) -> str | None:
    return data_uri(guide.content_dir, name) if name else None


class _AtMost(Pages):
    """Refuses a layout longer than Easy Read allows, and remembers how long it was."""

    def __init__(self) -> None:
        self.count = 0

    def accept(self, count: int) -> bool:
        self.count = count
        return count <= MAX_PAGES


def render_easy_read(guide: Guide, job: PdfJob, html: str | None = None) -> bytes:
    """The Easy Read PDF's bytes; a ContentError when it would be longer than MAX_PAGES."""
    pages = _AtMost()
    html = html if html is not None else easy_read_html(guide, job.source_date)
    pdf = layout(guide, "easy-read", job.source, html, pages, job.variant)
    if not pdf:
        raise too_long(pages.count)
    return pdf


def too_long(pages: int) -> ContentError:
    """More pages than Easy Read allows: the editor shortens the texts (the build stops, as for any content error)."""
    message = (
        f"the Easy Read PDF would have {pages} pages, more than the {MAX_PAGES} Easy Read allows; "
        "use fewer points or fewer texts, or move a text to another document"
    )
    return ContentError([Problem(SOURCE, 1, 1, "easy-read", message)])
