"""The pictures an Easy Read point may name: the bundled set's catalogue, or the guide's own files.

A point names a picture from the bundled set (`phone-call`) or a file in content/assets/
(`assets/our-room.png`). The bundled set is OpenMoji 17.0.0 (CC BY-SA 4.0), a few pictures
that suit peer support (a group, a phone call, a safe place, a cup of tea, ...). This module
is what the content knows of them: their names, what each shows and the credit their licence
asks for, so the loader and docs/content-format.md need nothing above content/. Their files,
and the sanitising and inlining of every picture, are render/pictures.py's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .problem_text import did_you_mean

OWN_PREFIX = "assets/"
ATTRIBUTION = (
    "Pictures by OpenMoji, the open-source emoji and icon project (https://openmoji.org/), "
    "shared under the CC BY-SA 4.0 licence: https://creativecommons.org/licenses/by-sa/4.0/"
)
MEDIA_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


@dataclass(frozen=True)
class Bundled:
    """One picture of the bundled set: what it shows (its default description) and its OpenMoji code points."""

    description: str
    openmoji: str


BUNDLED: dict[str, Bundled] = {
    "people-together": Bundled("Two people holding hands", "1F9D1-200D-1F91D-200D-1F9D1"),
    "talking": Bundled("A speech bubble", "1F4AC"),
    "listening": Bundled("An ear", "1F442"),
    "phone-call": Bundled("A telephone", "1F4DE"),
    "mobile-phone": Bundled("A mobile phone", "1F4F1"),
    "safe-place": Bundled("A house", "1F3E0"),
    "private": Bundled("A closed padlock", "1F512"),
    "cup-of-tea": Bundled("A hot drink in a cup", "2615"),
    "meeting-time": Bundled("An alarm clock", "23F0"),
    "ask-for-help": Bundled("A person with one hand up", "1F64B"),
    "emergency": Bundled("An ambulance", "1F691"),
    "hospital": Bundled("A hospital building", "1F3E5"),
    "kind": Bundled("A red heart", "2764"),
    "agree": Bundled("A thumbs up", "1F44D"),
    "yes": Bundled("A green tick", "2705"),
    "no": Bundled("A red cross", "274C"),
    "warning": Bundled("A warning sign", "26A0"),
    "thinking": Bundled("A thought bubble", "1F4AD"),
    "writing": Bundled("A hand writing", "270D"),
    "online": Bundled("A laptop computer", "1F4BB"),
}


def is_own(name: str) -> bool:
    """A file of the guide's (assets/...) rather than one of the bundled set."""
    return name.startswith(OWN_PREFIX)


def default_description(name: str) -> str | None:
    """What a bundled picture shows; None for the guide's own (only the editor knows)."""
    bundled = BUNDLED.get(name)
    return bundled.description if bundled else None


def unknown_picture_message(name: str, content_dir: Path) -> str | None:
    """None when name is a bundled picture or a file in content/assets/; else what is wrong, with a fix."""
    if is_own(name):
        if ".." in name.split("/"):
            return f"picture '{name[:60]}' must be a file inside content/assets/"
        path = content_dir / name
        if path.suffix.lower() not in MEDIA_TYPES:
            return f"picture '{name[:60]}' should be an SVG, PNG or JPEG file"
        if not path.is_file() or not path.resolve().is_relative_to((content_dir / "assets").resolve()):
            return f"picture file '{name[:60]}' was not found in content/assets/; check the spelling"
        return None
    if name in BUNDLED:
        return None
    return (
        f"'{name}' is not one of the bundled pictures.{did_you_mean(name, set(BUNDLED))} "
        "Use a name from the list in docs/content-format.md, or your own file as assets/name.svg"
    )
