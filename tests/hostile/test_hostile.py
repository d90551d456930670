"""Hostile and broken content: nothing leaks, nothing runs, nothing reaches the network.

One guide carries every piece of hostile text that should be *neutralised* (built, but shown
as text); the cases that must be *refused* are checked one by one with their file:line error.
A file outside the guide holds a marker string; no output may ever contain it, and a local
HTTP server counts requests: it must see none.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from generator.builder.pipeline import BuildOptions, build
from generator.common.sanitiser import MARKER as MARKER_SANITISED
from generator.content.loader import load_guide
from generator.errors import ContentError

MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"
MARKER = "MARKER-outside-7f3a9c"


@pytest.fixture(scope="module")
def web(make_counting_server: Callable[[str], AbstractContextManager[Any]]) -> Iterator[Any]:
    """A local web server whose answers carry the marker; it must see no request at all."""
    with make_counting_server(MARKER) as server:
        yield server


@pytest.fixture(scope="module")
def server(web: Any) -> str:
    return str(web.url)


@pytest.fixture(scope="module")
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("outside") / "secret.txt"
    path.write_text(MARKER)
    return path


def hostile_text(secret: Path, server: str) -> str:
    return "\n\n".join(
        [
            "<script>alert('x')</script>",
            f'<img src="{server}/img.png" onerror="alert(1)">',
            '<a href="#" onclick="alert(2)">click</a>',
            f'<iframe src="{server}/frame"></iframe>',
            f"<style>@import url('{server}/style.css'); body {{ background: url({secret.as_uri()}) }}</style>",
            f'<link rel="attachment" href="{secret.as_uri()}">',
            f'<div style="background:url({server}/bg.png)">styled</div>',
            "Template tags stay text: {{ config }} and {% for x in range(3) %}{{ x }}{% endfor %}",
            # attr_list makes attributes from plain text: only the sanitiser, run last, removes them.
            'A paragraph with attributes\n{: onclick="alert(6)" onmouseover="alert(7)" style="color:red" }',
            '!!! note "A note"\n    With a [link](https://peer-support.org.uk/){: onfocus="alert(9)" }',
        ]
    )


@pytest.fixture(scope="module")
def neutralised(tmp_path_factory: pytest.TempPathFactory, secret: Path, server: str) -> Path:
    guide = tmp_path_factory.mktemp("hostile") / "guide"
    shutil.copytree(MINIMAL, guide)
    page = guide / "content" / "pages" / "first-page.md"
    page.write_text(page.read_text() + "\n" + hostile_text(secret, server) + "\n")
    activity = guide / "content" / "activities" / "questions.yml"
    activity.write_text(
        activity.read_text().replace(
            "aim: Reflect on how the group runs.",
            'aim: "<script>alert(3)</script> {{ config }} <img src=x onerror=alert(4)>"',
        )
    )
    config = guide / "site_config.yml"
    hostile_title = 'title: "</title><script>alert(5)</script>"'
    config.write_text(config.read_text().replace("title: A small test guide", hostile_title))
    os.symlink(secret, guide / "content" / "assets" / "notes.txt")  # never referenced: must not be copied
    build(guide, BuildOptions(quiet=True))
    return guide / "build"


def _texts(out: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of every output: files, PDF text and raw bytes, zip members."""
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        data = path.read_bytes()
        yield path.name, data.decode("latin-1")
        if path.suffix == ".pdf" and data:  # the offline project's placeholders (build/.offline/) are empty
            yield path.name + " (text)", "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        if path.suffix in (".zip", ".epub") and data:
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    yield info.filename, archive.read(info).decode("latin-1")


@pytest.mark.slow
def test_no_byte_of_an_outside_file_reaches_any_output(neutralised: Path) -> None:
    leaks = [name for name, text in _texts(neutralised) if MARKER in text]
    assert leaks == []


@pytest.mark.slow
def test_no_request_reached_the_local_server(neutralised: Path, web: Any) -> None:
    assert web.requests == []


class _Elements(HTMLParser):
    """Records what a browser would actually build from the page: elements and attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        if tag in ("iframe", "style", "link") and any(
            (v and "127.0.0.1" in v) or (v and "secret" in v) for _, v in attrs
        ):
            self.found.append(f"<{tag}> reaching outside")
        if tag == "iframe":
            self.found.append("<iframe>")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"script: {data[:40]}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


@pytest.fixture(scope="module")
def neutralised_zensical(neutralised: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same hostile guide's website built by Zensical (skipped, with the reason, if not installed)."""
    if importlib.util.find_spec("zensical") is None:
        pytest.skip("Zensical is not installed: pip install 'guidegen[zensical]' (make test installs it)")
    guide = tmp_path_factory.mktemp("hostile-zensical") / "guide"
    shutil.copytree(neutralised.parent, guide, ignore=shutil.ignore_patterns("build"), symlinks=True)
    build(guide, BuildOptions(quiet=True, only=("site",), engine="zensical"))
    return guide / "build"


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_markup_from_content_never_becomes_markup(engine: str, request: pytest.FixtureRequest) -> None:
    out: Path = request.getfixturevalue("neutralised" if engine == "mkdocs" else "neutralised_zensical")
    assert "hooks" not in yaml.safe_load((out / "mkdocs" / "mkdocs.yml").read_text())  # safety needs no hook
    pages = list((out / "site").rglob("*.html"))
    assert len(pages) >= 4
    for html in pages:
        parser = _Elements()
        text = html.read_text(encoding="utf-8")
        parser.feed(text)
        assert parser.found == [], html.name
        assert html.name == "404.html" or MARKER_SANITISED in text, f"{html} did not go through the sanitiser"
    first_page = (out / "site" / "first-page" / "index.html").read_text(encoding="utf-8")
    assert "A paragraph with attributes" in first_page and 'class="admonition note"' in first_page


