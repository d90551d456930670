"""Every PDF of the default guide, judged by an independent PDF/UA-1 validator (issue 27).

The PDFs are the session's shared build (conftest.built: every job, as the build's workers run
it), found by listing its folder, so a variant added later is validated without a change here.
The one PDF that does not claim PDF/UA is the A5 printing sheets, which say so.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from helpers.pdfcheck import Built, render_all
from helpers.pdfua import claims_pdfua, findings, marked_content, pdfs

from generator.checks import check_guide
from generator.content.model import Guide
from generator.site.downloads import A5_FILE, BOOKLET_A5
from generator.site.pages import home_page

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
MINIMAL = REPO / "tests" / "samples" / "minimal"


def test_every_pdf_that_claims_pdfua_passes_the_validator(built: Built) -> None:
    files = pdfs([built.folder])
    assert len(files) >= len(built.files) > 20
    claiming = [path for path in files if claims_pdfua(path)]
    assert [p.relative_to(built.folder).as_posix() for p in files if p not in claiming] == [A5_FILE]
    failures = [str(finding) for path in claiming for finding in findings(path)]
    assert failures == [], "\n".join(failures)


def test_each_piece_of_every_page_is_in_the_tags_once_or_an_artifact(built: Built) -> None:
    """Not lost to a screen reader, not read twice: checked here, the validator does not."""
    for path in filter(claims_pdfua, pdfs([built.folder])):
        in_tree, drawn = marked_content(path)
        assert set(in_tree) == drawn, f"{path.name}: marked content outside the tree, or tags for nothing"
        assert set(in_tree.values()) == {1}, f"{path.name}: content in the tree twice"


def test_the_printing_sheets_say_they_are_for_printing_and_claim_nothing(built: Built) -> None:
    with pikepdf.open(built.path(A5_FILE)) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode()
        title = str(pdf.trailer.Info.Title)
        assert "/StructTreeRoot" not in pdf.Root and "/MarkInfo" not in pdf.Root
    assert "pdfuaid" not in xmp
    assert "for printing" in title and f">{title}</rdf:li>" in xmp


def test_the_accessible_booklet_is_offered_beside_the_printing_sheets(default_guide: Guide) -> None:
    """On the home page (so in the hosted site and the offline zip), right above the sheets."""
    handouts = {"guide": "guide.pdf", BOOKLET_A5: A5_FILE}
    page = home_page(default_guide, handouts).markdown
    booklet, sheets = page.index("(pdf/guide.pdf)"), page.index(f"(pdf/{A5_FILE})")
    assert booklet < sheets and page.count("\n", booklet, sheets) <= 3
    assert "screen reader" in page[booklet:sheets]


def test_every_field_keeps_its_name_tooltip_and_place_in_the_tags(built: Built) -> None:
    """The repair must not cost the forms: each widget named, with /TU on itself, in a Form element."""
    seen = 0
    for path in filter(claims_pdfua, pdfs([built.folder])):
        with pikepdf.open(path) as pdf:
            keys = _parent_tree(pdf)
            for page in pdf.pages:
                widgets = [a for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Widget"]
                assert not widgets or page.obj.get("/Tabs") == "/S", f"{path.name}: tab order is not the tags' order"
                for widget in widgets:
                    seen += 1
                    field = widget if "/T" in widget else widget.Parent
                    assert str(field.T) and str(widget.TU).strip(), f"{path.name}: a field without name or tooltip"
                    element = keys[int(widget.StructParent)]
                    assert element.S == "/Form", f"{path.name}: field {field.T} is tagged {element.S}"
    assert seen > 100


def _parent_tree(pdf: pikepdf.Pdf) -> dict[int, object]:
    flat = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    return {int(flat[i]): flat[i + 1] for i in range(0, len(flat), 2)}


def test_the_checker_names_file_page_and_rule(built: Built, tmp_path: Path) -> None:
    """The check's words, on a PDF made to fail: an image's description taken away."""
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(built.path("good-facilitation.pdf")) as pdf:
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            if element.get("/S") == "/Figure":
                del element.Alt
            kids = element.get("/K")
            stack += [k for k in (kids if isinstance(kids, pikepdf.Array) else []) if isinstance(k, pikepdf.Dictionary)]
        pdf.save(broken)
    [finding] = findings(broken)
    assert (finding.file, finding.page, finding.rule) == (broken, 1, "PDFUA1-FIGURE-ALTERNATIVE-TEXT-001")
    assert str(finding).startswith(f"{broken}: page 1: PDFUA1-FIGURE-ALTERNATIVE-TEXT-001: ")


BADLY_BUILT = """Intro.

### A heading that jumps a level

- First
-
- Third

See [](https://example.org/more), and a table without headings:

|   |   |
|---|---|
| a | b |

![](assets/logo.svg)

<ul></ul>
"""


def test_a_badly_built_page_still_makes_pdfs_the_validator_accepts(tmp_path: Path) -> None:
    """An editor's page with every mistake of issue 27's list: repaired in the PDFs, warned by check."""
    guide = Path(shutil.copytree(MINIMAL, tmp_path / "guide"))
    shutil.copy(REPO / "content" / "assets" / "logo.svg", guide / "content" / "assets")
    page = guide / "content" / "pages" / "badly-built.md"
    page.write_text(f"---\ntitle: Badly built\n---\n{BADLY_BUILT}", encoding="utf-8")
    loaded, warned = check_guide(guide, remember=False)
    lines = {(w.path, w.line) for w in warned}
    assert {6, 9, 12, 14, 18} <= {line for path, line in lines if path == "content/pages/badly-built.md"}
    files = render_all(loaded, tmp_path / "pdf")
    booklet = next(p for p in files if p.name == "guide.pdf")
    assert (
        "A heading that jumps a level"
        in subprocess.run(["pdftotext", str(booklet), "-"], capture_output=True, text=True, check=True).stdout
    )
    failures = [str(f) for p in files if claims_pdfua(p) for f in findings(p)]
    assert failures == [], "\n".join(failures)
