"""The EPUB, parsed back as a reader would: container -> package -> spine and navigation; every
activity with its steps; the three circles as SVG with a text description; accessibility
metadata; fonts; no script; byte-identical twice. epubcheck (Debian's, Java) has the last word."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path, PurePosixPath

import pytest
from helpers import epubcheck
from lxml import etree

from generator.content.model import Guide, ThreeCirclesHandout
from generator.epub.package import epub_bytes, write_epub
from generator.render.markdown import plain_text

NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "h": "http://www.w3.org/1999/xhtml",
    "svg": "http://www.w3.org/2000/svg",
    "epub": "http://www.idpf.org/2007/ops",
}
DATE = "2025-01-01T00:00:00Z"


class Book:
    """An EPUB opened the way a reading system opens one."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(BytesIO(data))
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//c:rootfile", NS).get("full-path")
        self.opf = etree.fromstring(self.zip.read(self.opf_path))
        self.base = PurePosixPath(self.opf_path).parent
        self.items = {i.get("id"): i for i in self.opf.iterfind(".//opf:manifest/opf:item", NS)}

    def read(self, href: str) -> etree._Element:
        return etree.fromstring(self.zip.read(str(self.base / href)))

    def spine(self) -> list[tuple[str, etree._Element]]:
        hrefs = [self.items[ref.get("idref")].get("href") for ref in self.opf.iterfind(".//opf:itemref", NS)]
        return [(href, self.read(href)) for href in hrefs]

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.opf.iterfind(f".//opf:meta[@property='{prop}']", NS)]


@pytest.fixture(scope="module")
def data(default_guide: Guide) -> bytes:
    return epub_bytes(default_guide, DATE)


@pytest.fixture(scope="module")
def book(data: bytes) -> Book:
    return Book(data)


def words(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_the_zip_starts_with_an_uncompressed_mimetype(data: bytes) -> None:
    first = zipfile.ZipFile(BytesIO(data)).infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert data[30:58] == b"mimetypeapplication/epub+zip"


def test_every_activity_is_in_the_book_with_its_steps(book: Book, default_guide: Guide) -> None:
    documents = book.spine()
    for activity in default_guide.activities:
        found = [root for _, root in documents if words(root.find(".//h:h1", NS)) == activity.title]
        assert len(found) == 1, activity.title
        steps = [words(li) for li in found[0].iterfind(".//h:ol[@class='steps']/h:li", NS)]
        assert [s.split(". ", 1)[-1] if s[:1].isdigit() else s for s in steps] == [
            plain_text(step.text) for step in activity.steps
        ]
    headings = {words(root.find(".//h:h1", NS)) for _, root in documents if root.find(".//h:h1", NS) is not None}
    assert {p.title for p in default_guide.pages} <= headings and "Skills" in headings


def test_the_navigation_lists_every_page_and_activity(book: Book, default_guide: Guide) -> None:
    nav_items = [i for i in book.items.values() if i.get("properties") == "nav"]
    assert len(nav_items) == 1
    nav = book.read(nav_items[0].get("href"))
    toc = nav.find(".//h:nav[@epub:type='toc']", NS)
    links = {words(a): a.get("href") for a in toc.iterfind(".//h:a", NS)}
    for activity in default_guide.activities:
        assert links[activity.title] == f"activity-{activity.id}.xhtml"
    for page in default_guide.pages:
        assert links[page.title] == f"page-{page.id}.xhtml"
    names = {str(PurePosixPath(n).relative_to(book.base)) for n in book.zip.namelist() if n.startswith("OEBPS/")}
    assert set(links.values()) <= names


def test_the_three_circles_are_an_svg_with_a_text_description(book: Book, default_guide: Guide) -> None:
    for activity in default_guide.activities:
        if not isinstance(activity.handout, ThreeCirclesHandout):
            continue
        href = f"activity-{activity.id}.xhtml"
        item = next(i for i in book.items.values() if i.get("href") == href)
        assert item.get("properties") == "svg"
        figure = book.read(href).find(".//h:figure", NS)
        svg = figure.find("svg:svg", NS)
        assert svg.get("role") == "img" and svg.find("svg:title", NS).text
        caption = words(figure.find("h:figcaption", NS))
        assert all(ring in caption for ring in activity.handout.rings)
        assert all(ring in svg.find("svg:desc", NS).text for ring in activity.handout.rings)


def test_language_accessibility_metadata_and_fonts(book: Book, default_guide: Guide) -> None:
    assert book.opf.find(".//dc:language", NS).text == default_guide.config.language
    assert book.meta("dcterms:modified") == [DATE]
    assert set(book.meta("schema:accessMode")) == {"textual", "visual"}
    assert book.meta("schema:accessModeSufficient") == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "alternativeText"} <= set(
        book.meta("schema:accessibilityFeature")
    )
    assert book.meta("schema:accessibilityHazard") == ["none"]
    assert len(book.meta("schema:accessibilitySummary")[0]) > 40
    fonts = [i.get("href") for i in book.items.values() if i.get("media-type") == "font/woff"]
    assert "fonts/atkinson-hyperlegible-next-latin-400-normal.woff" in fonts
    css = book.zip.read(str(book.base / "css/epub.css")).decode()
    assert all(f"url(../{font})" in css for font in fonts)
    for _, root in book.spine():
        assert root.get("lang") == default_guide.config.language


def test_no_document_has_a_script(book: Book) -> None:
    for href, root in book.spine():
        assert root.find(".//h:script", NS) is None and root.find(".//svg:script", NS) is None, href
        assert not [a for e in root.iter() for a in e.attrib if a.startswith("on")], href
    assert not any(i.get("properties") and "scripted" in i.get("properties") for i in book.items.values())


def test_two_builds_are_byte_identical(default_guide: Guide, data: bytes) -> None:
    assert epub_bytes(default_guide, DATE) == data


@pytest.mark.slow
def test_epubcheck_finds_no_errors_and_no_warnings(data: bytes, tmp_path: Path) -> None:
    book = tmp_path / "guide.epub"
    book.write_bytes(data)
    result = epubcheck.epubcheck(book)  # the JVM's quick compiler: half the CPU, the same report
    report = result.stdout + result.stderr
    assert epubcheck.CLEAN in report, report
    assert result.returncode == 0


def test_the_epub_written_into_a_file_as_it_is_made_is_the_same_book(
    default_guide: Guide, data: bytes, tmp_path: Path
) -> None:
    """The build's workers write the EPUB into its file document by document (write_epub):
    the same bytes as the EPUB made whole, which epubcheck accepts (above)."""
    path = tmp_path / "guide.epub"
    with path.open("wb") as out:
        write_epub(default_guide, DATE, out)
    assert path.read_bytes() == data
    names = zipfile.ZipFile(path).namelist()
    assert names[0] == "mimetype" and names[-1] == "OEBPS/package.opf"  # the list of everything comes last
