"""The structure tree WeasyPrint writes, repaired where it breaks PDF/UA-1, before anyone reads it.

WeasyPrint 70 tags a document from its boxes, and some of our HTML (and any editor's Markdown)
comes out in shapes PDF/UA-1 forbids; its umbrella issue for PDF/UA gaps is Kozea/WeasyPrint
#2482 (also #1837, list items; #2497, list items without a marker; #185, nested tags in links):

- lists: a wrapper between a list and its items (`dl > div > dt`, an anonymous block) puts a
  `Div` or `Span` under `L` and the `LI`s outside any `L`; an item's text may sit beside its
  `LBody` rather than in it;
- links: an inline box inside a link (the contents' page number) gets its own link annotation,
  tagged `Span` instead of `Link`;
- headings: a level that skips (an editor's `#` then `###`) stays skipped;
- table headers carry no `/Scope`;
- an image without alternative text (`alt=""`, or none: `guidegen check` warns about it) is a
  `Figure` with nothing to read;
- the page margins (the footer's title and page number) are marked as content, but their
  elements hang outside the tree (WeasyPrint's comment: an artifact element needs PDF 2.0), so
  that content is neither tagged nor an artifact.

The first four are repaired in the tree only: every marked-content id keeps its element, so
what a screen reader reads and in which order stays the same. An image with no words is taken
out of the tree and its drawing marked as an artifact (decoration), as HTML's `alt=""` means,
and content the tree never reaches (the margins) is marked as an artifact (page furniture):
those two change the page's content stream. The join (pdf/join/) then merges trees that are
already right.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from .tounicode import complete_to_unicode

LIST_KIDS = ("/L", "/LI", "/Caption")
ITEM_KIDS = ("/Lbl", "/LBody")
# Elements that only group others: a list's items found inside one are lifted into the list.
WRAPPERS = ("/Div", "/NonStruct", "/Span", "/Part", "/Sect")
HEADINGS = ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")


def repair_tags(pdf: bytes, font_files: Sequence[Path] = ()) -> bytes:
    """The same PDF with its structure tree made PDF/UA-1's shape and its fonts' ToUnicode maps
    complete (pdf/tounicode.py; font_files: the fonts it was laid out with); unchanged when
    already right."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        root = document.Root.get("/StructTreeRoot")
        if root is None:
            return pdf
        changed = repair_tree(document)
        if not complete_to_unicode(document, font_files) and not changed:  # pdf/tounicode.py: fonts' text
            return pdf
        out = io.BytesIO()
        # A fixed ID derived from the content: two builds of the same guide stay byte-identical.
        document.save(out, deterministic_id=True)
        return out.getvalue()


def repair_tree(document: pikepdf.Pdf) -> bool:
    """Repair lists, links, headings and table headers in place; True if anything changed."""
    root = document.Root.StructTreeRoot
    changed = False
    repairs = (_repair_lists, _repair_links, _repair_headings, _repair_table_headers)
    for repair in (*repairs, _repair_figures, _repair_unreached):
        changed = repair(document, root) or changed
    return changed


# ------------------------------------------------------------------ the tree, read and written


def kids(element: Any) -> list[Any]:
    """An element's kids as a list (PDF allows one kid without an array)."""
    value = element.get("/K")
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


def is_element(kid: Any) -> bool:
    """A structure element: the only kind of kid with a structure type (/S); marked-content and
    object references have none. (Comparing /Type too made this the repair's slowest line.)"""
    return isinstance(kid, Dictionary) and "/S" in kid


def role(kid: Any) -> str:
    return str(kid.S) if is_element(kid) else ""


def set_kids(element: Any, new: list[Any]) -> None:
    element.K = Array(new)
    for kid in new:
        if is_element(kid):
            kid.P = element


def same(a: Any, b: Any) -> bool:
    """One object, not merely an equal one (WeasyPrint makes every element and OBJR indirect)."""
    if isinstance(a, pikepdf.Object) and isinstance(b, pikepdf.Object) and a.is_indirect and b.is_indirect:
        return bool(a.objgen == b.objgen)
    return a is b


