"""Issue 15 without rendering: fonts cover Welsh, letters no font has, reserved ids, settings
carried through, and the editors' messages."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from generator.checks import check_guide
from generator.cli import main
from generator.common.colour import BLACK, contrast, luminance, parse_hex
from generator.content.font_coverage import FACES, SUBSETS, covered, shipped_file
from generator.content.loader import load_guide
from generator.content.reserved import reserved_reason
from generator.errors import ContentError
from generator.pdf.brand import brand_css, ring_fills
from generator.scaffold import ScaffoldError, new_activity, new_page

MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"
WELSH = "ŵŷŴŶẁẃẅỳẀẂẄỲ"


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "guide"))


def test_every_shipped_face_draws_welsh_letters() -> None:
    for weight, style in FACES:
        letters: set[int] = set()
        for subset in SUBSETS:
            for suffix in ("woff", "woff2"):
                with TTFont(shipped_file(subset, weight, style, suffix)) as font:
                    letters |= set(font.getBestCmap())
        missing = [c for c in WELSH if ord(c) not in letters]
        assert missing == [], (weight, style, missing)
        assert {ord(c) for c in WELSH} <= covered(MINIMAL / "content", ())


def test_a_greek_title_without_a_font_is_an_error_with_file_line_column(
    guide: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = guide / "content" / "activities" / "circles.yml"
    path.write_text(path.read_text().replace("title: What matters most?", "title: Ωραία ομάδα"))
    assert main(["check", "--guide", str(guide)]) == 1
    err = capsys.readouterr().err
    assert "content/activities/circles.yml:2:8: title: 'Ω' (U+03A9 GREEK CAPITAL LETTER OMEGA)" in err
    assert "add a font that has these letters under fonts: in site_config.yml" in err


def test_a_declared_font_that_is_missing_or_damaged_is_an_error(guide: Path) -> None:
    (guide / "content" / "assets" / "fonts").mkdir()
    (guide / "content" / "assets" / "fonts" / "broken.ttf").write_bytes(b"not a font")
    with (guide / "site_config.yml").open("a") as config:
        config.write("fonts: [assets/fonts/broken.ttf, assets/fonts/absent.otf]\n")
    with pytest.raises(ContentError) as caught:
        load_guide(guide)
    report = caught.value.report()
    assert "site_config.yml:7:9: fonts[1]: 'broken.ttf' could not be read as a font" in report
    assert "fonts[2]: the font file 'absent.otf' was not found in content/assets/fonts/" in report


@pytest.mark.parametrize("text", ["\u200b\u200b", "\u00a0", "\u200d\ufeff "])
def test_invisible_only_text_is_empty(guide: Path, text: str) -> None:
    path = guide / "content" / "activities" / "circles.yml"
    escaped = text.encode("unicode_escape").decode().replace("\\x", "\\u00")
    path.write_text(path.read_text().replace("title: What matters most?", f'title: "{escaped}"'))
    with pytest.raises(ContentError) as caught:
        load_guide(guide)
    assert "circles.yml:2:1: title: is empty" in caught.value.report()


@pytest.mark.parametrize("ident", ["guide", "index", "circles-a3", "questions-tabloid", "sessions", "epub", "cy"])
def test_generated_and_future_names_are_reserved(ident: str) -> None:
    assert reserved_reason(ident)


@pytest.mark.parametrize("ident", ["circles", "guide-to-listening", "a3-sized-notes", "sessions-we-ran", "wales"])
def test_ordinary_ids_are_free(ident: str) -> None:
    assert reserved_reason(ident) is None


def test_new_takes_an_id_and_refuses_reserved_or_taken_ones(guide: Path) -> None:
    path = new_activity(guide, "Pa mor bwysig yw dŵr?", "three-circles", "water")
    assert path.name == "water.yml" and "id: water" in path.read_text()
    assert new_page(guide, "Ein tŷ ni", "our-house").name == "our-house.md"
    for ident, said in [("guide", "the whole booklet"), ("water", "already used"), ("Not An Id", "lowercase")]:
        with pytest.raises(ScaffoldError, match=said):
            new_activity(guide, "Another", None, ident)
    made = new_activity(guide, "Guide", None)  # a title that slugifies to a reserved name
    assert made.stem == "guide-2"
    check_guide(guide)  # all of it loads: ids match file names, nothing reserved


def test_cli_new_with_id(guide: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "activity", "Ŵyn yn y cae", "--id", "lambs", "--guide", str(guide)]) == 0
    assert (guide / "content" / "activities" / "lambs.yml").exists()
    assert main(["new", "page", "Index", "--id", "index", "--guide", str(guide)]) == 2
    assert "'index' cannot be used as an id" in capsys.readouterr().err


@pytest.mark.parametrize("written", ["letter", "LETTER", "Letter", "US Letter", "a4"])
def test_paper_names_in_any_case_are_accepted(guide: Path, written: str) -> None:
    config = guide / "site_config.yml"
    config.write_text(config.read_text() + f"paper: {written}\n")
    assert load_guide(guide).config.paper in ("A4", "Letter")


@pytest.mark.parametrize("colour", ["#1d4e89", "#8a1c7c", "#ffcc00", "#00ff00", "#000000", "#ffffff", "#777777"])
def test_ring_tints_stay_apart_in_greyscale_and_keep_labels_readable(colour: str) -> None:
    fills = ring_fills(colour)
    levels = sorted(luminance(parse_hex(f)) for f in fills)
    assert all(b - a >= 0.05 for a, b in itertools.pairwise(levels)), fills
    assert all(contrast(BLACK, parse_hex(f)) >= 7 for f in fills), fills


def test_brand_css_darkens_a_light_colour_for_headings() -> None:
    css = brand_css("#ffcc00", "#ffcc00")
    heading = css.split("h1, h2, h3, h4 { color: ")[1][:7]
    assert contrast(parse_hex(heading), (255, 255, 255)) >= 4.5
    assert "#1d4e89" in brand_css("#1d4e89", "#8a1c7c")


def test_check_warns_about_a_light_brand_colour(guide: Path) -> None:
    config = guide / "site_config.yml"
    config.write_text(config.read_text() + 'brand:\n  primary: "#ffcc00"\n')
    _, warnings = check_guide(guide)
    (warning,) = [w for w in warnings if w.field == "brand.primary"]
    assert (warning.line, warning.column) == (8, 3)
    assert "1.5:1 contrast on white, below the 4.5:1" in warning.message


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Members can simply turn up.", True),
        ("Obviously, this helps.", True),
        ("Clearly, this works.", True),
        ("Just ask them to sit down.", True),
        ("It's easy to set up.", True),
        ("Say clearly that nobody has to take part.", False),
        ("Taking steps, not just meaning well.", False),
        ("Make it easy to say no.", False),
        ("Explain the idea simply.", False),
    ],
)
def test_words_that_talk_down_are_warned_about_in_their_talking_down_sense(
    guide: Path, text: str, flagged: bool
) -> None:
    page = guide / "content" / "pages" / "first-page.md"
    page.write_text(page.read_text() + f"\n{text}\n")
    _, warnings = check_guide(guide)
    talking_down = [w for w in warnings if "talks down to the reader" in w.message]
    assert bool(talking_down) == flagged, [w.render() for w in warnings]
    if flagged:
        assert "try " in talking_down[0].message  # with a suggestion


def test_the_default_guide_passes_the_talking_down_check(repo_root: Path) -> None:
    _, warnings = check_guide(repo_root)
    assert [w.render() for w in warnings] == []
