"""The restricted URL fetcher: WeasyPrint may read only the guide's own files and data: URLs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from helpers.pdfcheck import render_all
from weasyprint import CSS, HTML

from generator.content.loader import load_guide
from generator.content.model import Guide
from generator.errors import ContentError
from generator.pdf.fetcher import GuideFetcher, RefusedReference
from generator.pdf.job_list import pdf_jobs
from generator.pdf.job_render import render_job

pytestmark = pytest.mark.slow
SECRET = "top-secret-marker-7f3a"


@pytest.fixture
def guide_dir(tmp_path: Path) -> Path:
    """A content/ folder with one allowed image, and a secret file next to it (outside content/)."""
    content = tmp_path / "content"
    (content / "assets").mkdir(parents=True)
    (content / "assets" / "ok.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    (tmp_path / "secret.txt").write_text(SECRET)
    return tmp_path


def render(html: str, root: Path, fetcher: GuideFetcher) -> bytes | None:
    """Render like pdf.render_job does; None when the fetcher stopped the render."""
    try:
        document = HTML(string=html, base_url=(root / "content").as_uri() + "/", url_fetcher=fetcher)
        return document.write_pdf(stylesheets=[CSS(string="p { color: black }", url_fetcher=fetcher)])
    except RefusedReference:
        return None


@pytest.mark.parametrize(
    ("reference", "reason"),
    [
        ("file:///etc/hostname", "outside the guide's content/ folder"),
        ("../secret.txt", "outside the guide's content/ folder"),
        ("assets/../../secret.txt", "outside the guide's content/ folder"),
        ("file:///{root}/content/../secret.txt", "'..' is not allowed"),
        ("assets", "not an ordinary file"),
        ("https://example.org/logo.png", "not web addresses"),
    ],
)
def test_references_outside_the_guide_are_refused(guide_dir: Path, reference: str, reason: str) -> None:
    fetcher = GuideFetcher([guide_dir / "content"])
    reference = reference.replace("/{root}", str(guide_dir))
    pdf = render(f'<p>Hello</p><img src="{reference}" alt="x">', guide_dir, fetcher)
    assert pdf is None
    assert [reason in r.reason for r in fetcher.refused] == [True]
    assert fetcher.served == []


def test_nothing_is_requested_from_a_web_server(guide_dir: Path, web_server: Any) -> None:
    server = web_server.url
    fetcher = GuideFetcher([guide_dir / "content"])
    for html in (
        f'<img src="{server}/a.svg">',
        f'<link rel="stylesheet" href="{server}/a.css"><p>x</p>',
        f'<link rel="attachment" href="{server}/a.txt"><p>x</p>',
    ):
        assert render(html, guide_dir, fetcher) is None
    css = f'@import url("{server}/b.css"); p {{ background: url("{server}/c.png") }}'
    with pytest.raises(RefusedReference):
        HTML(string="<p>x</p>", url_fetcher=fetcher).write_pdf(stylesheets=[CSS(string=css, url_fetcher=fetcher)])
    assert web_server.requests == []
    assert len(fetcher.refused) == 4
    assert all(r.url.startswith(server) for r in fetcher.refused)


def test_a_refused_reference_inside_an_svg_is_still_reported(guide_dir: Path) -> None:
    """Drawing an SVG swallows even fatal errors, so the fetcher's record is what counts."""
    fetcher = GuideFetcher([guide_dir / "content"])
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><image href="{guide_dir}/secret.txt"/></svg>'
    (guide_dir / "content" / "assets" / "bad.svg").write_text(svg)
    pdf = render('<img src="assets/bad.svg" alt="x">', guide_dir, fetcher)
    # the SVG itself is refused for its outside reference (before anything in it is fetched)
    assert [r.url.rsplit("/", 1)[-1] for r in fetcher.refused] == ["bad.svg"]
    assert "secret.txt" in fetcher.refused[0].reason
    assert pdf is None or SECRET.encode() not in pdf


def test_symlinks_and_big_files_are_refused(guide_dir: Path) -> None:
    assets = guide_dir / "content" / "assets"
    os.symlink(guide_dir / "secret.txt", assets / "link.svg")
    (assets / "big.svg").write_bytes(b" " * 2048)
    fetcher = GuideFetcher([guide_dir / "content"], max_bytes=1024)
    assert render('<img src="assets/link.svg" alt="x">', guide_dir, fetcher) is None
    assert render('<img src="assets/big.svg" alt="x">', guide_dir, fetcher) is None
    reasons = [r.reason for r in fetcher.refused]
    assert "outside" in reasons[0] and "larger than" in reasons[1]


def test_files_inside_content_and_data_urls_are_served(guide_dir: Path) -> None:
    fetcher = GuideFetcher([guide_dir / "content"])
    data = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/%3E"
    pdf = render(f'<img src="assets/ok.svg" alt="ok"><img src="{data}" alt="data">', guide_dir, fetcher)
    assert pdf is not None and pdf.startswith(b"%PDF")
    assert fetcher.refused == []
    assert fetcher.served == [(guide_dir / "content" / "assets" / "ok.svg").resolve()]


def test_content_pointing_at_etc_hostname_fails_to_load_with_file_and_line(guide_copy: Path) -> None:
    page = guide_copy / "content" / "pages" / "what-is-peer-leadership.md"
    page.write_text(page.read_text() + "\n![x](file:///etc/hostname)\n")
    with pytest.raises(ContentError) as caught:
        load_guide(guide_copy)
    report = caught.value.report()
    assert "content/pages/what-is-peer-leadership.md:" in report and "file:///etc/hostname" in report


def sneak_image(guide: Guide, target: str) -> Guide:
    """A guide whose first page has an image the loader would refuse: the PDF stage must refuse it too."""
    page = guide.pages[0]
    path = guide.root / page.source
    # The same line in the file and in the page's body (which ends where the file ends), as the
    # loader would have read it: problems are located in the body, from the line it starts on.
    line = f"See ![diagram]({target}) here."
    path.write_text(path.read_text().rstrip("\n") + f"\n\n{line}\n")
    sneaky = page.model_copy(update={"body": page.body.rstrip("\n") + f"\n\n{line}\n"})
    return guide.model_copy(update={"pages": (sneaky, *guide.pages[1:])})


def test_the_booklet_build_fails_with_file_and_line_and_writes_nothing(guide_copy: Path, tmp_path: Path) -> None:
    (guide_copy / "secret.txt").write_text(SECRET)
    guide = sneak_image(load_guide(guide_copy), "assets/../../secret.txt")
    out = tmp_path / "out"
    with pytest.raises(ContentError) as caught:
        render_all(guide, out)
    [problem] = caught.value.problems
    lines = (guide.root / guide.pages[0].source).read_text().splitlines()
    assert problem.path == guide.pages[0].source
    assert "../secret.txt" in lines[problem.line - 1]
    assert "secret.txt" in problem.message and "outside the guide's content/ folder" in problem.message
    assert "Traceback" not in caught.value.report()
    assert not out.exists() or list(out.iterdir()) == []


def test_handouts_do_not_use_pages_so_they_still_build(guide_copy: Path) -> None:
    guide = sneak_image(load_guide(guide_copy), "assets/../../secret.txt")
    handout = next(job for job in pdf_jobs(guide) if job.kind == "handout")
    assert render_job(guide, handout).startswith(b"%PDF")
