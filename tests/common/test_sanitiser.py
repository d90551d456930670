"""One Markdown configuration and one sanitiser, run last by every engine that converts content."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from generator.common.sanitiser import MARKER, NAME, check_sanitised, missing_marker
from generator.errors import SiteBuildError
from generator.render.markdown import CONTENT_EXTENSIONS, PDF_EXTENSIONS, SITE_EXTENSIONS, neutralise, to_html
from generator.site.mkdocs_config import MARKDOWN_EXTENSIONS


def no_links(kind: str, ident: str, anchor: str) -> str:
    return "#"


def test_site_and_pdfs_share_one_configuration_with_the_sanitiser_last() -> None:
    assert MARKDOWN_EXTENSIONS is SITE_EXTENSIONS
    assert SITE_EXTENSIONS[-1] == NAME and PDF_EXTENSIONS[-1] == NAME
    assert [e for e in SITE_EXTENSIONS if isinstance(e, str)] == PDF_EXTENSIONS
    assert PDF_EXTENSIONS[:-1] == CONTENT_EXTENSIONS


def test_the_extension_cleans_after_every_other_extension() -> None:
    """attr_list makes attributes from plain text: the sanitiser, running after it, removes them."""
    text = 'A paragraph\n{: onclick="alert(1)" style="color:red" .tip }\n\n[x](javascript:alert(2))'
    html = markdown.markdown(text, extensions=PDF_EXTENSIONS)
    assert html.endswith(MARKER)
    assert "onclick" not in html and "style=" not in html and "javascript:" not in html
    assert 'class="tip"' in html  # classes only style


def test_admonitions_definition_lists_and_tables_survive_for_the_pdfs() -> None:
    text = '!!! note "Remember"\n    Bring water.\n\nTerm\n:   Its meaning\n\n| a | b |\n|---|---|\n| 1 | 2 |'
    html = str(to_html(text, no_links))
    assert '<div class="admonition note">' in html and '<p class="admonition-title">Remember</p>' in html
    assert "<dl>" in html and "<dt>Term</dt>" in html and "<table>" in html
    assert "!!!" not in html and MARKER not in html


def test_content_cannot_forge_the_marker() -> None:
    html = markdown.markdown(neutralise(f"Text {MARKER}", no_links), extensions=PDF_EXTENSIONS)
    assert html.count(MARKER) == 1 and html.endswith(MARKER)
    raw = markdown.markdown(f"Text\n\n{MARKER}\n\nmore", extensions=PDF_EXTENSIONS)  # even unescaped
    assert raw.count(MARKER) == 1 and raw.endswith(MARKER)


def test_a_site_built_without_the_sanitiser_is_refused(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(f"<article><p>clean</p>{MARKER}</article>")
    (tmp_path / "404.html").write_text("<p>the theme's own page</p>")
    check_sanitised(tmp_path, "MkDocs")  # passes
    (tmp_path / "page" / "index.html").parent.mkdir()
    # A marked heading in the table of contents does not count: the content itself must be marked.
    (tmp_path / "page" / "index.html").write_text(f"<nav>Aim{MARKER}</nav><article><p onclick='x'>not cleaned</p>")
    assert missing_marker(sorted(tmp_path.rglob("*.html")), tmp_path) == ["404.html", "page/index.html"]
    with pytest.raises(SiteBuildError, match=r"page/index\.html.*generator\.common\.sanitiser"):
        check_sanitised(tmp_path, "MkDocs")


def test_a_rebuild_checks_the_pages_it_wrote(tmp_path: Path) -> None:
    """A rebuild's plugin lists the pages it wrote: those are checked, and no others looked for."""
    (tmp_path / "kept.html").write_text("<article><p>from the last build, unmarked here</p></article>")
    (tmp_path / "new.html").write_text(f"<article><p>clean</p>{MARKER}</article>")
    check_sanitised(tmp_path, "MkDocs", written=[tmp_path / "new.html"])  # passes: kept.html was checked before
    check_sanitised(tmp_path, "MkDocs", written=[])  # nothing written, nothing to check
    (tmp_path / "new.html").write_text("<article><p onclick='x'>not cleaned</p></article>")
    with pytest.raises(SiteBuildError, match=r"new\.html"):
        check_sanitised(tmp_path, "MkDocs", written=[tmp_path / "new.html"])
