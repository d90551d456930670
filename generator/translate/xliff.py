"""XLIFF 1.2 for CAT tools that prefer it to PO: the same entries, read back into the same import.

Written and read with lxml (which pikepdf already needs), with entity expansion and network
access turned off: a translator's file is content, not code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.model import Guide
from ..errors import Problem
from .entries import checked_translation, entries

NS = "urn:oasis:names:tc:xliff:document:1.2"
REVIEW = "needs-review-translation"


@dataclass
class XliffEntry:
    """One trans-unit, with the attributes the PO import reads from a polib entry."""

    msgctxt: str
    msgid: str
    msgstr: str
    linenum: int
    flags: list[str] = field(default_factory=list)


def export_xliff(guide: Guide, language: str) -> str:
    from lxml import etree

    root = etree.Element(f"{{{NS}}}xliff", nsmap={None: NS}, version="1.2")
    attributes = {"original": guide.config.slug, "datatype": "plaintext"}
    attributes |= {"source-language": guide.config.language, "target-language": language}
    body = etree.SubElement(etree.SubElement(root, f"{{{NS}}}file", attributes), f"{{{NS}}}body")
    for entry in entries(guide, checked_translation(guide, language)):
        unit = etree.SubElement(body, f"{{{NS}}}trans-unit", id=entry.context)
        etree.SubElement(unit, f"{{{NS}}}source").text = entry.source
        state = REVIEW if entry.stale and entry.translation else ("translated" if entry.translation else "new")
        etree.SubElement(unit, f"{{{NS}}}target", state=state).text = entry.translation
    text: str = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")
    return text


def read_xliff(path: Path, rel: str) -> tuple[list[XliffEntry], list[Problem]]:
    """The trans-units of an XLIFF 1.2 file, or the line where it stops being one."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    try:
        tree = etree.parse(str(path), parser)
    except (OSError, etree.XMLSyntaxError) as error:
        line = getattr(error, "lineno", None) or 1
        return [], [
            Problem(rel, line, 1, "xliff", f"could not be read as XLIFF ({error}); check the file in your tool")
        ]
    found = []
    for unit in tree.iter(f"{{{NS}}}trans-unit"):
        source, target = unit.find(f"{{{NS}}}source"), unit.find(f"{{{NS}}}target")
        if source is None:
            return [], [Problem(rel, unit.sourceline or 1, 1, "xliff", "a trans-unit has no <source>; export again")]
        flags = ["fuzzy"] if target is not None and target.get("state") == REVIEW else []
        text = "".join(target.itertext()) if target is not None else ""
        found.append(XliffEntry(unit.get("id", ""), "".join(source.itertext()), text, unit.sourceline or 1, flags))
    return found, []
