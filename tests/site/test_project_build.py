"""Real MkDocs builds of the generated project: strict, deterministic, offline-ready, safe."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.content.model import Guide
from generator.errors import SiteBuildError
from generator.site.project import run_mkdocs, write_mkdocs_project

pytestmark = pytest.mark.slow


def build(guide: Guide, folder: Path, *, offline: bool = False) -> Path:
    config = write_mkdocs_project(guide, folder / "project", offline=offline)
    run_mkdocs(config, folder / "site")
    return folder / "site"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_home_and_one_page_per_activity(default_site: Path, default_guide: Guide) -> None:
    assert (default_site / "index.html").is_file()
    for activity in default_guide.activities:
        html = (default_site / "activities" / activity.id / "index.html").read_text(encoding="utf-8")
        assert re.search(r"<h1[^>]*>" + re.escape(escape(activity.title, quote=False)) + "</h1>", html)
    for page in default_guide.pages:
        assert (default_site / page.id / "index.html").is_file()


def test_html_says_british_english_and_loads_nothing_from_elsewhere(default_site: Path) -> None:
    for path in default_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert '<html lang="en-GB"' in html, path
        # src= and stylesheet/icon/preload links load things; links to read (licence, canonical) don't.
        loads = r'(?:src=|<link rel="(?:stylesheet|icon|preload|preconnect)"[^>]*href=)"(?:https?:)?//'
        loaded = re.findall(loads, html)
        assert not loaded, f"{path} loads a remote resource"
        assert "fonts.googleapis" not in html and "Made with" not in html


def test_search_index_has_skill_names_and_activity_titles(default_site: Path, default_guide: Guide) -> None:
    index = json.loads((default_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    assert {s.name for s in default_guide.skills} <= titles
    assert {a.title for a in default_guide.activities} <= titles


def test_skill_anchors_are_their_ids(default_site: Path, default_guide: Guide) -> None:
    html = (default_site / "skills" / "index.html").read_text(encoding="utf-8")
    for skill in default_guide.skills:
        assert f'id="{skill.id}"' in html


def test_three_circles_page_has_inline_svg_naming_the_rings(default_site: Path) -> None:
    html = (default_site / "activities" / "good-facilitation" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg[^>]*role=\"img\".*?</svg>", html, re.S)
    assert svg, "no inline SVG diagram"
    assert svg.group(0).count("<circle") == 3
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg.group(0)).group(1)  # type: ignore[union-attr]
    assert all(ring in desc for ring in ("Important", "Less important", "Not important"))
    assert "<figcaption>" in html


def test_two_builds_are_byte_identical(default_guide: Guide, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the default must still make builds repeatable
    first, second = build(default_guide, tmp_path / "one"), build(default_guide, tmp_path / "two")
    assert tree(first) == tree(second)


def test_plain_mkdocs_build_strict_works_on_the_project(sample_guide: Guide, tmp_path: Path) -> None:
    config = write_mkdocs_project(sample_guide, tmp_path / "project")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "-f", str(config)], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "end of life" not in result.stderr
    assert (config.parent / "site" / "activities" / "circles" / "index.html").is_file()


def test_offline_variant_uses_html_file_urls_and_the_local_search_shim(default_guide: Guide, tmp_path: Path) -> None:
    site = build(default_guide, tmp_path, offline=True)
    html = (site / "activities" / "good-facilitation.html").read_text(encoding="utf-8")
    assert 'src="../assets/guidegen/iframe-worker/shim.js"' in html
    assert "unpkg" not in html and "jsdelivr" not in html


class Markup(HTMLParser):
    """Collects what a browser would treat as live: tags, event attributes, inline scripts, links."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.events: list[str] = []
        self.inline_scripts: list[str] = []
        self.hrefs: list[str] = []
        self.styles: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        names = dict(attrs)
        self.events += [name for name in names if name.startswith("on")]
        self.hrefs += [value for name, value in attrs if name in ("href", "src") and value]
        self.styles += [value for name, value in attrs if name == "style" and value]
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_scripts.append(data)


def live_markup(html: str) -> Markup:
    parser = Markup()
    parser.feed(html)
    return parser


