"""Find every interface message in the code, templates and script, as Babel does.

The content model's labels and hints (render/form_words.py) are messages too, for the browser
editor's forms. `python -m generator.render.extract` brings the shipped catalogues up to date: new messages
are added (empty in every translation, for a translator to fill in), gone ones are dropped,
translations kept. A test runs the same extraction and fails on a message that a catalogue
lacks, so no word reaches a reader untranslated.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..common.messages import DOMAIN, LOCALE_DIR, SCRIPT_KEYWORDS, SCRIPTS, SOURCE_CODE, po_path, shipped_languages
from .form_words import COMMENT, form_words, model_files

PACKAGE = LOCALE_DIR.parent
ROOT = PACKAGE.parent
KEYWORDS: dict[str, Any] = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "N_": None,
    "raw": None,
}
JINJA_OPTIONS = {"trim_blocks": "true", "lstrip_blocks": "true", "extensions": "jinja2.ext.i18n"}

Found = tuple[str, int, str | tuple[str, str]]  # file (relative to the repository), line, message


def sources() -> Iterator[tuple[Path, str]]:
    """(file, how to read it) for every file that may show words to a reader."""
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, "python"
    for path in sorted((PACKAGE / "templates" / "site").glob("*.j2")):
        yield path, "jinja"
    for path in sorted((PACKAGE / "templates" / "pdf").glob("*.j2")):
        yield path, "jinja"
    for script in SCRIPTS:
        yield PACKAGE / "templates" / script, "javascript"


def extract() -> list[Found]:
    from babel.messages.extract import extract as babel_extract_file
    from babel.messages.extract import extract_javascript, extract_python
    from jinja2.ext import babel_extract

    methods: dict[str, tuple[Any, dict[str, Any], dict[str, Any]]] = {
        "python": (extract_python, KEYWORDS, {}),
        "jinja": (babel_extract, KEYWORDS, JINJA_OPTIONS),
        "javascript": (extract_javascript, SCRIPT_KEYWORDS, {"parse_template_string": True}),
    }
    found: list[Found] = []
    for path, kind in sources():
        method, keywords, options = methods[kind]
        with path.open("rb") as file:
            for line, message, _, _ in babel_extract_file(method, file, keywords, [], options):
                text = message if isinstance(message, str) else (message[0], message[1])
                found.append((str(path.relative_to(ROOT)), line, text))
    for path, line, message in form_words():  # the editor's labels and hints, from the content model
        found.append((str(path.relative_to(ROOT)), line, message))
    return found


def template() -> Any:
    """A Babel Catalog of every message found, with where it was found."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(domain=DOMAIN, project="guidegen", locale=SOURCE_CODE, fuzzy=False)
    forms = {str(Path(path).relative_to(ROOT)) for path in model_files()}
    for file, line, message in extract():
        comments = [COMMENT] if file in forms else []
        catalog.add(message, None, [(file, line)], flags=_flags(message), auto_comments=comments)
    return catalog


def _flags(message: str | tuple[str, str]) -> tuple[str, ...]:
    text = message if isinstance(message, str) else message[0]
    return ("python-format",) if "%(" in text else ()


def update() -> None:
    """Write the template into every shipped catalogue, keeping its translations."""
    from babel.messages.pofile import write_po

    from ..common.messages import catalog, catalogue_code

    fresh = template()
    for code in sorted({*shipped_languages(), SOURCE_CODE}):
        path = po_path(code)
        if path.exists():
            current = catalog(code)
            current.update(fresh, no_fuzzy_matching=True)
        else:
            from babel.messages.catalog import Catalog

            current = Catalog(domain=DOMAIN, project="guidegen", locale=code, fuzzy=False)
            current.update(fresh, no_fuzzy_matching=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, current, width=100, omit_header=False, ignore_obsolete=True, sort_output=False)
        catalog.cache_clear()
    shipped_languages.cache_clear()  # a catalogue may be new
    catalogue_code.cache_clear()


if __name__ == "__main__":
    update()
    sys.stdout.write(f"Updated the catalogues in {LOCALE_DIR}\n")
