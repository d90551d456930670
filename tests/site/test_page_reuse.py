"""The rebuild's MkDocs plugin: only changed pages are remade, never written through a shared
file, and the search index keeps the other pages' entries in the full build's order.
(The whole rebuild against a full build: tests/builder/test_site_reuse.py.)"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace

from jinja2 import DictLoader, Environment

from generator.site.page_reuse import PageReuse


class Files(list[SimpleNamespace]):
    def documentation_pages(self) -> list[SimpleNamespace]:
        return [file for file in self if file.page is not None]


def test_changed_pages_are_unlinked_and_the_index_keeps_the_others_in_order(tmp_path: Path) -> None:
    docs, site, last = tmp_path / "docs", tmp_path / "site", tmp_path / "last"
    for folder in (docs, site / "search", last):
        folder.mkdir(parents=True)
    previous = [
        {"location": "", "title": "Home"},
        {"location": "a/", "title": "A"},
        {"location": "a/#old", "title": "Old section"},
        {"location": "b/", "title": "B"},
    ]
    (site / "search" / "search_index.json").write_text(json.dumps({"config": {}, "docs": previous}))
    files = Files()
    for name, url in (("index", ""), ("a", "a/"), ("b", "b/")):
        (docs / f"{name}.md").write_text(name)
        (last / f"{name}.html").write_text("last build")
        os.link(last / f"{name}.html", site / f"{name}.html")  # shared with the last build
        page = SimpleNamespace(url=url)
        files.append(
            SimpleNamespace(
                src_dir=str(docs),
                src_uri=f"{name}.md",
                abs_src_path=str(docs / f"{name}.md"),
                abs_dest_path=str(site / f"{name}.html"),
                page=page,
                url=url,
            )
        )
    theme_file = SimpleNamespace(
        src_dir=str(tmp_path),
        src_uri="theme.js",
        abs_src_path=str(tmp_path / "theme.js"),
        abs_dest_path=str(site / "theme.js"),
        page=None,
        url="theme.js",
    )
    files.append(theme_file)
    for name in ("404.html", "sitemap.xml"):  # show only the frame: the last build's are kept
        (last / name).write_text("last build")
        os.link(last / name, site / name)
    static_templates = {"404.html", "sitemap.xml"}
    fresh = [{"location": "a/", "title": "A"}, {"location": "a/#new", "title": "New section"}]
    search = SimpleNamespace(search_index=SimpleNamespace(entries=fresh))
    config = SimpleNamespace(
        site_dir=str(site),
        docs_dir=str(docs),
        theme=SimpleNamespace(static_templates=static_templates),
        plugins={"search": search},
    )
    reuse = PageReuse(["a.md"])
    reuse.on_pre_build(config)
    reuse.on_files(files, config)
    env = Environment(loader=DictLoader({"page.html": "{{ 1 + 1 }}"}))
    reuse.on_env(env, config, files)
    reuse.on_post_build(config)
    assert [file.is_modified() for file in files] == [False, True, False, False]
    assert not (site / "a.html").exists()  # unlinked, to be written anew
    assert (last / "a.html").read_text() == "last build"
    assert reuse.written == [site / "a.html"]
    assert static_templates == set()  # MkDocs renders none of them
    assert os.path.samefile(site / "404.html", last / "404.html")
    assert os.path.samefile(site / "sitemap.xml", last / "sitemap.xml")
    assert [entry["location"] for entry in search.search_index.entries] == ["", "a/", "a/#new", "b/"]
