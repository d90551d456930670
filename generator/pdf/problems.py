"""Turn a failed PDF render into a Problem that points at the content file (and line) behind it.

The renderer sees URLs and layout errors, not content files: the job carries its file (the
build names it when it makes the job, pdf/job_list.py), and a reference is looked for in the
pages' text as the loader kept it, with the line each body starts on. The workers read no
content file. (`activity_source` checks which file an activity came from: the build calls it
when it makes the jobs, not in a worker.)
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


def written(guide: Guide) -> list[tuple[str, int, str]]:
    """Where content can refer to a file: each page's body, with the file and line it starts on
    (the loader keeps both), so a reference is found without reading any file again."""
    pages = [guide.home, *guide.pages]
    return [(page.source, page.body_line, page.body) for page in pages]


def needles(url: str, guide: Guide) -> list[str]:
    """Ways the reference may be written in content, most specific first."""
    found = [url]
    if url.startswith("file:"):
        path = unquote(urlsplit(url).path)
        found += [os.path.relpath(path, guide.content_dir), os.path.relpath(path, guide.root), Path(path).name]
    return [n for n in found if n]


def locate(guide: Guide, source: str, url: str) -> tuple[str, int, int, str]:
    """(file, line, column, source line) where the reference is written, or the job's file, line 1.

    The page the job was made from is searched first, then every other page."""
    bodies = sorted(written(guide), key=lambda body: body[0] != source)
    for needle in needles(url, guide):
        for rel, first_line, body in bodies:
            for offset, line in enumerate(body.splitlines()):
                if needle in line:
                    return rel, first_line + offset, line.index(needle) + 1, line
    return source, 1, 1, ""


def shown(url: str) -> str:
    """A reference as an editor recognises it: a file's path (its end, if long), else the URL."""
    text = unquote(urlsplit(url).path) if url.startswith("file:") else url
    return text if len(text) <= 80 else "..." + text[-77:]


def refusal_problems(guide: Guide, source: str, refusals: Sequence[RefusedReference]) -> list[Problem]:
    problems = []
    for refusal in refusals:
        rel, line, column, text = locate(guide, source, refusal.url)
        message = f"'{shown(refusal.url)}' cannot be used in a PDF: {refusal.reason}; {ADVICE}"
        problems.append(Problem(rel, line, column, "reference", message, text))
    return problems


def layout_problem(source: str, error: BaseException) -> Problem:
    """WeasyPrint gave up on the layout (deep nesting, absurd sizes): name the file behind the PDF."""
    kind = type(error).__name__
    message = (
        f"the PDF could not be laid out ({kind}); look for very deeply nested lists or quotes, "
        "or very long lines without spaces, and simplify them"
    )
    return Problem(source, 1, 1, "pdf", message)
