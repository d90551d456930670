"""A guide's languages on the website: the language switcher, hreflang links and the notice on
pages not yet translated.

The source language is at the site's root, each translation in <lang>/ below it, with the
same page paths, so "the same page in the other language" is always the other language's root
followed by this page's own path (overrides/partials/alternate.html and main.html do that).
"""

from __future__ import annotations

import re
from typing import Any

from ..common.messages import messages_for
from ..content.model import Guide
from ..render.direction import text_direction
from .pages import SitePage

UNTRANSLATED_KEY = {"index.md": "home:index", "skills.md": None, "activities/index.md": None}
UNTRANSLATED_KEY |= {"sessions/index.md": None, "sessions/planner.md": None}  # made in the page's language


def language_name(code: str, in_language: str | None = None) -> str:
    """'cy' -> 'Cymraeg' (in its own language by default); the code itself if Babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code.split("-")[0])
        name = locale.get_display_name((in_language or code).split("-")[0]) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def languages(guide: Guide) -> list[tuple[str, str]]:
    """(language, root relative to this language's root) for every language, the source first."""
    translations = [t.language for t in guide.config.translations]
    if guide.source_language is None:
        return [(guide.config.language, "")] + [(lang, f"{lang}/") for lang in translations]
    own = guide.config.language
    return [(guide.source_language, "../")] + [(lang, "" if lang == own else f"../{lang}/") for lang in translations]


def alternates(guide: Guide, offline: bool = False) -> list[dict[str, Any]]:
    """Material's extra.alternate, with what our overrides need: each language's root, relative
    and (when site_url is set, and not for file://) absolute, and whether it is this one."""
    if not guide.config.translations:
        return []
    source_url = None if offline else _source_url(guide)
    out = []
    for lang, root in languages(guide):
        absolute = None
        if source_url:
            absolute = source_url + ("" if lang == (guide.source_language or guide.config.language) else f"{lang}/")
        out.append({"name": language_name(lang), "link": root, "lang": lang, "url": absolute, "current": root == ""})
    return out


def _source_url(guide: Guide) -> str | None:
    url = guide.config.site_url
    if not url:
        return None
    if guide.source_language is not None:
        return url.removesuffix(f"{guide.config.language}/")
    return url


def untranslated_key(page: SitePage) -> str | None:
    """The item a generated page shows: 'page:ID', 'activity:ID', 'session:ID', 'home:index'; None for lists."""
    if page.path in UNTRANSLATED_KEY:
        return UNTRANSLATED_KEY[page.path]
    if page.path.startswith("activities/"):
        return f"activity:{page.path.removeprefix('activities/').removesuffix('.md')}"
    if page.path.startswith("sessions/"):
        return f"session:{page.path.removeprefix('sessions/').removesuffix('.md')}"
    if page.path.startswith("easy-read/"):  # its list (easy-read/index.md) is made in the page's language
        return f"easy-read:{page.path.removeprefix('easy-read/').removesuffix('.md')}"
    return f"page:{page.path.removesuffix('.md')}"


def mark_untranslated(guide: Guide, pages: list[SitePage]) -> list[SitePage]:
    """In a translation, a page not yet translated keeps its text in the source language,
    marked with that language, under a notice in the reader's language."""
    if guide.source_language is None:
        return pages
    return [_marked(guide, page) if untranslated_key(page) in guide.untranslated else page for page in pages]


def _marked(guide: Guide, page: SitePage) -> SitePage:
    messages = messages_for(guide.config)
    source = guide.source_language or "en"
    name = language_name(source, guide.config.language)
    notice = messages.gettext("This part is not yet translated. It is shown in %(language)s.", language=name)
    label = messages.gettext("Not yet translated")
    title, _, rest = page.markdown.partition("\n")
    way = text_direction(source)  # English in an Urdu translation reads left to right, and the reverse
    heading = f'{title} {{ lang="{source}" dir="{way}" }}' if title.startswith("# ") else title
    body = f'<div lang="{source}" dir="{way}" markdown>\n{rest.strip()}\n\n</div>\n'
    text = f'{heading}\n\n!!! info "{label}"\n\n    {notice}\n\n{body}'
    return SitePage(page.path, page.title, re.sub(r"\n{3,}", "\n\n", text))
