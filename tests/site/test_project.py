"""The MkDocs project writer: generated Markdown, mkdocs.yml, assets and handout links.

No MkDocs run here (see test_project_build.py); these tests read the files the writer produces.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from pypdf import PdfWriter

from generator.common.colour import WHITE, contrast, parse_hex
from generator.common.svg import sanitise
from generator.content.loader import load_guide
from generator.content.model import Brand, Guide
from generator.site.brand import palette
from generator.site.pages import Links, duration
from generator.site.project import pdf_files, site_pages, write_mkdocs_project, write_pdf_files

DOWNLOAD = "Download the handout (PDF, fillable)"


def write(guide: Guide, tmp_path: Path, **kwargs: object) -> Path:
    return write_mkdocs_project(guide, tmp_path / "project", **kwargs)  # type: ignore[arg-type]


def docs_text(config: Path) -> dict[str, str]:
    docs = config.parent / "docs"
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}


def make_pdfs(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        writer = PdfWriter()
        writer.add_blank_page(width=595, height=842)
        with (folder / name).open("wb") as out:
            writer.write(out)
    return folder


def test_generated_markdown_matches_expected_files(
    sample_guide: Guide, tmp_path: Path, check_expected: Callable[[str, str], None]
) -> None:
    config = write(sample_guide, tmp_path)
    pages = docs_text(config)
    check_expected("first-steps.md", pages["first-steps.md"])
    check_expected("activities-circles.md", pages["activities/circles.md"])
    check_expected("mkdocs.yml", config.read_text(encoding="utf-8"))


def test_one_page_per_content_page_and_activity_plus_home_skills_and_index(
    default_guide: Guide, tmp_path: Path
) -> None:
    pages = docs_text(write(default_guide, tmp_path))
    expected = {"index.md", "skills.md", "activities/index.md"}
    expected |= {f"{p.id}.md" for p in default_guide.pages}
    expected |= {f"activities/{a.id}.md" for a in default_guide.activities}
    expected |= {f"sessions/{s.id}.md" for s in default_guide.sessions} | {"sessions/index.md", "sessions/planner.md"}
    expected |= {f"easy-read/{e.id}.md" for e in default_guide.easy_read} | {"easy-read/index.md"}
    assert set(pages) == expected


def test_mkdocs_yml_is_data_so_colons_and_quotes_survive(sample_guide: Guide, tmp_path: Path) -> None:
    config = yaml.safe_load(write(sample_guide, tmp_path).read_text(encoding="utf-8"))
    assert config["site_name"] == "Sharing the work: a &quot;small&quot; guide & notes"
    assert config["site_description"] == "Test guide: colons, &quot;quotes&quot; and ampersands & more."
    assert {"Circles: what matters?": "activities/circles.md"} in config["nav"][-1]["Activities"]
    assert config["theme"]["font"] is False
    assert config["extra"]["generator"] is False
    assert config["extra"]["guide"]["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"


def test_hosted_and_offline_variants_differ_only_where_file_urls_need_it(default_guide: Guide, tmp_path: Path) -> None:
    hosted = yaml.safe_load(write(default_guide, tmp_path / "a").read_text(encoding="utf-8"))
    offline_path = write(default_guide, tmp_path / "b", offline=True)
    offline = yaml.safe_load(offline_path.read_text(encoding="utf-8"))
    assert hosted["use_directory_urls"] is True and offline["use_directory_urls"] is False
    assert "offline" not in hosted["plugins"] and "offline" in offline["plugins"]
    assert "polyfills" not in hosted["extra"]
    (shim,) = offline["extra"]["polyfills"]
    assert "iframe-worker" in shim
    assert b"IFrameWorker" in (offline_path.parent / "docs" / shim).read_bytes()
    assert not (tmp_path / "a" / "project" / "docs" / shim).exists()


def test_pages_made_once_are_written_as_each_project_would_make_them(default_guide: Guide, tmp_path: Path) -> None:
    # The build makes the pages once for the website and the offline site (builder/pipeline.py).
    handouts = {a.id: f"{a.id}.pdf" for a in default_guide.activities}
    pages = site_pages(default_guide, handouts)
    for offline in (False, True):
        settings = {"offline": offline, "handouts": handouts, "pdfs_later": True}
        own = write(default_guide, tmp_path / f"own-{offline}", **settings)
        given = write(default_guide, tmp_path / f"given-{offline}", **settings, pages=pages)
        assert docs_text(given) == docs_text(own)
        assert given.read_bytes() == own.read_bytes()  # mkdocs.yml: the same navigation
    assert len(docs_text(own)) == len(pages)


def test_pages_written_elsewhere_leave_every_other_file_as_it_was(default_guide: Guide, tmp_path: Path) -> None:
    # The live preview writes the pages' Markdown itself, only where it changed (preview/quick_site.py).
    pages = site_pages(default_guide)
    whole = write(default_guide, tmp_path / "whole", pages=pages)
    rest = write(default_guide, tmp_path / "rest", pages=pages, pages_elsewhere=True)

    def files(config: Path) -> dict[str, bytes]:
        return {
            p.relative_to(config.parent).as_posix(): p.read_bytes() for p in config.parent.rglob("*") if p.is_file()
        }

    markdown = {f"docs/{page.path}": page.markdown.encode() for page in pages}
    assert files(rest) == {name: data for name, data in files(whole).items() if name not in markdown}
    assert {name: files(whole)[name] for name in markdown} == markdown  # as the preview writes them


def test_the_files_filled_in_later_share_one_empty_file_and_are_never_written_through(
    default_guide: Guide, tmp_path: Path
) -> None:
    # The build writes the project before the PDFs exist (builder/pipeline.py): one empty file,
    # linked under every name, costs the file system one new file instead of one per PDF.
    handouts = {a.id: f"{a.id}.pdf" for a in default_guide.activities}
    config = write(default_guide, tmp_path, handouts=handouts, pdfs_later=True)
    docs = config.parent / "docs"
    later = [docs / rel for rel in pdf_files(default_guide, handouts)]
    assert len(later) > len(handouts)  # the PDFs and the circles' scripts made from them
    assert {path.stat().st_ino for path in later} == {later[0].stat().st_ino}
    assert later[0].stat().st_nlink == len(later) and later[0].read_bytes() == b""
    # Filled in one by one (each PDF different): had one been written through its link, every
    # name would show the last one's bytes.
    pdf_dir = tmp_path / "pdf"
    pdf_dir.mkdir()
    for number, name in enumerate(sorted(handouts.values())):
        writer = PdfWriter()
        writer.add_blank_page(width=200 + number, height=842)
        with (pdf_dir / name).open("wb") as out:
            writer.write(out)
    write_pdf_files(default_guide, handouts, pdf_dir, docs)
    for name in handouts.values():
        assert (docs / "pdf" / name).read_bytes() == (pdf_dir / name).read_bytes()
    assert len({(docs / "pdf" / name).read_bytes() for name in handouts.values()}) == len(handouts)


def test_links_are_relative_to_the_page_being_written() -> None:
    top, nested = Links("index.md"), Links("activities/circles.md")
    assert top.to("page", "first-steps") == "first-steps.md"
    assert nested.to("page", "first-steps") == "../first-steps.md"
    assert nested.resolve("page", "first-steps", "later-on") == "../first-steps.md#later-on"
    assert top.to("skill", "listening") == "skills.md#listening"
    assert nested.to("skill", "listening") == "../skills.md#listening"
    assert top.to("activity", "tasks") == "activities/tasks.md"
    assert nested.to("activity", "tasks") == "tasks.md"


def test_content_markup_is_neutralised_and_link_text_escaped() -> None:
    links = Links("index.md")
    assert str(links.md("<script>alert(1)</script> [x](javascript:void)")) == ("&lt;script>alert(1)&lt;/script> [x](#)")
    assert str(links.label("A [bracket] title")) == r"A \[bracket\] title"
    assert str(links.md("one\ntwo", indent=4)) == "one\n    two"


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(1, "1 minute"), (45, "45 minutes"), (60, "1 hour"), (90, "1 hour 30 minutes"), (121, "2 hours 1 minute")],
)
def test_durations_in_words(minutes: int, words: str) -> None:
    assert duration(minutes) == words


def test_no_handouts_means_no_download_links_and_no_pdf_folder(default_guide: Guide, tmp_path: Path) -> None:
    config = write(default_guide, tmp_path)
    pages = docs_text(config)
    assert not any("Download" in text or "pdf/" in text for text in pages.values())
    assert not (config.parent / "docs" / "pdf").exists()


def test_handouts_switch_on_download_links_and_copy_the_pdfs(default_guide: Guide, tmp_path: Path) -> None:
    handouts = {a.id: f"{a.id}.pdf" for a in default_guide.activities} | {"guide": "guide.pdf"}
    pdf_dir = make_pdfs(tmp_path / "pdf", sorted(set(handouts.values())))
    config = write(default_guide, tmp_path, handouts=handouts, pdf_dir=pdf_dir)
    pages = docs_text(config)
    for activity in default_guide.activities:
        assert f"[{DOWNLOAD}](../pdf/{activity.id}.pdf)" in pages[f"activities/{activity.id}.md"]
    assert "(pdf/guide.pdf)" in pages["index.md"]
    assert "(pdf/skills-self-check.pdf)" in pages["skills.md"]
    copied = sorted(p.name for p in (config.parent / "docs" / "pdf").iterdir())
    assert copied == sorted(set(handouts.values()))


def test_an_a3_poster_is_linked_when_given(default_guide: Guide, tmp_path: Path) -> None:
    handouts = {"good-facilitation": "good-facilitation.pdf", "good-facilitation:a3": "good-facilitation-a3.pdf"}
    pdf_dir = make_pdfs(tmp_path / "pdf", sorted(handouts.values()))
    pages = docs_text(write(default_guide, tmp_path, handouts=handouts, pdf_dir=pdf_dir))
    assert "[Download the A3 poster (PDF)](../pdf/good-facilitation-a3.pdf)" in pages["activities/good-facilitation.md"]
    assert "A3 poster" not in pages["activities/types-of-leadership.md"]


def test_only_the_handouts_given_are_linked(default_guide: Guide, tmp_path: Path) -> None:
    pdf_dir = make_pdfs(tmp_path / "pdf", ["good-facilitation.pdf"])
    pages = docs_text(
        write(default_guide, tmp_path, handouts={"good-facilitation": "good-facilitation.pdf"}, pdf_dir=pdf_dir)
    )
    assert DOWNLOAD in pages["activities/good-facilitation.md"]
    assert DOWNLOAD not in pages["activities/types-of-leadership.md"]
    assert "Download" not in pages["index.md"] and "Download" not in pages["skills.md"]


@pytest.mark.parametrize("name", ["../evil.pdf", "notes.txt", "sub/dir.pdf"])
def test_handout_names_must_be_plain_pdf_file_names(default_guide: Guide, tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="plain file name"):
        write(default_guide, tmp_path, handouts={"good-facilitation": name}, pdf_dir=tmp_path)


def test_handouts_need_their_folder(default_guide: Guide, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pdf_dir"):
        write(default_guide, tmp_path, handouts={"guide": "guide.pdf"})


def test_rewriting_removes_pages_that_no_longer_exist(sample_root: Path, tmp_path: Path) -> None:
    guide_dir = shutil.copytree(sample_root, tmp_path / "guide")
    write(load_guide(guide_dir), tmp_path)
    (guide_dir / "content" / "activities" / "tasks.yml").unlink()
    circles = guide_dir / "content" / "activities" / "circles.yml"
    circles.write_text(circles.read_text().replace("next: tasks\n", "").replace("activity:tasks", "page:first-steps"))
    pages = docs_text(write(load_guide(guide_dir), tmp_path))
    assert "activities/tasks.md" not in pages
    assert "This activity does not lead into another one" in pages["activities/circles.md"]


def test_content_assets_are_copied_but_symlinks_are_not_followed(sample_root: Path, tmp_path: Path) -> None:
    guide_dir = shutil.copytree(sample_root, tmp_path / "guide")
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    (guide_dir / "content" / "assets" / "link.txt").symlink_to(secret)
    docs = write(load_guide(guide_dir), tmp_path).parent / "docs"
    original = (sample_root / "content" / "assets" / "mark.svg").read_bytes()
    assert (docs / "assets" / "mark.svg").read_bytes() == sanitise(original)  # SVGs pass the allow-list
    assert not (docs / "assets" / "link.txt").exists()


def test_site_assets_fonts_and_brand_css_are_written(sample_guide: Guide, tmp_path: Path) -> None:
    assets = write(sample_guide, tmp_path).parent / "docs" / "assets" / "guidegen"
    fonts = sorted(p.name for p in (assets / "fonts").glob("*.woff2"))
    assert len(fonts) == 8  # 400 and 700, normal and italic, latin and latin-ext
    font_css = (assets / "fonts.css").read_text()
    assert all(name in font_css for name in fonts)
    assert "unicode-range" in font_css and "http" not in font_css
    brand = (assets / "brand.css").read_text()
    assert "--md-primary-fg-color: #ffd700;" in brand
    assert "--md-primary-bg-color: #000000;" in brand  # black text reads better on yellow


@pytest.mark.parametrize("colour", ["#ffd700", "#ff9900", "#ffffff", "#1d4e89", "#8a1c7c", "#0f0", "#777777"])
def test_every_brand_colour_gives_readable_text(colour: str) -> None:
    colours = palette(Brand(primary=colour, accent=colour))
    assert contrast(parse_hex(colours.link), WHITE) >= 4.5
    assert contrast(parse_hex(colours.primary_text), WHITE) >= 4.5
    assert contrast(parse_hex(colours.footer), WHITE) >= 7
    assert contrast(parse_hex(colours.on_primary), parse_hex(colours.primary)) >= 4.5
    assert contrast(parse_hex(colours.on_link), parse_hex(colours.link)) >= 4.5


def test_brand_colours_that_already_pass_are_kept(default_guide: Guide) -> None:
    colours = palette(default_guide.config.brand)
    assert colours.link == default_guide.config.brand.accent
    assert colours.primary_text == default_guide.config.brand.primary
