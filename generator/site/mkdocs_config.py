"""The mkdocs.yml of the generated project, built as data and dumped as YAML.

Never a template: a title with a colon or a quote cannot break the file. Material's
templates print site and page titles without escaping, so those go in with '<' and '"'
turned into entities (the only characters that could open a tag or leave an attribute).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..content.model import Guide
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


def theme(guide: Guide) -> dict[str, Any]:
    logo = guide.config.brand.logo
    return {
        "name": "material",
        "custom_dir": "overrides",
        "language": "custom",  # overrides/partials/languages/custom.html: lang="en-GB", UK wording
        "font": False,  # no Google Fonts: Atkinson Hyperlegible is served from the site itself
        **({"logo": logo, "favicon": logo} if logo else {}),
        "features": FEATURES,
    }


def extra(guide: Guide, offline: bool) -> dict[str, Any]:
    config = guide.config
    data: dict[str, Any] = {
        "generator": False,  # drops "Made with Material", which fails colour contrast
        "guide": {  # read by overrides/partials/copyright.html, which escapes it
            "organisation": config.organisation,
            "licence_name": config.licence.name,
            "licence_url": config.licence.url,
            "attribution": config.attribution,
        },
    }
    if offline:
        data["polyfills"] = [SHIM]
    return data


def plugins(offline: bool) -> list[Any]:
    search = {"search": {"lang": ["en"]}}
    return [search, "offline"] if offline else [search]


def mkdocs_config(guide: Guide, nav: Sequence[tuple[str, str]], *, offline: bool) -> dict[str, Any]:
    """The whole mkdocs.yml; nav is (path, title) pairs in order, activities/ grouped as a section."""
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
        "plugins": plugins(offline),
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "extra_css": list(EXTRA_CSS),
        "extra": extra(guide, offline),
        "validation": VALIDATION,
        "nav": nav_tree(nav),
    }
    return {key: value for key, value in data.items() if value is not None}


def nav_tree(nav: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """Top-level pages first; pages under activities/ become one 'Activities' section.

    A long list of activities is split into groups of NAV_GROUP (in their order): every
    activity page shows its own section of the navigation, so one section of thousands would
    make every page, and the time to build them all, grow with the square of the guide.
    """
    tree: list[dict[str, Any]] = []
    section: list[dict[str, Any]] = []
    for path, title in nav:
        entry = {html_text(title): path}
        if path.startswith("activities/"):
            if not section:
                tree.append({"Activities": section})
            section.append(entry)
        else:
            tree.append(entry)
    if sum(next(iter(e.values())) != "activities/index.md" for e in section) > NAV_GROUP:
        section[:] = _grouped(section)
    return tree


def _grouped(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The activities' index page first, then 'Activities 1 to 50', 'Activities 51 to 100', ..."""
    index = [e for e in entries if next(iter(e.values())) == "activities/index.md"]
    rest = [e for e in entries if e not in index]
    groups = []
    for start in range(0, len(rest), NAV_GROUP):
        chunk = rest[start : start + NAV_GROUP]
        groups.append({f"Activities {start + 1} to {start + len(chunk)}": chunk})
    return index + groups