def hostile(guide: Guide) -> Guide:
    """The default guide with markup attacks the loader would refuse: the site must stop them too."""
    attack = (
        "\n<script>alert('body')</script>\n\n<img src=x onerror=alert('img')>\n\n"
        "[click](javascript:alert('link'))\n\nA paragraph.\n{: onclick=\"alert('attr')\" style=\"color:red\" }\n"
    )
    first = guide.pages[0]
    title = 'Peer <b>leading</b> "now" </title><script>alert("title")</script>'
    page = first.model_copy(update={"title": title, "body": first.body + "\n" + attack})
    config = guide.config.model_copy(update={"title": 'Peer <script>alert(1)</script> " onmouseover=x'})
    return guide.model_copy(update={"pages": (page, *guide.pages[1:]), "config": config})


def test_hostile_content_cannot_reach_the_page_as_markup(default_guide: Guide, tmp_path: Path) -> None:
    site = build(hostile(default_guide), tmp_path)
    page = (site / default_guide.pages[0].id / "index.html").read_text(encoding="utf-8")
    assert "<p>A paragraph.</p>" in page and "&lt;script&gt;alert('body')" in page  # shown as text
    assert "<title>Peer &lt;b&gt;leading&lt;/b&gt;" in page
    for path in site.rglob("*.html"):
        found = live_markup(path.read_text(encoding="utf-8"))
        assert not found.events and not found.styles, path
        assert not [script for script in found.inline_scripts if "alert" in script], path
        assert "b" not in found.tags, path
        assert not [h for h in found.hrefs if h.lower().startswith("javascript:") or h == "x"], path
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert not re.search(r"<script|<img|<b>", index)


def test_a_strict_warning_becomes_a_clear_error(sample_guide: Guide, tmp_path: Path) -> None:
    config = write_mkdocs_project(sample_guide, tmp_path / "project")
    page = config.parent / "docs" / "first-steps.md"
    page.write_text(page.read_text() + "\n[broken](no-such-page.md)\n")
    with pytest.raises(SiteBuildError, match=r"no-such-page\.md"):
        run_mkdocs(config, tmp_path / "site")


def test_the_project_can_move_and_still_build(sample_guide: Guide, tmp_path: Path) -> None:
    """Nothing in the project points back at the repository (paths are relative)."""
    config = write_mkdocs_project(sample_guide, tmp_path / "here")
    moved = shutil.move(config.parent, tmp_path / "there")
    run_mkdocs(Path(moved) / "mkdocs.yml", tmp_path / "site")
    assert (tmp_path / "site" / "index.html").is_file()


def test_activity_page_structure_survives_multi_line_content(sample_guide: Guide, tmp_path: Path) -> None:
    html = (build(sample_guide, tmp_path) / "activities" / "circles" / "index.html").read_text(encoding="utf-8")
    steps = re.search(r'<div class="guide-steps">\s*<ol>(.*?)</ol>', html, re.S)
    assert steps, "steps are not a numbered list"
    items = re.findall(r"<li>(.*?)</li>", steps.group(1), re.S)
    assert len(items) == len(sample_guide.activity("circles").steps)
    assert "Sort the notes into the circles." in items[1] and "Talk about any you disagree on." in items[1]
    notes = re.search(r'<div class="admonition note">(.*?)</div>', html, re.S)
    assert notes and "Anyone can pass." in notes.group(1)
    assert '<a href="../../skills/#sharing-tasks"' in html and '<a href="../tasks/"' in html


def test_crisis_contacts_on_the_crisis_page_and_every_activity_page(default_site: Path, default_guide: Guide) -> None:
    """From content/support.yml, in the built HTML (MkDocs turned the admonition into a box)."""
    support = default_guide.support
    assert support is not None
    pages = [default_site / "if-someone-is-in-crisis" / "index.html"]
    pages += [default_site / "activities" / a.id / "index.html" for a in default_guide.activities]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        box = html[html.index('class="admonition info"') :]
        for contact in support.contacts:
            assert f"<strong>{escape(contact.name)}</strong>: {escape(contact.how, quote=False)}." in box, page
    for name in ("confidentiality-and-its-limits", "if-someone-is-in-crisis"):
        safeguarding = (default_site / name / "index.html").read_text(encoding="utf-8")
        assert "Our safeguarding contact" in safeguarding and "adult safeguarding team" in safeguarding
        assert "Put their phone number" not in safeguarding
