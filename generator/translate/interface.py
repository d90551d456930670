"""The interface's words for translators: `translate export LANG --interface` and its import.

The export lists every interface message (the English catalogue's ids) with its wording in the
language so far: the translation's own catalogue, else guidegen's shipped one. The import checks
the whole file (unknown messages, placeholders lost, direction controls, each with its PO line),
then writes content/translations/<lang>/interface.po with the wordings that differ from guidegen's:
the guide's own catalogue, read over the package's. No file inside the package is ever written.
"""

from __future__ import annotations

from typing import Any

from ..common.messages import SOURCE_CODE, Messages, catalog, plural_header, plural_rule
from ..content.model import Guide
from ..content.translations import INTERFACE_FILE, Value, interface_wordings, language_folder, read_interface
from ..errors import ContentError, Problem
from .files import po_file

MARKER = "X-Guidegen-Catalogue"  # in the header: this PO file holds the interface, not the guide's texts


def is_interface_file(po: Any) -> bool:
    """An interface file says so in its header; a file of entries with no context is one too."""
    return po.metadata.get(MARKER) == "interface" or (len(po) > 0 and not any(e.msgctxt for e in po))


def _own(guide: Guide, language: str) -> dict[str, Value]:
    problems: list[Problem] = []
    wordings = read_interface(guide.root, language_folder(guide.root, language) / INTERFACE_FILE, problems)
    if problems:
        raise ContentError(problems)
    return wordings


def _po(guide: Guide, language: str) -> Any:
    return po_file(guide, language, **{"Plural-Forms": plural_header(language), MARKER: "interface"})


def export_interface(guide: Guide, language: str) -> str:
    """Every interface message with its current wording in `language` (empty when it has none)."""
    import polib

    shipped = Messages(language)
    own = _own(guide, language)
    forms = plural_rule(language)[0]
    po = _po(guide, language)
    for message in catalog(SOURCE_CODE):
        if not message.id:
            continue
        comments = "\n".join(message.auto_comments)
        flags = sorted(message.flags)
        if isinstance(message.id, str):
            wording = own.get(message.id) or (shipped.raw(message.id) if shipped.code != SOURCE_CODE else "")
            entry = polib.POEntry(msgid=message.id, msgstr=str(wording), flags=flags, comment=comments)
        else:
            singular, plural = message.id[0], message.id[1]
            given = own.get(singular)
            texts = list(given) if isinstance(given, tuple) else _shipped_forms(shipped, singular, plural, forms)
            strings = {i: (texts[i] if i < len(texts) else "") for i in range(forms)}
            entry = polib.POEntry(msgid=singular, msgid_plural=plural, msgstr_plural=strings, flags=flags)
            entry.comment = comments
        po.append(entry)
    return str(po)


def _shipped_forms(shipped: Messages, singular: str, plural: str, forms: int) -> list[str]:
    """The shipped catalogue's forms, one per plural form of the language; none when it has no catalogue."""
    if shipped.code == SOURCE_CODE:
        return []
    rule = plural_rule(shipped.language)[1]
    counts = {rule(n): n for n in reversed(range(200))}  # a count that takes each form
    return [shipped.raw_plural(singular, plural, counts.get(i, 1)) for i in range(forms)]


def import_interface(guide: Guide, language: str, po: Any, rel: str) -> list[str]:
    """Check every entry (all problems with their lines, nothing written on any), then write the
    guide's catalogue for `language`; the files changed."""
    import polib

    from .files import write_files

    problems: list[Problem] = []
    wordings = interface_wordings(po, rel, problems)
    if problems:
        raise ContentError(problems)
    shipped = Messages(language)
    out = _po(guide, language)
    for entry in po:
        wording = wordings.get(entry.msgid)
        if wording is None or _same_as_shipped(shipped, entry, wording):
            continue
        kept = polib.POEntry(msgid=entry.msgid, msgstr=entry.msgstr, flags=[f for f in entry.flags if f != "fuzzy"])
        if entry.msgid_plural:
            kept.msgid_plural, kept.msgstr_plural = entry.msgid_plural, dict(entry.msgstr_plural)
        out.append(kept)
    path = language_folder(guide.root, language) / INTERFACE_FILE
    if not len(out) and not path.exists():
        return []  # nothing differs from guidegen's own words: no catalogue of the guide's is needed
    return write_files(guide.root, {path.relative_to(guide.root).as_posix(): str(out) + "\n"})


def _same_as_shipped(shipped: Messages, entry: Any, wording: Value) -> bool:
    if shipped.code == SOURCE_CODE:
        return False
    if isinstance(wording, tuple):
        return list(wording) == _shipped_forms(shipped, entry.msgid, entry.msgid_plural, len(wording))
    return wording == shipped.raw(entry.msgid)
