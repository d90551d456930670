"""Issue 26, point 8: each language gets the whole set. An English guide translated into Welsh
and Urdu builds build/<slug>-cy.epub and build/<slug>-ur.epub (epubcheck clean, in the
language's words and direction, untranslated parts marked as English), and the offline zip's
cy/ and ur/ parts hold every kind of file its English part does: large print, sessions, the A5
booklet, the e-book, and the home page's links to them."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from helpers import epubcheck
from helpers.written_guides import NOTO, URDU
from lxml import etree

from generator.builder.pipeline import BuildOptions, build

pytestmark = pytest.mark.slow
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "translated"
SLUG = "small-guide"
OPF = "{http://www.idpf.org/2007/opf}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _urdu_translation(root: Path) -> None:
    """The circles activity and the first page in Urdu; the questions activity left in English."""
    folder = root / "content" / "translations" / "ur"
    (folder / "activities").mkdir(parents=True)
    (folder / "pages").mkdir()
    rings = "".join(f"    - {ring}\n" for ring in URDU.rings)
    steps = "".join(f"  - {step}\n" for step in URDU.steps)
    (folder / "activities" / "circles.yml").write_text(
        f"id: circles\ntitle: {URDU.title}\naim: {URDU.aim}\ngroup_size: {URDU.group_size}\n"
        f"materials:\n  - کاغذ\nsteps:\n{steps}facilitator_notes: {URDU.page_text}\nhandout:\n  rings:\n{rings}",
        encoding="utf-8",
    )
    body = f"[{URDU.skills[0]}](skill:listening): {URDU.page_text}"  # the source's link kept
    (folder / "pages" / "first-page.md").write_text(
        f"---\ntitle: {URDU.page_title}\nsummary: {URDU.aim}\n---\n\n{body}\n", encoding="utf-8"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = Path(shutil.copytree(SAMPLE, tmp_path_factory.mktemp("language-set") / "guide"))
    fonts = root / "content" / "assets" / "fonts"
    fonts.mkdir(parents=True)
    shutil.copyfile(NOTO / URDU.font, fonts / URDU.font)
    config = (root / "site_config.yml").read_text(encoding="utf-8")
    (root / "site_config.yml").write_text(
        f"{config}  - language: ur\n    title: {URDU.title}\nfonts: [assets/fonts/{URDU.font}]\n", encoding="utf-8"
    )
    (root / "content" / "sessions").mkdir()
    (root / "content" / "sessions" / "evening.yml").write_text(
        'id: evening\ntitle: An evening\nstart: "18:30"\nitems:\n  - item: Welcome\n    minutes: 15\n'
        "  - activity: circles\n",
        encoding="utf-8",
    )
    _urdu_translation(root)
    build(root, BuildOptions(quiet=True, only=("pdf", "offline")))
    return root / "build"


@pytest.mark.parametrize("language", ["cy", "ur"])
def test_each_language_has_its_epub_and_epubcheck_accepts_it(built: Path, language: str) -> None:
    path = built / f"{SLUG}-{language}.epub"
    assert path.is_file() and (built / f"{SLUG}.epub").is_file()
    assert not list(built.glob(f"pdf/{language}/*.epub"))  # beside the source's, not in pdf/<lang>/
    report = epubcheck.report(path)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report


def _book(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as epub:
        names = [name for name in epub.namelist() if name.endswith((".opf", ".xhtml"))]
        return {name: etree.fromstring(epub.read(name)) for name in names}


@pytest.mark.parametrize(("language", "direction"), [("cy", "ltr"), ("ur", "rtl")])
def test_the_translated_epub_turns_its_pages_and_says_its_language(built: Path, language: str, direction: str) -> None:
    book = _book(built / f"{SLUG}-{language}.epub")
    package = book["OEBPS/package.opf"]
    assert package.findtext("{*}metadata/{http://purl.org/dc/elements/1.1/}language") == language
    spine = package.find(f"{OPF}spine")
    assert spine is not None and spine.get("page-progression-direction") == direction
    for name, html in book.items():
        if name.endswith(".xhtml"):
            assert (html.get("lang"), html.get("dir")) == (language, direction), name


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_the_urdu_epub_has_the_urdu_words_and_marks_what_is_still_english(built: Path) -> None:
    book = _book(built / f"{SLUG}-ur.epub")
    circles = _text(book["OEBPS/activity-circles.xhtml"])
    assert URDU.title in circles and URDU.rings[0] in circles and "What matters most?" not in circles
    assert URDU.page_text in _text(book["OEBPS/page-first-page.xhtml"])
    # The questions activity is not translated: its words are English, marked so, left to right,
    # after a notice in the reader's language.
    questions = book["OEBPS/activity-questions.xhtml"]
    section = questions.find(f".//{XHTML}section")
    assert section is not None and (section.get("lang"), section.get("dir")) == ("en-GB", "ltr")
    notice = questions.find(f".//{XHTML}p[@class='untranslated']")
    assert notice is not None and notice.getparent().tag == f"{XHTML}body"
    translated = book["OEBPS/activity-circles.xhtml"].find(f".//{XHTML}section")
    assert translated is not None and translated.get("lang") is None


def _parts(built: Path) -> dict[str, set[str]]:
    """The zip's files by language: 'en' for the source's part, with each language's part's
    e-book named as the source's (its name is the only difference a kind of file may show)."""
    names = zipfile.ZipFile(built / f"{SLUG}-offline.zip").namelist()
    inner = [name.split("/", 1)[1] for name in names]
    parts: dict[str, set[str]] = {"en": set(), "cy": set(), "ur": set()}
    for name in inner:
        head, _, rest = name.partition("/")
        if head in ("cy", "ur"):
            parts[head].add(rest.replace(f"{SLUG}-{head}.epub", f"{SLUG}.epub"))
        else:
            parts["en"].add(name)
    return parts


