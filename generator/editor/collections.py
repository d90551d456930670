"""Which files of a guide the editor shows, as what: one place for the path -> model map.

The generated Decap configuration (editor/config.py) and the API's view of each file
(editor/entries.py) both read this list, so a file is edited with the model that checks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel

from ..common.messages import N_
from ..content.model import Activity, EasyRead, PageFrontMatter, Session, SiteConfig, SkillsFile, SupportFile
from ..content.translation_model import (
    TranslatedActivity,
    TranslatedEasyRead,
    TranslatedPageMeta,
    TranslatedSession,
    TranslatedSkillsFile,
    TranslatedSupport,
)
from ..content.translations import FOLDER as TRANSLATIONS

CONFIG_FILE = "site_config.yml"


@dataclass(frozen=True)
class Kind:
    """One collection of the editor: a folder of files, or a single file."""

    name: str  # Decap's collection name (letters, digits, underscores)
    label: str  # an interface message; `%(language)s` is the translation's language
    model: type[BaseModel]
    folder: str | None = None  # a folder of files of this kind, relative to the guide
    file: str | None = None  # or one file
    markdown: bool = False  # front matter (the model) and a Markdown body
    create: bool = False  # the editor may add files
    slug: str = "{{slug}}"  # a new file's name (without extension)
    language: str | None = None  # a translation's files: its language
    item: str | None = None  # and the kind of source item each file translates (content/translations.py)

    @property
    def extension(self) -> str:
        return "md" if self.markdown else "yml"


def kinds(languages: tuple[str, ...] = ()) -> list[Kind]:
    """The source's collections, then each translation's (files mirror the source's)."""
    found = [
        Kind("settings", N_("Settings"), SiteConfig, file=CONFIG_FILE),
        Kind("home", N_("Home page"), PageFrontMatter, file="content/home.md", markdown=True),
        Kind("pages", N_("Pages"), PageFrontMatter, folder="content/pages", markdown=True, create=True),
        Kind("activities", N_("Activities"), Activity, folder="content/activities", create=True, slug="{{fields.id}}"),
        Kind("skills", N_("Skills"), SkillsFile, file="content/skills.yml"),
        Kind("sessions", N_("Sessions"), Session, folder="content/sessions", create=True, slug="{{fields.id}}"),
        Kind("support", N_("Support contacts"), SupportFile, file="content/support.yml"),
        Kind("easy_read", N_("Easy Read"), EasyRead, folder="content/easy-read", create=True, slug="{{fields.id}}"),
    ]
    for language in languages:
        found += _translated(language)
    return found


def _translated(language: str) -> list[Kind]:
    """One translation's collections: its files mirror the source's, hold only words, and are
    made by `guidegen translate` (the editor does not add or delete them)."""
    base = f"content/{TRANSLATIONS}/{language}"
    key = re.sub(r"[^a-z0-9]", "_", language.lower())

    def kind(part: str, label: str, model: type[BaseModel], item: str, path: str, many: bool, md: bool) -> Kind:
        folder, file = (path, None) if many else (None, path)
        return Kind(f"{key}_{part}", label, model, folder, file, markdown=md, language=language, item=item)

    return [
        kind("home", N_("%(language)s: home page"), TranslatedPageMeta, "home", f"{base}/home.md", False, True),
        kind("pages", N_("%(language)s: pages"), TranslatedPageMeta, "page", f"{base}/pages", True, True),
        kind(
            "activities",
            N_("%(language)s: activities"),
            TranslatedActivity,
            "activity",
            f"{base}/activities",
            True,
            False,
        ),
        kind("skills", N_("%(language)s: skills"), TranslatedSkillsFile, "skill", f"{base}/skills.yml", False, False),
        kind(
            "easy_read",
            N_("%(language)s: Easy Read"),
            TranslatedEasyRead,
            "easy-read",
            f"{base}/easy-read",
            True,
            False,
        ),
        kind("sessions", N_("%(language)s: sessions"), TranslatedSession, "session", f"{base}/sessions", True, False),
        kind(
            "support",
            N_("%(language)s: support contacts"),
            TranslatedSupport,
            "support",
            f"{base}/support.yml",
            False,
            False,
        ),
    ]


def kind_of(path: str) -> Kind | None:
    """The kind of the file at path (relative to the guide), or None if the editor has none."""
    language = re.match(rf"^content/{TRANSLATIONS}/([^/]+)/", path)
    for kind in kinds((language.group(1),) if language else ()):
        if kind.file == path:
            return kind
        inside = kind.folder and path.startswith(kind.folder + "/") and path.endswith("." + kind.extension)
        if inside and "/" not in path[len(kind.folder or "") + 1 :]:
            return kind
    return None
