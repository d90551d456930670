"""Built site for file:// + every PDF -> one deterministic zip for a USB stick.

The site is rebuilt with directory URLs off, mkdocs-material's offline plugin and the
iframe-worker shim shipped locally (see site.write_mkdocs_project(offline=True)), so
search and navigation work from a double-clicked index.html with no network.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.model import Guide
from ..content.source_date import epoch_or_default
from ..site.downloads import epub_name
from .zip_members import LastZip, MemberCopier

if TYPE_CHECKING:
    from ..site.pages import SitePage

ZIP_EPOCH_MIN = 315532800  # zip cannot store dates before 1980
CHUNK = 1 << 20  # bytes of a file read at a time into the zip
LEFT_OUT = {"404.html"}  # MkDocs' 404 page links to /assets from the root: broken from file://

README = """{title}
{underline}

This folder holds the whole guide, ready to use without the internet.

How to open it
1. Copy the zip file to your computer or a USB stick and unzip it ("Extract all").
2. Open the unzipped folder and double-click index.html.
   It opens in your web browser. No internet connection is needed.

What is inside
- index.html and the other pages: the guide, with search.
- pdf/: printable handouts you can also fill in on screen{booklet}
{variants}
Published by {organisation} under {licence}.
"""


# What else pdf/ holds for each audience (the participants' guide has no booklet and no packs).
PDF_EXTRAS = {
    "facilitators": ", and guide.pdf,\n  the whole guide as one booklet;"
    " sessions/ holds each session's agenda and pack.",
    "participants": "; sessions/ holds each session's agenda.",
}

VARIANT_LINES = {
    "a5-booklet": "- pdf/guide-a5-booklet.pdf: the booklet to print double-sided on {paper}\n"
    "  (flip on the short edge), fold in half and staple.\n",
    "large-print": "- pdf/large-print/: every handout and the booklet in large print.\n",
    "epub": "- pdf/{epub}: the guide as an e-book for a phone, tablet or e-reader.\n",
    "easy-read": "- pdf/{slug}-easy-read.pdf: the key pages in Easy Read, short sentences with pictures\n"
    "  (easy-read/index.html on the website).\n",
}


def bundle_name(guide: Guide) -> str:
    return f"{guide.config.slug}-offline.zip"


def write_offline_project(
    guide: Guide,
    project: Path,
    *,
    handouts: Mapping[str, str],
    pdf_dir: Path | None,
    pdfs_later: bool = False,
    engine: str = "mkdocs",
    pages: Sequence[SitePage] | None = None,
    same: Callable[[Path, bytes], bool] | None = None,
) -> Path:
    """The MkDocs project for the file:// variant of the site (cheap: no MkDocs import).
    pages: the website's (site.project.site_pages), when the caller made them already; same:
    see site.project.write_mkdocs_project."""
    from ..site.project import write_mkdocs_project

    return write_mkdocs_project(
        guide,
        project,
        offline=True,
        handouts=handouts or None,
        pdf_dir=pdf_dir,
        pdfs_later=pdfs_later,
        engine=engine,
        pages=pages,
        same=same,
    )


def build_offline_site(guide: Guide, config_file: Path, site_dir: Path, engine: str = "mkdocs") -> None:
    """Run the website engine on the offline project, unlink web links and add README.txt."""
    from ..site.project import run_engine

    run_engine(config_file, site_dir, engine)
    finish_offline_site(guide, site_dir)


def finish_offline_site(guide: Guide, site_dir: Path, pages: Iterable[Path] | None = None) -> None:
    """Unlink web links in the pages the engine wrote (None: every page) and add README.txt.
    The pages it did not write were finished by the last build (and are shared with it)."""
    for page in sorted(site_dir.rglob("*.html")) if pages is None else pages:
        page.write_text(unlink_external(page.read_text(encoding="utf-8")), encoding="utf-8")
    (site_dir / "README.txt").unlink(missing_ok=True)  # never written through a link
    (site_dir / "README.txt").write_text(_readme(guide), encoding="utf-8")


def make_bundle(guide: Guide, config_file: Path, site_dir: Path, bundle: Path) -> None:
    """The offline site, zipped (when the PDFs are already in the project)."""
    build_offline_site(guide, config_file, site_dir)
    write_zip(site_dir, bundle, folder=guide.config.slug + "-offline")


EXTERNAL_LINK = re.compile(r'<a\s[^>]*?href="(https?://[^"]+)"[^>]*>(.*?)</a>', re.DOTALL)


def unlink_external(html: str) -> str:
    """Web links cannot work from a USB stick: show the address as text instead.

    Every href left in the bundle then points at a file inside it.
    """
    return EXTERNAL_LINK.sub(lambda m: f'{m.group(2)} <span class="web-address">({m.group(1)})</span>', html)


def _readme(guide: Guide) -> str:
    config = guide.config
    return README.format(
        title=config.title,
        underline="=" * len(config.title),
        organisation=config.organisation,
        licence=config.licence.name,
        booklet=PDF_EXTRAS[guide.audience] if guide.sessions else PDF_EXTRAS[guide.audience].split(";")[0] + ".",
        variants="".join(
            VARIANT_LINES[name].format(slug=config.slug, paper=config.paper, epub=epub_name(guide))
            for name in config.variants
            if name != "easy-read" or guide.easy_read  # made only for a guide with Easy Read texts
        ),
    )


def _files(site_dir: Path) -> Iterator[Path]:
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir)
        if path.is_file() and not path.is_symlink() and rel.as_posix() not in LEFT_OUT:
            yield path


def _timestamp() -> tuple[int, int, int, int, int, int]:
    epoch = max(epoch_or_default(), ZIP_EPOCH_MIN)
    moment = time.gmtime(epoch)
    return (moment.tm_year, moment.tm_mon, moment.tm_mday, moment.tm_hour, moment.tm_min, moment.tm_sec & ~1)


def write_zip(
    site_dir: Path,
    bundle: Path,
    *,
    folder: str,
    last: LastZip | None = None,
    known: Callable[[Path], str | None] | None = None,
) -> None:
    """Sorted entries, one fixed timestamp and fixed permissions: same input, same bytes.
    last: the last build's zip, whose unchanged members are copied rather than compressed again;
    known: a file's content hash when the caller already knows it (then it is not read to be
    compared with the last zip's, only copied from it)."""
    stamp = _timestamp()
    copier = MemberCopier(last) if last is not None else None
    try:
        with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in _files(site_dir):
                info = zipfile.ZipInfo(member_name(folder, path.relative_to(site_dir).as_posix()), date_time=stamp)
                info.external_attr = 0o644 << 16
                packed = path.suffix in (".pdf", ".woff2", ".png")  # already compressed
                info.compress_type = zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED
                info.create_system = 3
                digest = known(path) if known is not None and copier is not None else None
                if digest is not None and copier is not None and copier.copy(archive, info, digest):
                    continue
                if copier is None or not copier.copy(archive, info, _digest(path)):
                    _write_member(archive, info, path)
    finally:
        if copier is not None:
            copier.close()


def _digest(path: Path) -> str:
    """sha256 of a file, read a piece at a time."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _write_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> None:
    """A file into the zip a piece at a time, not read whole: at 2,000 activities a booklet is
    some 50 MB (three of them), held twice over when read whole. The same bytes as writestr,
    which is open(info, "w") after setting the size, that is known here before writing."""
    info.file_size = path.stat().st_size
    with path.open("rb") as source, archive.open(info, "w") as member:
        shutil.copyfileobj(source, member, CHUNK)


def member_name(folder: str, rel: str) -> str:
    """The zip member of a file of the offline site (rel: its path in the site)."""
    return f"{folder}/{rel}"
