"""Guide -> EPUB 3: the content documents, navigation, styles, fonts and images, zipped.

Written with the standard library (zipfile) and our Jinja templates rather than ebooklib:
ebooklib is AGPL (this project is MIT), and an EPUB is a zip of a few XML files whose bytes we
want to control for byte-identical builds (fixed entry dates and order, no clock). lxml, which
pikepdf already needs, turns sanitised HTML into XHTML. No document has a script.
"""

from __future__ import annotations

import contextlib
import io
import re
import uuid
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from ..common.digest import digest_bytes, digest_tree
from ..common.messages import messages_for
from ..content.model import Guide
from ..content.source_date import DEFAULT_EPOCH, iso_date, iso_source_date
from ..render.environments import TEMPLATES_DIR, environment
from ..render.job import Job
from ..site.downloads import epub_name
from .documents import Document, each_document, render
from .kept import KeptDocuments
from .xhtml import images

FONTS = TEMPLATES_DIR / "assets" / "vendor" / "fonts"
FONT_FILES = tuple(
    f"atkinson-hyperlegible-next-{subset}-{weight}-{style}.woff"
    for subset in ("latin", "latin-ext")
    for weight in (400, 700)
    for style in ("normal", "italic")
)
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}
DEFAULT_MODIFIED = iso_date(DEFAULT_EPOCH)  # as the website's, when SOURCE_DATE_EPOCH is unset
SUMMARY = (
    "Text with headings and a table of contents, in reading order. The one picture, the three-circle "
    "diagram, has a text alternative and a caption that describes it in words. No flashing, sound or motion."
)


@dataclass(frozen=True)
class Item:
    """One manifest entry; href is relative to OEBPS/."""

    id: str
    href: str
    media_type: str
    data: bytes
    properties: str = ""


def epub_job(guide: Guide) -> Job:
    """The EPUB as a job for the build's workers (it needs no WeasyPrint, but runs beside the PDFs)."""
    return Job("epub", epub_name(guide), "epub", None, 1.0, iso_source_date())


def epub_base(guide: Guide, engines: str, date: str | None) -> str:
    """What the EPUB is made from besides the guide's text: our templates and code, fonts, images, the date.
    The code is ours below the EPUB too (render/, common/, the interface words): a fix there
    must not leave the last build's documents in place (kept.py takes them by this key)."""
    here = Path(__file__).resolve().parent
    below = (here.parent / "render", here.parent / "common", here.parent / "locale")
    trees = digest_tree(TEMPLATES_DIR / "epub", here, *below, guide.content_dir / "assets")
    return digest_bytes(engines, "epub", trees, digest_tree(FONTS), date or "")


def epub_key(guide: Guide, base: str) -> str:
    """Everything the EPUB is made from: the whole guide, and base (epub_base)."""
    return digest_bytes(base, guide.model_dump_json(exclude={"root"}))


def epub_bytes(guide: Guide, date: str | None, kept: tuple[str, tuple[str, ...]] | None = None) -> bytes:
    """The whole EPUB (write_epub) as bytes."""
    out = io.BytesIO()
    write_epub(guide, date, out, kept)
    return out.getvalue()


