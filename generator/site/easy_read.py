"""The website's Easy Read pages: a list of the Easy Read texts, and one page per text.

Each page shows its points as a list, the picture on the start side of its text (left in
left-to-right languages; the theme mirrors it for right-to-left ones), the crisis contacts
when the text asks for them, its hard words, a link to the Easy Read PDF and the pictures'
credit. The pages a text is the version of link to it (site/pages.py asks `link_to`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..common.messages import messages_for
from ..content.easy_read import easy_read_for
from ..content.model import Guide
from ..content.pictures import is_own
from ..render.easy_read import PDF_KEY, SITE_FOLDER, attribution, easy_read_view
from ..render.pictures import published_bytes
from .mkdocs_config import ASSETS

INDEX = f"{SITE_FOLDER}/index.md"
PICTURES = f"{ASSETS}/easy-read"  # the bundled pictures the guide uses, inside docs/


def page_path(item_id: str) -> str:
    return f"{SITE_FOLDER}/{item_id}.md"


def link_to(guide: Guide, target: str) -> str | None:
    """Root-relative path of the Easy Read version of "home", "page:ID" or "activity:ID", if any."""
    item = easy_read_for(guide.easy_read, target)
    return page_path(item.id) if item else None


def picture_path(name: str) -> str:
    """Where a point's picture is on the website, from the docs folder's root."""
    return name if is_own(name) else f"{PICTURES}/{name}.svg"


def easy_read_pages(
    guide: Guide, handouts: Mapping[str, str], render: Callable[..., str]
) -> list[tuple[str, str, str]]:
    """(path, title, Markdown) of the list and of every text; none when the guide has no Easy Read."""
    if not guide.easy_read:
        return []
    pdf = f"pdf/{handouts[PDF_KEY]}" if PDF_KEY in handouts else None
    credit = attribution(guide)
    items = [(item, page_path(item.id)) for item in guide.easy_read]
    index = render("easy_read_index.md.j2", INDEX, items=items, pdf=pdf, credit=credit)
    pages = [(INDEX, messages_for(guide.config).gettext("Easy Read"), index)]
    for item in guide.easy_read:
        view = easy_read_view(guide, item)
        original = _original(guide, item.version_of)
        text = render(
            "easy_read.md.j2",
            page_path(item.id),
            view=view,
            picture_path=picture_path,
            original=original,
            pdf=pdf,
            credit=credit,
            page_id=None,
        )
        pages.append((page_path(item.id), item.title, text))
    return pages


def _original(guide: Guide, target: str | None) -> dict[str, Any] | None:
    """The page a text is the version of: its title and root-relative path, for "Read the full page"."""
    if target is None:
        return None
    kind, _, ident = target.partition(":")
    if kind == "page":
        page = next(p for p in guide.pages if p.id == ident)
        return {"title": page.title, "path": f"{ident}.md"}
    if kind == "activity":
        return {"title": guide.activity(ident).title, "path": f"activities/{ident}.md"}
    return {"title": guide.home.title, "path": "index.md"}


def write_pictures(guide: Guide, dest: Path) -> None:
    """The bundled pictures the guide's texts use, sanitised, into docs/assets/guidegen/easy-read/
    (its own pictures are published with content/assets/)."""
    names = sorted({p.picture for item in guide.easy_read for p in item.points if p.picture and not is_own(p.picture)})
    for name in names:
        path = dest / picture_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(published_bytes(guide.content_dir, name))
