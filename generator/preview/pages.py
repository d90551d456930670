"""What `guidegen serve` adds to the preview: the live-reload script and its own pages.

The script is added to HTML as it is sent to the browser, never to the built files, so a
preview build is the same as a real one. Every piece of text that comes from content or
from an error is HTML-escaped here: a problem message quotes the editor's own lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from ..errors import Problem

VERSION_PATH = "/__guidegen__/version"
BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)

RELOAD_PATH = "/__guidegen__/reload.js"

# Asks the server (a tiny local request) which build of this page it is showing, saying which
# one the page has: the server answers as soon as that changes (or after a few seconds, and the
# script asks again), so the page reloads the moment it is rebuilt. Asking also tells the
# server the page is open, so it rebuilds this page first after a change that reaches every page.
# The version the page was served with is written into the tag, so a build that finishes
# between sending the page and the first question still reloads it. A file, not an inline
# script: the pages' Content-Security-Policy allows only the site's own files and the
# inline scripts the build knew about.
RELOAD_JS = """(() => {
  const shown = document.currentScript.dataset.version;
  const asked = "VERSION_PATH?page=" + encodeURIComponent(location.pathname) + "&shown=" + encodeURIComponent(shown);
  const ask = () => fetch(asked, {cache: "no-store"})
    .then((answer) => answer.ok ? answer.text() : Promise.reject(answer.status))
    .then((latest) => latest.trim() === shown ? setTimeout(ask, 50) : location.reload())
    .catch(() => setTimeout(ask, 2000));
  setTimeout(ask, 50);
})();
""".replace("VERSION_PATH", VERSION_PATH)


@dataclass(frozen=True)
class Failure:
    """Why the preview cannot show the website: the editor's problems, or something else."""

    problems: tuple[Problem, ...] = ()
    details: str = ""  # not a content problem (a template mistake or a bug): what happened


def reload_script(version: str) -> str:
    return f'<script id="guidegen-live-reload" src="{RELOAD_PATH}" data-version="{escape(version)}"></script>\n'


def inject(html: bytes, version: str) -> bytes:
    """The page with the live-reload script just before its last </body> (or at the end)."""
    script = reload_script(version).encode()
    ends = list(BODY_END.finditer(html))
    if not ends:
        return html + script
    at = ends[-1].start()
    return html[:at] + script + html[at:]


def failure_page(failure: Failure, version: str) -> bytes:
    if failure.problems:
        title, body = _problems(failure.problems)
    else:
        title, body = _not_content(failure.details)
    return _page(title, body, version)


def waiting_page(version: str) -> bytes:
    body = "<h1>The preview is being built</h1>\n<p>This page will show the website by itself in a moment.</p>"
    return _page("Building the preview", body, version)


def _problems(problems: tuple[Problem, ...]) -> tuple[str, str]:
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    items = "\n".join(_problem_item(problem) for problem in problems)
    body = (
        "<h1>The preview is paused until the content is fixed</h1>\n"
        f"<p>guidegen found {count} in the content, so it could not update the website. "
        "Each one below says which file and line to look at, and what to change. "
        "Fix the file and save it: this page will show the website again by itself.</p>\n"
        f'<ol class="problems">\n{items}\n</ol>\n'
        "<p>The same list is in the window where <code>guidegen serve</code> is running.</p>"
    )
    return f"Preview paused: {count} to fix", body


def _problem_item(problem: Problem) -> str:
    where = escape(f"{problem.path}:{problem.line}:{problem.column}")
    what = escape(f"{problem.field}: {problem.message}")
    item = f'<li>\n<p><code class="where">{where}</code></p>\n<p>{what}</p>'
    snippet = problem.source_line.rstrip()
    if snippet:
        item += f"\n<p>The line says:</p>\n<pre>{escape(snippet[:160])}</pre>"
    return item + "\n</li>"


def _not_content(details: str) -> tuple[str, str]:
    body = (
        "<h1>The preview could not be built</h1>\n"
        "<p>This is not a mistake that guidegen can point to in your content. It may be a mistake "
        "in a template (the <code>templates/</code> folder) or a bug in guidegen. "
        "The details are below and in the window where <code>guidegen serve</code> is running. "
        "The preview tries again each time you save a file.</p>\n"
        f"<pre>{escape(details)}</pre>"
    )
    return "Preview could not be built", body


_STYLE = """
body { font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.5; margin: 0;
       color: #1b1b1b; background: #fff; }
main { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; border-left: 0.4rem solid #a4262c; padding-left: 0.75rem; }
ol.problems > li { margin: 0 0 1.5rem; }
ol.problems p { margin: 0.25rem 0; }
code, pre { font-family: ui-monospace, monospace; font-size: 1rem; overflow-wrap: anywhere; }
code.where { font-weight: bold; }
pre { background: #f3f3f3; border: 1px solid #767676; padding: 0.5rem; white-space: pre-wrap;
      overflow-wrap: anywhere; }
"""


def _page(title: str, body: str, version: str) -> bytes:
    return (
        '<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n{reload_script(version)}</body>\n</html>\n"
    ).encode()
