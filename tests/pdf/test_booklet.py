"""The booklet is laid out in parts and joined: the join must keep what one PDF would have.

Read back with pypdf and checked against the guide: one structure tree with every piece of
content reachable, links between parts that land on the right page, bookmarks nested as the
headings are, page numbers on every page but the cover, and each font file embedded once.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from helpers.pdfcheck import Built
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NullObject

from generator.content.model import Guide
from generator.pdf.html import booklet_parts

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def booklet(built: Built) -> PdfReader:
    return built.reader("guide.pdf")


def number_tree(node: DictionaryObject) -> dict[int, Any]:
    found: dict[int, Any] = {}
    nums = node.get("/Nums", [])
    for index in range(0, len(nums), 2):
        found[int(nums[index])] = nums[index + 1]
    for kid in node.get("/Kids", []):
        found |= number_tree(kid.get_object())
    return found


def walk(element: Any, seen: set[int]) -> None:
    """Every structure element below element, by object number."""
    for kid in element.get("/K", []) if isinstance(element.get("/K"), ArrayObject) else [element.get("/K")]:
        if isinstance(kid, IndirectObject):
            seen.add(kid.idnum)
            kid_object = kid.get_object()
            if kid_object.get("/Type") != "/OBJR":
                walk(kid_object, seen)


def test_one_structure_tree_whose_parent_tree_matches_every_page_and_link(booklet: PdfReader) -> None:
    tree = booklet.trailer["/Root"]["/StructTreeRoot"]
    (document,) = [k.get_object() for k in tree["/K"]] if isinstance(tree["/K"], ArrayObject) else [tree["/K"]]
    assert document["/S"] == "/Document"
    parents = number_tree(tree["/ParentTree"].get_object())
    assert int(tree["/ParentTreeNextKey"]) > max(parents)
    reachable: set[int] = set()
    walk(document, reachable)
    keys = [int(page["/StructParents"]) for page in booklet.pages]
    assert len(set(keys)) == len(keys), "two pages share a parent-tree key"
    for number, page in enumerate(booklet.pages):
        content = page.get_contents()
        mcids = {int(m) for m in re.findall(rb"/MCID (\d+)", content.get_data() if content else b"")}
        elements = parents[int(page["/StructParents"])]
        assert len(elements) >= len(mcids), number
        for mcid in mcids:
            element = elements[mcid].get_object()
            assert element["/Pg"].get_object() == page.get_object() or "/Pg" not in element, number
        for annotation in page.get("/Annots", []):
            owner = parents[int(annotation.get_object()["/StructParent"])].get_object()
            objrs = [k.get_object() for k in owner["/K"]] if isinstance(owner["/K"], ArrayObject) else [owner["/K"]]
            assert any(getattr(o, "get", lambda _k: None)("/Obj") == annotation for o in objrs)
    # Every element the pages' content points at hangs in the tree. WeasyPrint tags each page's
    # running footer as a NonStruct whose parent is the Document but which the Document does not
    # list; pdf/tagging.py makes that content an artifact and its parent-tree entry null.
    for elements in parents.values():
        for ref in elements if isinstance(elements, ArrayObject) else [elements]:
            if isinstance(ref, NullObject):
                continue  # an artifact now: the margins
            chain = [ref.get_object()]
            while chain[-1]["/P"].get_object() != document and len(chain) < 50:
                chain.append(chain[-1]["/P"].get_object())
            assert chain[-1]["/P"].get_object() == document
            assert ref.idnum in reachable, chain


def test_no_empty_elements_are_left_from_the_link_targets(booklet: PdfReader) -> None:
    document = booklet.trailer["/Root"]["/StructTreeRoot"]["/K"]
    document = document[0].get_object() if isinstance(document, ArrayObject) else document.get_object()
    assert all("/K" in kid.get_object() for kid in document["/K"])


def test_links_between_parts_land_on_the_page_that_holds_their_anchor(
    booklet: PdfReader, built: Built, default_guide: Guide
) -> None:
    texts = built.texts("guide.pdf")
    dests = booklet.named_destinations
    by_anchor = {f"skill-{s.id}": s.name for s in default_guide.skills}
    by_anchor |= {f"activity-{a.id}": a.title for a in default_guide.activities}
    by_anchor |= {f"page-{p.id}": p.title for p in default_guide.pages}
    assert set(by_anchor) <= set(dests)
    followed = Counter[str]()
    for number, page in enumerate(booklet.pages):
        for annotation in page.get("/Annots", []):
            link = annotation.get_object()
            if "/Dest" not in link:
                continue
            name = str(link["/Dest"])
            assert name in dests, f"page {number + 1} links to #{name}, which the booklet does not have"
            target = texts[booklet.get_destination_page_number(dests[name])]
            if name in by_anchor:
                heading = by_anchor[name].replace("’", "'")
                assert heading in target.replace("’", "'"), (name, number + 1)
                followed[name.split("-")[0]] += 1
    assert followed["skill"] and followed["activity"] and followed["page"]  # from other parts, too


def test_activities_are_bookmarked_under_activities(booklet: PdfReader, default_guide: Guide) -> None:
    top = list(booklet.outline)
    index = next(i for i, item in enumerate(top) if not isinstance(item, list) and item.title == "Activities")
    children = top[index + 1]
    assert isinstance(children, list)
    assert [c.title for c in children if not isinstance(c, list)] == [a.title for a in default_guide.activities]


def test_page_numbers_on_every_page_but_the_cover_marked_as_artifacts(booklet: PdfReader, built: Built) -> None:
    texts = built.texts("guide.pdf")
    total = len(booklet.pages)
    assert len(texts) == total
    assert not re.search(r"Page \d+ of \d+", texts[0])
    for number, page in enumerate(booklet.pages[1:], start=2):
        assert f"Page {number} of {total}" in texts[number - 1], number
        assert b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC" in page.get_contents().get_data()


def test_each_font_file_is_embedded_once(booklet: PdfReader) -> None:
    files: dict[str, set[int]] = {}
    for page in booklet.pages:
        for font in page["/Resources"]["/Font"].values():
            for descendant in font.get_object().get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                name = str(descriptor["/FontName"]).split("+")[-1]
                files.setdefault(name, set()).add(descriptor.raw_get("/FontFile2").idnum)
    assert files and all(len(ids) == 1 for ids in files.values()), files


def test_every_part_is_there_and_the_parts_are_safe_file_names(default_guide: Guide) -> None:
    parts = booklet_parts(default_guide, None)
    expected = ["intro"] + [f"page-{p.id}" for p in default_guide.pages] + ["skills"]
    assert [p.name for p in parts] == expected + [f"activity-{a.id}" for a in default_guide.activities]
    assert all(re.fullmatch(r"[a-z0-9-]+", p.name) for p in parts)
    assert sum('id="activities"' in p.html for p in parts) == 1
    held = {p.name: set(re.findall(r'<(?:section|h3|aside)[^>]* id="([^"]+)"', p.html)) for p in parts}
    for part in parts:
        for anchor in part.link_targets:  # an empty anchor only for what another part really holds
            assert anchor not in held[part.name] and any(anchor in ids for ids in held.values()), anchor