@pytest.mark.slow
def test_markup_from_content_never_becomes_markup_in_the_epub(neutralised: Path) -> None:
    with zipfile.ZipFile(neutralised / "small-guide.epub") as book:
        documents = [name for name in book.namelist() if name.endswith(".xhtml")]
        assert documents
        for name in documents:
            parser = _Elements()
            parser.feed(book.read(name).decode("utf-8"))
            assert parser.found == [], name


@pytest.mark.slow
def test_template_syntax_in_content_is_printed_literally(neutralised: Path) -> None:
    page = (neutralised / "site" / "first-page" / "index.html").read_text(encoding="utf-8")
    assert "{{ config }}" in page
    assert "{% for x in range(3) %}" in page


def _refused(guide: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_guide(guide)
    return [p.render().split("\n")[0] for p in caught.value.problems]


REFUSED_IMAGES = {
    "file-url": "![x](file:///etc/passwd)",
    "parent-path": "![x](../../../../etc/passwd)",
    "local-server": "![x](http://127.0.0.1:9/x.png)",
    "javascript-link": "[x](javascript:alert(1))",
    "data-link": "[x](data:text/html,<script>alert(1)</script>)",
}


@pytest.mark.parametrize("case", sorted(REFUSED_IMAGES))
def test_dangerous_references_are_refused_with_file_and_line(case: str, tmp_path: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(MINIMAL, guide)
    page = guide / "content" / "pages" / "first-page.md"
    page.write_text(page.read_text() + "\n" + REFUSED_IMAGES[case] + "\n")
    assert any(p.startswith("content/pages/first-page.md:10:") for p in _refused(guide))


@pytest.mark.parametrize(
    ("field", "value"),
    [("primary", '"red;} body{display:none"'), ("accent", '"#fff; background: url(http://127.0.0.1/)"')],
)
def test_config_values_cannot_break_out_of_css(field: str, value: str, tmp_path: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(MINIMAL, guide)
    config = guide / "site_config.yml"
    config.write_text(config.read_text() + f"brand:\n  {field}: {value}\n")
    assert any(f"brand.{field}: " in p and "hex code" in p for p in _refused(guide))


@pytest.mark.parametrize("name", ["../escape.yml", "with space.yml", "café.yml"])
def test_odd_ids_and_file_names(name: str, tmp_path: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(MINIMAL, guide)
    activity = (MINIMAL / "content" / "activities" / "questions.yml").read_text()
    (guide / "content" / "activities" / name.replace("../", "")).write_text(
        activity.replace("id: questions", f"id: {name.removesuffix('.yml')!r}")
    )
    assert any(": id: " in p and "lowercase letters" in p for p in _refused(guide))


def test_fifty_megabyte_file_is_refused_quickly(tmp_path: Path) -> None:
    """Quickly: the reader stops after its size cap (1 MB), so 50 MB cost no more than 1 MB."""
    guide = tmp_path / "guide"
    shutil.copytree(MINIMAL, guide)
    with (guide / "content" / "activities" / "big.yml").open("wb") as handle:
        handle.truncate(50_000_000)
    started = time.process_time()  # CPU time: other jobs on the machine slow the clock, not this
    refused = _refused(guide)
    seconds = time.process_time() - started
    assert any("big.yml:1:1: file: is larger than" in p for p in refused)
    assert seconds < 5, f"refusing a 50 MB file took {seconds:.1f} s"


def _svg_guide(tmp_path: Path, svg: str) -> Path:
    guide = tmp_path / "guide"
    shutil.copytree(MINIMAL, guide)
    (guide / "content" / "assets" / "picture.svg").write_text(svg)
    page = guide / "content" / "pages" / "first-page.md"
    page.write_text(page.read_text() + "\n![A picture](assets/picture.svg)\n")
    build(guide, BuildOptions(quiet=True, only=("pdf",)))
    return guide


@pytest.mark.slow
def test_svg_image_reaching_outside_fails_the_pdf_build(tmp_path: Path, secret: Path, web: Any) -> None:
    server = web.url
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
        f'<image href="{secret.as_uri()}" width="10" height="10"/>'
        f'<image xlink:href="{server}/svg.png" width="10" height="10"/></svg>'
    )
    with pytest.raises(ContentError) as caught:
        _svg_guide(tmp_path, svg)
    report = caught.value.report()
    assert "secret.txt" in report or "127.0.0.1" in report
    assert "content/assets/picture.svg:1:1: href:" in report  # refused by check already, with its file
    assert web.requests == []
    assert not (tmp_path / "guide" / "build").exists()


@pytest.mark.slow
def test_svg_use_fan_out_is_stopped_by_the_time_limit(tmp_path: Path) -> None:
    layers = ['<g id="l0"><rect width="1" height="1"/></g>']
    for level in range(1, 12):
        uses = "".join(f'<use href="#l{level - 1}" x="{i}"/>' for i in range(10))
        layers.append(f'<g id="l{level}">{uses}</g>')
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><defs>{"".join(layers)}</defs>'
    svg += '<use href="#l11"/></svg>'
    guide = tmp_path / "guide"
    shutil.copytree(MINIMAL, guide)
    (guide / "content" / "assets" / "picture.svg").write_text(svg)
    page = guide / "content" / "pages" / "first-page.md"
    page.write_text(page.read_text() + "\n![A picture](assets/picture.svg)\n")
    with pytest.raises(ContentError) as caught:
        build(guide, BuildOptions(quiet=True, only=("pdf",), time_limit=8))
    assert re.search(r"picture|first-page|booklet", caught.value.report())
    assert re.search(r"took longer than \d+ seconds", caught.value.report())
