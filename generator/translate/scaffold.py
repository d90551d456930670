"""`guidegen new translation <lang>`: the folder for a translation, and its entry in site_config.yml."""

from __future__ import annotations

import re
from pathlib import Path

from ..content.translations import language_folder

README = """# {language} translation

This folder holds the {language} translation of the guide: the same file names as content/,
with only the words (titles, text, steps, ring labels, questions). Order, times, skills,
handout kinds and links come from the source and cannot drift.

The easy way: make a PO file for a translation tool (Poedit, Weblate), translate it, and
bring it back:

    guidegen translate export {language} -o {language}.po
    guidegen translate import {language} {language}.po
    guidegen translate status

The interface's own words (headings, buttons, "Page 1 of 2") go the same way, into this
folder's interface.po:

    guidegen translate export {language} --interface -o ui.po
    guidegen translate import {language} ui.po

The support contacts' numbers and addresses are never translated: they always come from
content/support.yml. Anything not yet translated is shown in the source language with a notice.
"""
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Z]{2})?$")


class TranslationScaffoldError(ValueError):
    """The command line asked for something that cannot be done (exit code 2)."""


def new_translation(root: Path, language: str) -> list[Path]:
    """Make content/translations/<lang>/ and add the language to site_config.yml; never overwrite."""
    if not LANGUAGE.match(language):
        raise TranslationScaffoldError(f"'{language}' is not a language code; use one like cy, ga or pt-BR")
    folder = language_folder(root, language)
    if folder.exists():
        raise TranslationScaffoldError(f"{folder} already exists; nothing was changed")
    config = root / "site_config.yml"
    if not config.is_file():
        raise TranslationScaffoldError(f"{root} has no site_config.yml; run this in the guide's folder or use --guide")
    text = config.read_text(encoding="utf-8")
    if re.search(r"^translations:", text, flags=re.MULTILINE):
        raise TranslationScaffoldError(
            f"site_config.yml already has translations:; add {language} to that list by hand, then run this again"
        )
    for sub in ("pages", "activities"):
        (folder / sub).mkdir(parents=True)
    (folder / "README.md").write_text(README.format(language=language), encoding="utf-8")
    separator = "" if text.endswith("\n") else "\n"
    config.write_text(f"{text}{separator}translations: [{language}]\n", encoding="utf-8")
    return [folder, config]
