"""The structure tree repair (pdf/tagging.py) on HTML that WeasyPrint 70 tags wrongly.

Each case is judged three ways: page-validation's ua1 profile fails the raw PDF with the rule
the case is about and passes the repaired one; the repaired tree holds every marked-content id
once; and poppler reads and draws the repaired PDF exactly as the raw one (the repair changes
the tags, not the page).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from helpers.pdfua import findings, marked_content

from generator.pdf.engine import load_weasyprint
from generator.pdf.tagging import repair_tags

pytestmark = pytest.mark.slow
LOGO = Path(__file__).resolve().parents[2] / "content" / "assets" / "logo.svg"

CASES = {
    # The handouts' facts: dl > div > dt, dd (WeasyPrint: L > Div > LI, and a Span between).
    "a wrapper between a list and its items": (
        "<dl><div><dt>Time</dt><dd>30 minutes</dd></div> <div><dt>Group size</dt><dd>4 to 12</dd></div></dl>",
        {"PDFUA1-L-KIDS-001", "PDFUA1-LI-PARENT-001"},
    ),
    # The contents: the page number is an inline box in the link, with a link annotation of its own.
    "a box inside a link": (
        '<p><a href="https://example.org/a">Read <span>more</span> here</a></p>',
        {"PDFUA1-LINK-LINK-TAG-001"},
    ),
    "a heading that skips levels": (
        "<h1>Guide</h1><h4>Jumped two levels</h4><p>Text.</p>",
        {"PDFUA1-HEADING-NESTING-001"},
    ),
    "an image without alternative text": (
        f'<p>Before <img src="{LOGO.as_uri()}" alt=""> after.</p>',
        {"PDFUA1-FIGURE-ALTERNATIVE-TEXT-001"},
    ),
}


def render(body: str, folder: Path, name: str) -> Path:
    """The body through WeasyPrint as pdf/layout.py calls it (pdf/ua-1), not yet repaired."""
    load_weasyprint()
    from weasyprint import HTML

    html = f'<!DOCTYPE html><html lang="en"><head><title>{name}</title></head><body>{body}</body></html>'
    path = folder / f"{name}.pdf"
    path.write_bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
    return path


def repaired(raw: Path) -> Path:
    path = raw.with_name(raw.stem + "-repaired.pdf")
    path.write_bytes(repair_tags(raw.read_bytes()))
    return path


def poppler(path: Path) -> tuple[str, bytes]:
    """What poppler reads (pdftotext) and draws (pdftoppm) of the first page."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    draw = ["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", "1", "-l", "1", str(path)]
    png = subprocess.run(draw, capture_output=True, check=True).stdout
    return text, png


@pytest.mark.parametrize("case", CASES)
def test_the_repair_satisfies_the_validator_and_changes_no_page(case: str, tmp_path: Path) -> None:
    body, rules = CASES[case]
    raw = render(body, tmp_path, "raw")
    assert rules <= {f.rule for f in findings(raw)}, "WeasyPrint no longer makes this mistake: drop the case"
    fixed = repaired(raw)
    assert [str(f) for f in findings(fixed)] == []
    in_tree, drawn = marked_content(fixed)
    assert set(in_tree.values()) <= {1}, "a marked-content id in the tree twice"
    assert set(in_tree) == drawn, "every marked content in the tree, and nothing else"
    assert poppler(fixed) == poppler(raw)


def test_list_items_end_up_as_list_item_label_and_body(tmp_path: Path) -> None:
    raw = render(CASES["a wrapper between a list and its items"][0], tmp_path, "facts")
    with pikepdf.open(repaired(raw)) as pdf:
        roles = []
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            kids = element.get("/K")
            members = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
            elements = [k for k in members if isinstance(k, pikepdf.Dictionary) and "/S" in k]
            roles += [(str(element.get("/S", "")), str(k.S)) for k in elements]
            stack += elements
    lists = [kid for parent, kid in roles if parent == "/L"]
    items = [kid for parent, kid in roles if parent == "/LI"]
    assert lists == ["/LI"] * 4  # dt and dd, each an item of the one list
    assert set(items) == {"/LBody"}
    assert all(parent == "/L" for parent, kid in roles if kid == "/LI")


def test_a_pdf_already_right_comes_back_as_it_was(tmp_path: Path) -> None:
    raw = render("<h1>Fine</h1><ul><li>One</li><li>Two</li></ul>", tmp_path, "fine").read_bytes()
    assert repair_tags(raw) is raw


def test_the_repair_is_deterministic(tmp_path: Path) -> None:
    raw = render(CASES["a wrapper between a list and its items"][0], tmp_path, "twice").read_bytes()
    assert repair_tags(raw) == repair_tags(raw) != raw


def test_the_page_margins_become_artifacts_not_orphaned_content(tmp_path: Path) -> None:
    """WeasyPrint marks the footer's text as content whose elements hang outside the tree."""
    style = '<style>@page { @bottom-right { content: "Page " counter(page) " of " counter(pages) } }</style>'
    raw = render(f"{style}<h1>Title</h1><p>Text.</p>", tmp_path, "margins")
    in_tree, drawn = marked_content(raw)
    assert drawn - set(in_tree), "WeasyPrint now tags the margins: drop this repair"
    fixed = repaired(raw)
    in_tree, drawn = marked_content(fixed)
    assert set(in_tree) == drawn and set(in_tree.values()) == {1}
    assert "Page 1 of 1" in poppler(fixed)[0] and poppler(fixed) == poppler(raw)
    assert [str(f) for f in findings(fixed)] == []