def test_each_languages_part_of_the_zip_has_every_kind_of_file_the_source_has(built: Path) -> None:
    parts = _parts(built)
    source_pdfs = {name for name in parts["en"] if name.startswith("pdf/")}
    assert {
        f"pdf/{SLUG}.epub",
        "pdf/guide-a5-booklet.pdf",
        "pdf/large-print/circles.pdf",
        "pdf/large-print/guide.pdf",
        "pdf/sessions/evening-agenda.pdf",
        "pdf/sessions/evening-pack.pdf",
    } <= source_pdfs
    pages = {name for name in parts["en"] if name.endswith(".html")}
    for language in ("cy", "ur"):
        assert {name for name in parts[language] if name.startswith("pdf/")} == source_pdfs, language
        assert {name for name in parts[language] if name.endswith(".html")} == pages, language


@pytest.mark.parametrize("language", ["cy", "ur"])
def test_each_languages_home_page_links_to_its_own_variants(built: Path, language: str) -> None:
    with zipfile.ZipFile(built / f"{SLUG}-offline.zip") as archive:
        home = archive.read(f"{SLUG}-offline/{language}/index.html").decode()
        readme = archive.read(f"{SLUG}-offline/{language}/README.txt").decode()
    links = set(re.findall(r'href="(pdf/[^"]+)"', home))
    assert {"pdf/guide-a5-booklet.pdf", "pdf/large-print/guide.pdf", f"pdf/{SLUG}-{language}.epub"} <= links
    assert f"pdf/{SLUG}-{language}.epub" in readme


def test_the_welsh_epubs_headings_are_welsh_and_the_urdu_ones_english_marked_as_such(built: Path) -> None:
    """The interface's words come from the language's catalogue; Urdu has none yet, so its
    headings are English, marked lang="en" and isolated left to right inside the Urdu page."""
    welsh = _book(built / f"{SLUG}-cy.epub")["OEBPS/activity-circles.xhtml"]
    headings = [_text(h) for h in welsh.iter(f"{XHTML}h2")]
    assert "Nod" in headings and "Beth i'w wneud" in headings and "Aim" not in headings, headings
    assert _text(_book(built / f"{SLUG}-cy.epub")["OEBPS/nav.xhtml"].find(f".//{XHTML}h1")) == "Cynnwys"
    urdu = _book(built / f"{SLUG}-ur.epub")["OEBPS/activity-circles.xhtml"]
    aim = next(h for h in urdu.iter(f"{XHTML}h2") if _text(h) == "Aim")
    bdi = aim.find(f"{XHTML}bdi")
    assert bdi is not None and (bdi.get("lang"), bdi.get("dir")) == ("en", "ltr")