def walk(element: Any) -> Iterator[Any]:
    """Every element below element, in reading order (pre-order), element excluded."""
    for kid in kids(element):
        if is_element(kid):
            yield kid
            yield from walk(kid)


def new_element(document: pikepdf.Pdf, tag: str, parent: Any, members: list[Any]) -> Any:
    element = document.make_indirect(Dictionary(Type=Name.StructElem, S=Name(tag), P=parent))
    if "/Pg" in parent:
        element.Pg = parent.Pg
    set_kids(element, members)
    return element


# ------------------------------------------------------------------------------------- lists


def _repair_lists(document: pikepdf.Pdf, root: Any) -> bool:
    changed = False
    for element in list(walk(root)):  # a snapshot: repairs add elements the walk need not see
        tag = role(element)
        if tag == "/L":
            changed = _repair_list(document, element) or changed
        elif tag == "/LI":
            changed = _repair_item(document, element) or changed
    for element in list(walk(root)):
        changed = _repair_orphans(document, element) or changed
    return changed


def _lifted(kid: Any) -> list[Any]:
    """A wrapper that holds list items (and only elements) gives way to what it holds."""
    if role(kid) in WRAPPERS and kids(kid) and all(is_element(k) for k in kids(kid)):
        inner = [k for k in kids(kid) for k in _lifted(k)]
        if any(role(k) == "/LI" for k in inner):
            return inner
    return [kid]


def _repair_list(document: pikepdf.Pdf, element: Any) -> bool:
    """L > (L | LI | Caption)*: wrappers lifted, anything else into the nearest item's body."""
    before = kids(element)
    flat = [k for kid in before for k in _lifted(kid)]
    if not any(role(k) == "/LI" for k in flat):
        # Nothing in it is an item (an empty list, or one WeasyPrint could not see items in):
        # it is tagged as the group it is, not as a list.
        element.S = Name.Div
        return True
    result: list[Any] = []
    waiting: list[Any] = []  # strays before the first item
    for kid in flat:
        if role(kid) in LIST_KIDS:
            if role(kid) == "/LI" and waiting:
                _into_body(document, kid, waiting, at_start=True)
                waiting = []
            result.append(kid)
        elif (last := next((k for k in reversed(result) if role(k) == "/LI"), None)) is not None:
            _into_body(document, last, [kid], at_start=False)
        else:
            waiting.append(kid)
    if len(result) == len(before) and all(same(a, b) for a, b in zip(result, before, strict=True)):
        return False
    set_kids(element, result)
    return True


def _body(document: pikepdf.Pdf, item: Any) -> Any:
    """The item's LBody, made when it has none."""
    for kid in kids(item):
        if role(kid) == "/LBody":
            return kid
    body = new_element(document, "/LBody", item, [])
    set_kids(item, [*kids(item), body])
    return body


def _into_body(document: pikepdf.Pdf, item: Any, members: list[Any], at_start: bool) -> None:
    body = _body(document, item)
    set_kids(body, [*members, *kids(body)] if at_start else [*kids(body), *members])


def _repair_item(document: pikepdf.Pdf, item: Any) -> bool:
    """LI > Lbl? LBody: the item's other kids go into its body, in their order."""
    current = kids(item)
    stray = [role(k) not in ITEM_KIDS for k in current]
    bodies = [k for k in current if role(k) == "/LBody"]
    if not any(stray) and len(bodies) <= 1:
        return False
    labels = [k for k in current if role(k) == "/Lbl"]
    if not bodies:
        body = new_element(document, "/LBody", item, [k for k, s in zip(current, stray, strict=True) if s])
    else:  # kids before the (first) body go first in it, kids after it last; bodies become one
        body = bodies[0]
        at = next(i for i, k in enumerate(current) if same(k, body))
        before = [k for k, s in zip(current[:at], stray[:at], strict=True) if s]
        after = [k for k, s in zip(current[at:], stray[at:], strict=True) if s]
        set_kids(body, before + [k for b in bodies for k in kids(b)] + after)
    set_kids(item, [*labels, body])
    return True


