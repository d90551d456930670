"""Every name guidegen makes itself, in one place, so no page or activity id can take one.

Pages become `<id>.md` beside the home page and `skills.md`; activities become
`activities/<id>.md` beside the Activities list (`activities/index.md`); every activity's
handout is `pdf/<id>.pdf` beside the booklet `pdf/guide.pdf` and the posters `pdf/<id>-a3.pdf`.
Names planned for later outputs are kept too, so adding them never breaks a guide.
"""

from __future__ import annotations

import re

EDITOR_FOLDER = "admin"  # the published website's editor (editor/hosted.py), with a policy of its own
# name -> why it is kept (said to the editor)
GENERATED = {
    "index": "it is the name of the home page and of the Activities list",
    "guide": "the whole booklet is guide.pdf",
    "skills": "the skills page is skills.md",
    "activities": "the Activities section is the folder activities/",
    "assets": "pictures, fonts and the website's own files live in assets/",
    "pdf": "the PDFs live in the folder pdf/",
    "search": "the website's search uses it",
    "404": "it is the website's 'page not found' page",
    EDITOR_FOLDER: "the website's editor lives at admin/",
    "easy-read": "the Easy Read pages live in the folder easy-read/",
}
FUTURE = {
    "sessions": "it is kept for session plans",
    "large-print": "it is kept for the large-print variant",
    "epub": "it is kept for the e-book variant",
    "print": "it is kept for print variants",
    "translations": "it is kept for translations",
}
# The A3 (or Tabloid) poster of an activity is <id>-a3.pdf; these endings are kept for posters.
POSTER_SUFFIXES = ("-a3", "-tabloid", "-poster")
# A translated guide would live in a folder named by its language code (cy/, fr/, pt-br/).
LANGUAGE_CODE = re.compile(r"^[a-z]{2}(?:-[a-z]{2})?$")


def reserved_reason(ident: str) -> str | None:
    """Why ident cannot be a page's or activity's id, or None if it is free."""
    if ident in GENERATED or ident in FUTURE:
        return {**GENERATED, **FUTURE}[ident]
    ending = next((s for s in POSTER_SUFFIXES if ident.endswith(s)), None)
    if ending:
        owner = ident[: -len(ending)]
        return f"names ending in '{ending}' are kept for posters ({ident}.pdf is the poster of '{owner}')"
    if LANGUAGE_CODE.match(ident):
        return "names of two letters (with an optional region, e.g. pt-br) are kept for translations"
    return None


def reserved_message(ident: str, reason: str, example: str) -> str:
    return f"'{ident}' cannot be used as an id: {reason}; choose another, e.g. {example}"
