"""Turn a failed PDF render into a Problem that points at the content file (and line) behind it.

The renderer sees URLs and layout errors, not content files, so we search the files that
fed the PDF for the reference as written. Nothing here reads content to build output.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from ..content.model import Guide
from ..errors import Problem

if TYPE_CHECKING:
    from .fetcher import RefusedReference  # imports WeasyPrint: only for type checking

ADVICE = "use an image file in content/assets/, written as assets/name.png"


def activity_source(guide: Guide, activity_id: str) -> str:
    """The activity's file, relative to the guide (the loader insists the name matches the id)."""
    for suffix in (".yml", ".yaml"):
        if (guide.content_dir / "activities" / f"{activity_id}{suffix}").is_file():
            return f"content/activities/{activity_id}{suffix}"
    return f"content/activities/{activity_id}.yml"


def section_source(guide: Guide, section: str) -> str:
    """The file behind one section of the booklet (pdf.html.booklet_parts names them)."""
    if section == "skills":
        return "content/skills.yml"
    if section.startswith("activity-"):
        return activity_source(guide, section.removeprefix("activity-"))
    page_id = section.removeprefix("page-")
    return next((p.source for p in guide.pages if p.id == page_id), guide.home.source)


def sources(guide: Guide, activity_id: str | None) -> list[str]:
    """Files (relative to the guide) that feed a PDF: the activity's own first, then the rest."""
    everything = [
        "site_config.yml",
        guide.home.source,
        *(p.source for p in guide.pages),
        "content/skills.yml",
        *(activity_source(guide, a.id) for a in guide.activities),
    ]
    if activity_id is None:
        return everything
    own = activity_source(guide, activity_id)
    return [own, *(s for s in everything if s != own)]


def needles(url: str, guide: Guide) -> list[str]:
    """Ways the reference may be written in content, most specific first."""
    found = [url]
    if url.startswith("file:"):
        path = unquote(urlsplit(url).path)
        found += [os.path.relpath(path, guide.content_dir), os.path.relpath(path, guide.root), Path(path).name]
    return [n for n in found if n]


def locate(guide: Guide, files: Sequence[str], url: str) -> tuple[str, int, int, str]:
    """(file, line, column, source line) where the reference is written, or the first file, line 1."""
    for needle in needles(url, guide):
        for rel in files:
            try:
                lines = (guide.root / rel).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            for number, line in enumerate(lines, start=1):
                if needle in line:
                    return rel, number, line.index(needle) + 1, line
    return files[0], 1, 1, ""


def shown(url: str) -> str:
    """A reference as an editor recognises it: a file's path (its end, if long), else the URL."""
    text = unquote(urlsplit(url).path) if url.startswith("file:") else url
    return text if len(text) <= 80 else "..." + text[-77:]


def refusal_problems(guide: Guide, activity_id: str | None, refusals: Sequence[RefusedReference]) -> list[Problem]:
    files = sources(guide, activity_id)
    problems = []
    for refusal in refusals:
        rel, line, column, text = locate(guide, files, refusal.url)
        message = f"'{shown(refusal.url)}' cannot be used in a PDF: {refusal.reason}; {ADVICE}"
        problems.append(Problem(rel, line, column, "reference", message, text))
    return problems


def layout_problem(guide: Guide, activity_id: str | None, error: BaseException) -> Problem:
    """WeasyPrint gave up on the layout (deep nesting, absurd sizes): name the file behind the PDF."""
    rel = sources(guide, activity_id)[0] if activity_id else "content/"
    kind = type(error).__name__
    message = (
        f"the PDF could not be laid out ({kind}); look for very deeply nested lists or quotes, "
        "or very long lines without spaces, and simplify them"
    )
    return Problem(rel, 1, 1, "pdf", message)
