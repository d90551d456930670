"""Built websites compared file by file: a preview's pages must match a full build of the same
guide. full_site makes that build (the source, or one of its translations); site_files reads any
built site in a form two builds can be compared in.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.content.loader import load_guide
from generator.content.translations import translated_guide
from generator.preview.quick_site import SEARCH_INDEX
from generator.site.project import run_mkdocs, write_mkdocs_project


def full_site(guide: Path, folder: Path, translation: int | None = None) -> Path:
    """The guide built from scratch into folder/site (a fresh load, a fresh project): the source,
    or the translation at that place in site_config.yml's `translations`."""
    source = load_guide(guide)
    built = source if translation is None else translated_guide(source, source.config.translations[translation])
    run_mkdocs(write_mkdocs_project(built, folder / "mkdocs"), folder / "site")
    return folder / "site"


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, with the search index by entry: the index lists
    its entries in the order the pages were built, which a preview and a full build differ in."""
    found = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    index = json.loads(found.pop(SEARCH_INDEX.as_posix()))
    found[SEARCH_INDEX.as_posix()] = json.dumps(sorted(json.dumps(d, sort_keys=True) for d in index["docs"])).encode()
    found.pop("sitemap.xml.gz", None)  # gzip's header carries the time it was written
    return found
