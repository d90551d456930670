"""The mkdocs.yml of the generated project, built as data and dumped as YAML.

Never a template: a title with a colon or a quote cannot break the file. Material's
templates print site and page titles without escaping, so those go in with '<' and '"'
turned into entities (the only characters that could open a tag or leave an attribute).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..common.messages import N_, Messages, messages_for
from ..content.model import Guide
from ..render.direction import text_direction
from ..render.markdown import SITE_EXTENSIONS

ASSETS = "assets/guidegen"  # our CSS, fonts and scripts inside docs/
SHIM = f"{ASSETS}/iframe-worker/shim.js"  # the URL must contain 'iframe-worker': see NOTES.md
NAV_GROUP = 50  # activities per navigation group in a long guide (see nav_tree)
EXTRA_CSS = (f"{ASSETS}/fonts.css", f"{ASSETS}/guide.css", f"{ASSETS}/brand.css")
# Content's Markdown configuration, shared with the PDFs; its last entry is the sanitiser, which
# both MkDocs and Zensical run (an MkDocs `hooks:` entry would be ignored by Zensical).
MARKDOWN_EXTENSIONS: list[Any] = SITE_EXTENSIONS
# navigation.prune: each page holds only the visible part of the navigation, not every page
# of the guide (otherwise build time and page size grow with the number of pages squared).
FEATURES = ["navigation.indexes", "navigation.footer", "navigation.prune", "search.highlight"]
SECTIONS = {
    "activities": N_("Activities"),
    "sessions": N_("Sessions"),
    "easy-read": N_("Easy Read"),
}  # folders shown as a section of the navigation
# Every problem MkDocs can find in links is a warning, and strict mode makes warnings fatal.
VALIDATION = {
    "omitted_files": "warn",
    "absolute_links": "warn",
    "unrecognized_links": "warn",
    "anchors": "warn",
}


def html_text(text: str) -> str:
    """Text safe to print unescaped in HTML text and double-quoted attributes."""
    return " ".join(text.split()).replace("<", "&lt;").replace('"', "&quot;")


# Material's words that guidegen words its own way (plain UK English, and translated with the rest).
MATERIAL_WORDS = {
    "action.skip": N_("Skip to the main text"),
    "search.result.initializer": N_("Getting search ready"),
    "search.result.placeholder": N_("Type a word to search the guide"),
    "search.result.none": N_("Nothing found. Try another word."),
    "search.result.one": N_("1 page found"),
    "search.result.other": N_("# pages found"),
    "toc": N_("On this page"),
    "nav": N_("Contents"),
}


@cache
def material_templates() -> Path:
    """mkdocs-material's templates folder, found without importing it (a no-op rebuild imports no engine)."""
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.submodule_search_locations, "mkdocs-material is a dependency"
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


def material_language(language: str) -> str:
    """The language of Material's own words: the guide's, when Material has it ('cy-GB' -> 'cy'), else English."""
    folder = material_templates() / "partials" / "languages"
    for code in (language, language.split("-")[0]):
        if (folder / f"{code}.html").is_file():
            return code
    return "en"


def material_words(guide: Guide, messages: Messages) -> dict[str, str]:
    """What overrides/partials/language.html puts before Material's words: ours, and the page's lang."""
    words = {key: html_text(messages.gettext(message)) for key, message in MATERIAL_WORDS.items()}
    words["language"] = guide.config.language
    words["search.config.lang"] = search_language(guide.config.language)
    return words


def search_language(language: str) -> str:
    """The search index's stemming language: the guide's when lunr has it, else English."""
    code = language.split("-")[0]
    lunr = material_templates() / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{code}.min.js"
    return code if lunr.is_file() else "en"


def theme(guide: Guide) -> dict[str, Any]:
    logo = guide.config.brand.logo
    return {
        "name": "material",
        "custom_dir": "overrides",
        # Material's words in the guide's language; overrides/partials/language.html puts ours first.
        "language": material_language(guide.config.language),
        # The direction from CLDR, as every PDF's and the EPUB's: Material would take it from its
        # own words, which it lacks for some right-to-left languages (then English, left to right).
        "direction": text_direction(guide.config.language),
        "font": False,  # no Google Fonts: Atkinson Hyperlegible is served from the site itself
        **({"logo": logo, "favicon": logo} if logo else {}),
        "features": FEATURES,
    }


