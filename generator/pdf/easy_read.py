"""The Easy Read PDF (pdf/<slug>-easy-read.pdf): every Easy Read text of the guide, in order.

Laid out like every other PDF (a job for the workers, pdf/layout.py, tagged PDF/UA-1), with
Easy Read's own rules in easy-read.css: 16 pt text (nothing under 14 pt, the page numbers
included), each point's picture on the start side of its text, plenty of space, and each
text on a new page. Pictures are inline (data: URIs, SVGs sanitised), each with its
description as alternative text. The crisis contacts come from content/support.yml, where a
text asks for them or, when none does, at the end. Easy Read guidance asks for about 24
pages at most: a longer PDF is refused with a message naming content/easy-read/.

This module makes the HTML and holds Easy Read's rules; pdf/job_list.py makes its job and
pdf/job_render.py lays it out, with `PageLimit`, like any other job (so it imports neither).
"""

from __future__ import annotations

from typing import Any

from ..content.easy_read import FOLDER
from ..content.model import Guide
from ..errors import ContentError, Problem
from ..render.direction import text_direction
from ..render.easy_read import (
    MAX_PAGES,
    attribution,
    easy_read_view,
    pdf_contacts_at_end,
)
from ..render.pictures import data_uri
from .html import Meta, handout_html_text, licence_line, render_template

SOURCE = f"content/{FOLDER}/"


def job_cost(guide: Guide) -> float:
    """The Easy Read PDF's rough render time, next to a handout's 1.0: a page or two per text."""
    return 1.0 + len(guide.easy_read) / 2


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


class PageLimit:
    """The pages check given to pdf/layout.py's layout: refuses a layout longer than Easy Read
    allows, and remembers how long it was."""

    def __init__(self) -> None:
        self.count = 0

    def accept(self, count: int) -> bool:
        self.count = count
        return count <= MAX_PAGES

    def checked(self, pdf: bytes) -> bytes:
        """The laid-out PDF's bytes; a ContentError when the layout was refused (b"")."""
        if not pdf:
            raise too_long(self.count)
        return pdf


def too_long(pages: int) -> ContentError:
    """More pages than Easy Read allows: the editor shortens the texts (the build stops, as for any content error)."""
    message = (
        f"the Easy Read PDF would have {pages} pages, more than the {MAX_PAGES} Easy Read allows; "
        "use fewer points or fewer texts, or move a text to another document"
    )
    return ContentError([Problem(SOURCE, 1, 1, "easy-read", message)])
