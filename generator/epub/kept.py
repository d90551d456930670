"""The activities' documents of the last build's EPUB, taken as they are when nothing they are
made from changed: after one activity is edited, one document is made again, not every one
(at 500 activities, making them all was most of the EPUB's cost, on every edit).

An activity's document (documents.py) reads the activity, the one its `next` names, and of the
rest of the guide only what every document shares: the settings, the home page, the pages, the
skills, the support contacts, what is left untranslated, and each activity's id and title (the
links and the "next" line). Those, with everything the whole EPUB is keyed by besides the
guide (templates, code, fonts, date: package.epub_key), make each document's key; the builder
keeps the keys in its manifest and says which documents may be taken from the last EPUB.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

from ..common.digest import digest_bytes
from ..content.model import Activity, Guide

OEBPS = "OEBPS/"  # where package._zip puts every document


def activity_document(activity_id: str) -> str:
    """The file name of an activity's document (documents.documents names it so)."""
    return f"activity-{activity_id}.xhtml"


def document_keys(guide: Guide, base: str) -> dict[str, str]:
    """Each activity's document -> the key of what it is made from; base: what the whole EPUB
    is made from besides the guide (package.epub_base)."""
    rest = guide.model_dump(mode="json", exclude={"root", "activities", "untranslated"})
    titles = [[a.id, a.title] for a in guide.activities]
    # untranslated is a set: sorted, so the key is the same in every process.
    shared = digest_bytes(base, _json([rest, titles, sorted(guide.untranslated)]))
    keys = {}
    for activity in guide.activities:
        after = guide.activity(activity.next) if activity.next else None
        keys[activity_document(activity.id)] = digest_bytes(shared, _dump(activity), _dump(after) if after else "")
    return keys


def read_kept(last: Path, names: Collection[str]) -> dict[str, str]:
    """The named documents' XHTML from the last build's EPUB (the builder checked its bytes)."""
    with zipfile.ZipFile(last) as book:
        return dict(KeptDocuments(book, names).items())


class KeptDocuments(Mapping[str, str]):
    """The named documents of the last build's EPUB, each read when asked for: the EPUB is
    written document by document (package.py), and 2,000 kept documents held at once are tens
    of MB."""

    def __init__(self, book: zipfile.ZipFile, names: Collection[str]) -> None:
        self.book, self.names = book, frozenset(names)

    def __getitem__(self, name: str) -> str:
        if name not in self.names:
            raise KeyError(name)
        return self.book.read(OEBPS + name).decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.names))

    def __len__(self) -> int:
        return len(self.names)


def unchanged(keys: Mapping[str, str], before: Mapping[str, str]) -> list[str]:
    """The documents whose key is the one the last build recorded."""
    return sorted(name for name, key in keys.items() if before.get(name) == key)


def _dump(activity: Activity) -> str:
    return _json(activity.model_dump(mode="json"))


def _json(data: object) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