def published(guide: Guide, messages: Messages) -> list[str]:
    """The footer's sentence in two halves, before and after the licence's name (a link)."""
    config = guide.config
    text = messages.gettext(
        "Published by %(organisation)s under the %(licence)s licence.", organisation=config.organisation, licence="\0"
    )
    before, _, after = text.partition("\0")
    return [before, after]


def extra(guide: Guide, offline: bool, alternate: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """Material's extra: section; alternate is the guide in other languages (site/languages.py)."""
    config = guide.config
    messages = messages_for(config)
    data: dict[str, Any] = {
        "generator": False,  # drops "Made with Material", which fails colour contrast
        "guide": {  # read by overrides/partials/copyright.html and language.html, which escape it
            "material": material_words(guide, messages),
            "published": published(guide, messages),
            "organisation": config.organisation,
            "licence_name": config.licence.name,
            "licence_url": config.licence.url,
            "attribution": config.attribution,
        },
    }
    if offline:
        data["polyfills"] = [SHIM]
    if alternate:
        data["alternate"] = list(alternate)
    return data


def plugins(guide: Guide, offline: bool) -> list[Any]:
    search = {"search": {"lang": [search_language(guide.config.language)]}}
    return [search, "offline"] if offline else [search]


def mkdocs_config(
    guide: Guide, nav: Sequence[tuple[str, str]], *, offline: bool, alternate: Sequence[dict[str, Any]] = ()
) -> dict[str, Any]:
    """The whole mkdocs.yml; nav is (path, title) pairs in order, activities/ grouped as a section;
    alternate is the language switcher's languages (site/languages.py's alternates), none without translations."""
    config = guide.config
    data: dict[str, Any] = {
        "site_name": html_text(config.title),
        "site_description": html_text(config.description) if config.description else None,
        "site_author": html_text(config.organisation),
        # Offline there is no canonical web address: a <link rel="canonical"> would point off the stick.
        "site_url": None if offline else config.site_url,
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": not offline,
        "strict": True,
        "theme": theme(guide),
        "plugins": plugins(guide, offline),
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "extra_css": list(EXTRA_CSS),
        "extra": extra(guide, offline, alternate),
        "validation": VALIDATION,
        "nav": nav_tree(nav, messages_for(config)),
    }
    return {key: value for key, value in data.items() if value is not None}


def nav_tree(nav: Sequence[tuple[str, str]], messages: Messages | None = None) -> list[dict[str, Any]]:
    """Top-level pages first; pages under activities/ become one 'Activities' section (and pages
    under sessions/ one 'Sessions' section), in the guide's language.

    A long list of activities is split into groups of NAV_GROUP (in their order): every
    activity page shows its own section of the navigation, so one section of thousands would
    make every page, and the time to build them all, grow with the square of the guide.
    """
    messages = messages or Messages("en")
    tree: list[dict[str, Any]] = []
    sections: dict[str, list[dict[str, Any]]] = {}
    for path, title in nav:
        entry = {html_text(title): path}
        folder = path.split("/", 1)[0] if "/" in path else ""
        if folder in SECTIONS:
            if folder not in sections:
                sections[folder] = []
                tree.append({html_text(messages.gettext(SECTIONS[folder])): sections[folder]})
            sections[folder].append(entry)
        else:
            tree.append(entry)
    section = sections.get("activities", [])
    if sum(next(iter(e.values())) != "activities/index.md" for e in section) > NAV_GROUP:
        section[:] = _grouped(section, messages)
    return tree


def _grouped(entries: list[dict[str, Any]], messages: Messages) -> list[dict[str, Any]]:
    """The activities' index page first, then 'Activities 1 to 50', 'Activities 51 to 100', ..."""
    index = [e for e in entries if next(iter(e.values())) == "activities/index.md"]
    rest = [e for e in entries if e not in index]
    groups = []
    for start in range(0, len(rest), NAV_GROUP):
        chunk = rest[start : start + NAV_GROUP]
        label = messages.gettext("Activities %(first)s to %(last)s", first=start + 1, last=start + len(chunk))
        groups.append({html_text(label): chunk})
    return index + groups
