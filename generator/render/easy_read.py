"""An Easy Read text ready for any output: each point's picture and description resolved,
the hard words, the crisis contacts and the pictures' credit.

The website (site/easy_read.py) and the PDF (pdf/easy_read.py) both take their data from
`easy_read_view`, so a rule (a bundled picture's default description, when the contacts are
shown, when the OpenMoji credit is printed) lives here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..content.model import EasyRead, Guide
from ..content.pictures import ATTRIBUTION, default_description, is_own
from .support import support_context

# The file of the Easy Read PDF in pdf/, and its key in the build's handouts mapping.
PDF_NAME = "{slug}-easy-read.pdf"
PDF_KEY = "guide:easy-read"
SITE_FOLDER = "easy-read"  # the website's Easy Read pages: easy-read/index.md, easy-read/<id>.md
MAX_PAGES = 24  # Easy Read guidance: about 24 pages at most


@dataclass(frozen=True)
class PointView:
    text: str  # content Markdown (bold marks a hard word)
    picture: str | None  # a bundled name or assets/...
    alt: str  # "" when nobody said what the picture shows: then it is decoration beside the text


@dataclass(frozen=True)
class EasyReadView:
    item: EasyRead
    points: tuple[PointView, ...]
    contacts: dict[str, Any] | None  # support_context(), when the text shows the contacts


def point_alt(picture: str | None, description: str | None) -> str:
    """The picture's alternative text: the editor's description, else the bundled picture's own."""
    if picture is None:
        return ""
    return (description or default_description(picture) or "").strip()


def easy_read_view(guide: Guide, item: EasyRead) -> EasyReadView:
    points = tuple(PointView(p.text, p.picture, point_alt(p.picture, p.description)) for p in item.points)
    return EasyReadView(item, points, support_context(guide) if item.contacts else None)


def pdf_contacts_at_end(guide: Guide) -> dict[str, Any] | None:
    """The PDF always carries the crisis contacts: after the last text when no text shows them."""
    if any(item.contacts for item in guide.easy_read):
        return None
    return support_context(guide)


def uses_bundled(guide: Guide) -> bool:
    """Whether any point shows a bundled picture: then the licence's credit is printed."""
    return any(p.picture and not is_own(p.picture) for item in guide.easy_read for p in item.points)


def attribution(guide: Guide) -> str | None:
    return ATTRIBUTION if uses_bundled(guide) else None


def pdf_name(guide: Guide) -> str:
    return PDF_NAME.format(slug=guide.config.slug)