def _repair_orphans(document: pikepdf.Pdf, element: Any) -> bool:
    """Items outside a list get one; labels and bodies outside an item become plain groups."""
    members = kids(element)
    if role(element) != "/L" and any(role(k) == "/LI" for k in members):
        grouped: list[Any] = []
        run: list[Any] = []  # consecutive items: one new list
        for kid in [*members, None]:
            if kid is not None and role(kid) == "/LI":
                run.append(kid)
                continue
            if run:
                grouped.append(new_element(document, "/L", element, run))
                run = []
            if kid is not None:
                grouped.append(kid)
        set_kids(element, grouped)
        return True
    parent_role = role(element.get("/P"))
    if role(element) in ITEM_KIDS and parent_role != "/LI":
        element.S = Name.Div if role(element) == "/LBody" else Name.Span
        return True
    return False


# ------------------------------------------------------------------------------------- links


def _repair_links(document: pikepdf.Pdf, root: Any) -> bool:
    """Every link annotation belongs to a Link element, which its /StructParent names."""
    changed = False
    for element in list(walk(root)):
        if role(element) == "/Link":
            continue
        links = [k for k in kids(element) if _is_link_annotation(k)]
        if not links:
            continue
        changed = True
        link = _ancestor(element, "/Link")
        if link is None:
            element.S = Name.Link  # the inline box WeasyPrint tagged Span is the link itself
            continue
        set_kids(element, [k for k in kids(element) if not any(same(k, a) for a in links)])
        set_kids(link, [*kids(link), *links])
        for annotation in links:
            if "/StructParent" in annotation.Obj:
                _set_parent(root.ParentTree, int(annotation.Obj.StructParent), link)
    return changed


def _is_link_annotation(kid: Any) -> bool:
    return isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR and kid.Obj.get("/Subtype") == Name.Link


def _ancestor(element: Any, tag: str) -> Any | None:
    parent = element.get("/P")
    while is_element(parent):
        if role(parent) == tag:
            return parent
        parent = parent.get("/P")
    return None


def _set_parent(tree: Any, key: int, element: Any) -> None:
    """Point a parent tree's entry for an annotation (key) at element."""
    if "/Nums" in tree:
        nums = tree.Nums
        for index in range(0, len(nums), 2):
            if int(nums[index]) == key:
                nums[index + 1] = element
                return
    for kid in tree.get("/Kids", []):
        _set_parent(kid, key, element)


# ---------------------------------------------------------------------------------- headings


def _repair_headings(document: pikepdf.Pdf, root: Any) -> bool:
    """Heading levels go down one at a time: a skipped level becomes the next one down."""
    changed = False
    last = 0
    for element in walk(root):
        if role(element) not in HEADINGS:
            continue
        level = int(role(element)[2])
        if level > last + 1:
            level = last + 1
            element.S = Name(f"/H{level}")
            changed = True
        last = level
    return changed


# ------------------------------------------------------------------------------------ tables


def _repair_table_headers(document: pikepdf.Pdf, root: Any) -> bool:
    """A header cell says what it heads: a column in the table's head, else its row (first cell)."""
    changed = False
    for element in walk(root):
        if role(element) != "/TH":
            continue
        attributes = element.get("/A")
        if not isinstance(attributes, Dictionary):  # none, or a list of attribute sets: ours comes first
            element.A = Dictionary(O=Name.Table) if attributes is None else attributes
            if attributes is not None:
                continue
            attributes = element.A
        if "/Scope" not in attributes:
            row = element.get("/P")
            in_head = role(row.get("/P")) == "/THead" if is_element(row) else False
            first = is_element(row) and bool(kids(row)) and same(kids(row)[0], element)
            attributes.Scope = Name.Row if first and not in_head else Name.Column
            changed = True
    return changed


