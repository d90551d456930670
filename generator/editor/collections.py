"""Which files of a guide the editor shows, as what: one place for the path -> model map.

The generated Decap configuration (editor/config.py) and the API's view of each file
(editor/entries.py) both read this list, so a file is edited with the model that checks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel

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
    label: str
    model: type[BaseModel]
    folder: str | None = None  # a folder of files of this kind, relative to the guide
    file: str | None = None  # or one file
    markdown: bool = False  # front matter (the model) and a Markdown body
    create: bool = False  # the editor may add files
    slug: str = "{{slug}}"  # a new file's name (without extension)

    @property
    def extension(self) -> str:
        return "md" if self.markdown else "yml"


def kinds(languages: tuple[str, ...] = ()) -> list[Kind]:
    """The source's collections, then each translation's (files mirror the source's)."""
    found = [
        Kind("settings", "Settings", SiteConfig, file=CONFIG_FILE),
        Kind("home", "Home page", PageFrontMatter, file="content/home.md", markdown=True),
        Kind("pages", "Pages", PageFrontMatter, folder="content/pages", markdown=True, create=True),
        Kind("activities", "Activities", Activity, folder="content/activities", create=True, slug="{{fields.id}}"),
        Kind("skills", "Skills", SkillsFile, file="content/skills.yml"),
        Kind("sessions", "Sessions", Session, folder="content/sessions", create=True, slug="{{fields.id}}"),
        Kind("support", "Support contacts", SupportFile, file="content/support.yml"),
        Kind("easy_read", "Easy Read", EasyRead, folder="content/easy-read", create=True, slug="{{fields.id}}"),
    ]
    for language in languages:
        base = f"content/{TRANSLATIONS}/{language}"
        key = re.sub(r"[^a-z0-9]", "_", language.lower())
        found += [
            Kind(f"{key}_home", f"{language}: home page", TranslatedPageMeta, file=f"{base}/home.md", markdown=True),
            Kind(f"{key}_pages", f"{language}: pages", TranslatedPageMeta, folder=f"{base}/pages", markdown=True),
            Kind(f"{key}_activities", f"{language}: activities", TranslatedActivity, folder=f"{base}/activities"),
            Kind(f"{key}_skills", f"{language}: skills", TranslatedSkillsFile, file=f"{base}/skills.yml"),
            Kind(f"{key}_easy_read", f"{language}: Easy Read", TranslatedEasyRead, folder=f"{base}/easy-read"),
            Kind(f"{key}_sessions", f"{language}: sessions", TranslatedSession, folder=f"{base}/sessions"),
            Kind(f"{key}_support", f"{language}: support contacts", TranslatedSupport, file=f"{base}/support.yml"),
        ]
    return found


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