def write_epub(guide: Guide, date: str | None, out: BinaryIO, kept: tuple[str, tuple[str, ...]] | None = None) -> None:
    """The whole EPUB into out; date (ISO 8601, from SOURCE_DATE_EPOCH) is its dcterms:modified.
    kept: the last build's EPUB and the activities' documents to take from it as they are (kept.py).

    Each document goes into the zip as it is made and is let go: the navigation, the images and
    the package document, which list them all, come last (EPUB asks only that the mimetype be
    first). Holding every document, its bytes and the zip at once was most likely the 194 MiB
    rendering copy at the peak of a 2,000-activity build (benchmarks/memory-2000-after.md)."""
    with contextlib.ExitStack() as stack:
        last = stack.enter_context(zipfile.ZipFile(kept[0])) if kept else None
        book = _Book(stack.enter_context(zipfile.ZipFile(out, "w")), date or DEFAULT_MODIFIED)
        listed: list[Document] = []  # each document without its text: the navigation's entries
        items: list[Item] = []
        wanted: set[str] = set()  # the images the documents show
        for doc in each_document(guide, KeptDocuments(last, kept[1]) if last is not None and kept else None):
            book.add(f"OEBPS/{doc.name}", doc.xhtml.encode())
            items.append(Item(_id(doc.name), doc.name, "application/xhtml+xml", b"", doc.properties))
            wanted.update(images(doc.xhtml))
            listed.append(replace(doc, xhtml=""))
        nav = Item("nav", "nav.xhtml", "application/xhtml+xml", _nav(guide, listed).encode(), "nav")
        rest = [Item("css", "css/epub.css", "text/css", (TEMPLATES_DIR / "epub" / "epub.css").read_bytes())]
        rest += [Item(_id(f), f"fonts/{f}", "font/woff", (FONTS / f).read_bytes()) for f in FONT_FILES]
        rest += _images(guide, sorted(wanted))
        for item in (nav, *rest):
            book.add(f"OEBPS/{item.href}", item.data)
        spine = [items[0], nav, *items[1:]]  # title page, contents, then the text
        manifest = [nav, *items, *rest]
        book.add(
            "OEBPS/package.opf",
            _package(guide, manifest, spine, date, any(d.properties == "svg" for d in listed)).encode(),
        )


def _id(name: str) -> str:
    """A manifest id (an XML name) from a file name."""
    return "i-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in name)


def _nav(guide: Guide, docs: list[Document]) -> str:
    entries: list[dict[str, object]] = []
    for doc in docs:
        if doc.level == 2 and entries:
            children = entries[-1]["children"]
            assert isinstance(children, list)
            children.append(doc)
        else:
            entries.append({"doc": doc, "children": []})
    title = messages_for(guide.config).gettext("Contents")
    return render(guide, "nav.xhtml.j2", title, entries=entries, start=docs[1].title)


def _images(guide: Guide, wanted: list[str]) -> list[Item]:
    """The content images the documents show (PNG, JPEG, GIF: formats every reader can show)."""
    root = guide.content_dir.resolve()
    found = []
    for src in wanted:
        path = (guide.content_dir / src).resolve()
        kind = IMAGE_TYPES.get(path.suffix.lower())
        if kind and path.is_relative_to(root) and path.is_file():
            found.append(Item(_id(src), src, kind, path.read_bytes()))
    return found


def _package(guide: Guide, items: list[Item], spine: list[Item], date: str | None, figures: bool) -> str:
    config = guide.config
    name = config.site_url or f"guidegen:{config.slug}"
    return (
        environment("epub")
        .get_template("package.opf.j2")
        .render(
            config=config,
            identifier=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}",
            modified=date or DEFAULT_MODIFIED,
            has_figures=figures,
            summary=SUMMARY if figures else SUMMARY.split(" The one picture")[0] + " No flashing, sound or motion.",
            items=items,
            spine=spine,
        )
    )


class _Book:
    """The zip as EPUB needs it: mimetype first and stored; every entry with the same date (the
    book's, never the clock's; zip cannot go before 1980) and mode."""

    def __init__(self, archive: zipfile.ZipFile, date: str) -> None:
        year, month, day, hour, minute, second = (int(n) for n in re.findall(r"\d+", date)[:6])
        self.archive = archive
        self.stamp = (year, month, day, hour, minute, second & ~1) if year >= 1980 else (1980, 1, 1, 0, 0, 0)
        _add(archive, self.stamp, "mimetype", b"application/epub+zip", zipfile.ZIP_STORED)
        _add(archive, self.stamp, "META-INF/container.xml", (TEMPLATES_DIR / "epub" / "container.xml").read_bytes())

    def add(self, name: str, data: bytes) -> None:
        _add(self.archive, self.stamp, name, data)


def _add(
    archive: zipfile.ZipFile,
    stamp: tuple[int, int, int, int, int, int],
    name: str,
    data: bytes,
    method: int = zipfile.ZIP_DEFLATED,
) -> None:
    info = zipfile.ZipInfo(name, stamp)
    info.compress_type = method
    info.external_attr = 0o644 << 16
    archive.writestr(info, data, compresslevel=9 if method == zipfile.ZIP_DEFLATED else None)