# ----------------------------------------------------------------------------------- figures


def _repair_figures(document: pikepdf.Pdf, root: Any) -> bool:
    """A Figure with no words for it (no /Alt, no /ActualText) becomes decoration: an artifact."""
    changed = False
    for element in list(walk(root)):
        if role(element) != "/Figure" or _described(element) or "/Pg" not in element:
            continue
        members = kids(element)
        if not members or not all(isinstance(k, int) for k in members):
            continue  # holds more than its own drawing: left for the validator to report
        _mark_artifacts(document, element.Pg, set(members).__contains__, root.ParentTree)
        parent = element.P
        set_kids(parent, [k for k in kids(parent) if not same(k, element)])
        changed = True
    return changed


def _repair_unreached(document: pikepdf.Pdf, root: Any) -> bool:
    """Marked content no element of the tree reaches (the margins' elements hang outside it) is
    page furniture: an artifact, so each piece of content is either read once or skipped.

    The parent tree lists each page's marked content, so only a page with some unreached is parsed."""
    reached = _reached(root)
    pages = {int(page.StructParents): page for page in document.pages if "/StructParents" in page}
    changed = False
    for key, value in list(_number_tree(root.ParentTree)):
        page = pages.get(key)
        if page is None or not isinstance(value, Array):
            continue
        unreached = {m for m, element in enumerate(value) if element is not None and (page.objgen, m) not in reached}
        if unreached:
            changed = _mark_artifacts(document, page.obj, unreached.__contains__, root.ParentTree) or changed
    return changed


def _reached(root: Any) -> set[tuple[tuple[int, int], int]]:
    """(page, marked-content id) of every piece of content the tree holds."""
    found = set()
    stack: list[tuple[Any, Any]] = [(root, None)]
    while stack:
        element, page = stack.pop()
        page = element.Pg if "/Pg" in element else page
        for kid in kids(element):
            if isinstance(kid, int) and page is not None:
                found.add((page.objgen, kid))
            elif isinstance(kid, Dictionary) and "/MCID" in kid:  # a marked-content reference
                found.add(((kid.Pg if "/Pg" in kid else page).objgen, int(kid.MCID)))
            elif is_element(kid):
                stack.append((kid, page))
    return found


def _described(element: Any) -> bool:
    return any(str(element.get(key, "")).strip() for key in ("/Alt", "/ActualText"))


def _mark_artifacts(document: pikepdf.Pdf, page: Any, chosen: Callable[[int], bool], parent_tree: Any) -> bool:
    """The page's marked content whose id is chosen becomes artifacts and leaves the parent tree;
    the page's content is parsed once and written again only when something changed."""
    operations: list[Any] = []
    marked: set[int] = set()
    for instruction in pikepdf.parse_content_stream(page):  # inline images pass through as they are
        operands = instruction.operands
        properties = operands[1] if str(instruction.operator) == "BDC" and len(operands) == 2 else None
        if isinstance(properties, Dictionary) and "/MCID" in properties and chosen(int(properties.MCID)):
            marked.add(int(properties.MCID))
            instruction = pikepdf.ContentStreamInstruction([Name.Artifact], pikepdf.Operator("BMC"))
        operations.append(instruction)
    if not marked:
        return False
    page.Contents = document.make_stream(pikepdf.unparse_content_stream(operations))
    if "/StructParents" in page:
        for key, value in _number_tree(parent_tree):
            if key == int(page.StructParents) and isinstance(value, Array):
                for mcid in marked:
                    if mcid < len(value):
                        value[mcid] = None
    return True


def _number_tree(node: Any) -> Iterator[tuple[int, Any]]:
    if "/Nums" in node:
        flat = node.Nums
        for index in range(0, len(flat), 2):
            yield int(flat[index]), flat[index + 1]
    for kid in node.get("/Kids", []):
        yield from _number_tree(kid)
