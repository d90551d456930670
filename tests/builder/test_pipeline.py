"""The build as a whole: atomic, incremental and deterministic (issue: fast, incremental, atomic builds)."""

from __future__ import annotations

import ast
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.builder.pipeline import BuildOptions, build
from generator.content.loader import load_guide
from generator.errors import ContentError
from generator.pdf.html import booklet_parts
from generator.pdf.job_list import pdf_jobs
from generator.pdf.job_render import render_job

pytestmark = pytest.mark.slow
MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below folder, by relative path, with the hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def minimal_copy(dest: Path) -> Path:
    shutil.copytree(MINIMAL, dest)
    return dest


def quiet(**kwargs: object) -> BuildOptions:
    return BuildOptions(quiet=True, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def built_once(minimal_build: Path) -> Path:
    """The session's full build of the minimal guide (conftest.minimal_build): read, never changed."""
    return minimal_build


def test_full_build_writes_every_output(built_once: Path) -> None:
    out = built_once / "build"
    assert (out / "site" / "index.html").is_file()
    assert {p.name for p in (out / "pdf").iterdir()} == {
        "circles.pdf",
        "circles-a3.pdf",
        "questions.pdf",
        "guide.pdf",
        "guide-a5-booklet.pdf",
        "large-print",
    }
    assert {p.name for p in (out / "pdf" / "large-print").iterdir()} == {"circles.pdf", "questions.pdf", "guide.pdf"}
    assert (out / "small-guide-offline.zip").is_file()
    assert (out / "small-guide.epub").is_file()
    # The workers' HTML files (builder/pdfs.py) are gone before the build is swapped in.
    assert not (out / ".pdf-html").exists()
    home = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert all(
        f'href="pdf/{name}"' in home for name in ("guide-a5-booklet.pdf", "large-print/guide.pdf", "small-guide.epub")
    )
    assert (out / "site" / "pdf" / "small-guide.epub").read_bytes() == (out / "small-guide.epub").read_bytes()
    assert not list(built_once.glob(".build-staging-*"))


def test_noop_rebuild_renders_nothing(tmp_path: Path, built_once: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(built_once, guide)
    before = snapshot(guide / "build")
    report = build(guide, quiet())
    assert report.built == [] and report.sections[0] == 0
    assert set(report.reused) >= {"circles.pdf", "circles-a3.pdf", "questions.pdf", "guide.pdf", "the website"}
    assert snapshot(guide / "build") == before


def test_noop_rebuild_imports_neither_engine(tmp_path: Path, built_once: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(built_once, guide)
    code = (
        "import sys; from pathlib import Path; from generator.builder.pipeline import build, BuildOptions; "
        "build(Path(sys.argv[1]), BuildOptions(quiet=True)); "
        "print(sorted(m for m in ('weasyprint', 'mkdocs', 'material') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code, str(guide)], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_editing_one_activity_rerenders_only_what_uses_it(tmp_path: Path, built_once: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(built_once, guide)
    activity = guide / "content" / "activities" / "questions.yml"
    activity.write_text(activity.read_text().replace("Read the questions together.", "Read each question aloud."))
    front = guide / "build" / ".booklet-parts" / "front.pdf"
    front_before = front.stat().st_ino
    other = guide / "build" / ".booklet-parts" / "large-print" / "activity-circles.pdf"  # another variant's part
    other_before = other.stat().st_ino
    report = build(guide, quiet())
    assert other.stat().st_ino == other_before
    assert sorted(name for name in report.built if name.endswith(".pdf")) == [
        "guide-a5-booklet.pdf",
        "guide.pdf",
        "large-print/guide.pdf",
        "large-print/questions.pdf",
        "questions.pdf",
    ]
    assert "small-guide.epub" in report.built  # the e-book holds every activity
    assert front.stat().st_ino == front_before  # the contents' page numbers did not change: not laid out again
    assert {"circles.pdf", "circles-a3.pdf", "large-print/circles.pdf"} <= set(report.reused)
    # The booklet laid out only the edited activity's part again, and joining it with the
    # parts the last build left gives the same bytes as laying out the whole booklet afresh.
    loaded = load_guide(guide)
    assert report.sections == (1, len(booklet_parts(loaded, None)))
    assert f"the booklet: 1 of its {report.sections[1]} sections laid out, the rest reused" in report.summary()
    fresh = render_job(loaded, pdf_jobs(loaded)[0])
    assert (guide / "build" / "pdf" / "guide.pdf").read_bytes() == fresh


def test_content_error_leaves_previous_build_byte_identical(tmp_path: Path, built_once: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(built_once, guide)
    before = snapshot(guide / "build")
    (guide / "content" / "activities" / "questions.yml").write_text("id: questions\nduration_minutes: soon\n")
    with pytest.raises(ContentError):
        build(guide, quiet())
    assert snapshot(guide / "build") == before
    assert not list(guide.glob(".build-staging-*"))


def test_render_failure_leaves_previous_build_byte_identical(tmp_path: Path, built_once: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(built_once, guide)
    before = snapshot(guide / "build")
    activity = guide / "content" / "activities" / "circles.yml"
    activity.write_text(activity.read_text().replace("What matters most?", "What matters most to us?"))
    with pytest.raises(ContentError) as caught:
        build(guide, quiet(only=("pdf",), time_limit=0.01))
    assert "took longer than" in caught.value.report()
    assert snapshot(guide / "build") == before


def test_killed_build_leaves_previous_build_byte_identical(tmp_path: Path, built_once: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(built_once, guide)
    before = snapshot(guide / "build")
    for path in (guide / "content" / "activities").glob("*.yml"):
        path.write_text(path.read_text().replace("aim: ", "aim: Changed. "))
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--guide", str(guide), "--quiet"],
        start_new_session=True,
    )
    assert _first_change(guide, lambda: bool(list(guide.glob(".build-staging-*/pdf/*.pdf"))), 60)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert snapshot(guide / "build") == before
    # The next build, whatever it makes, clears the abandoned staging folder (builder/swap.py's
    # staging_dir): the website alone costs a tenth of the PDFs every changed aim lays out again.
    build(guide, quiet(only=("site",)))
    assert not list(guide.glob(".build-staging-*"))


def _first_change(folder: Path, done: Callable[[], bool], seconds: float) -> bool:
    """Wait, on the file system's change events below folder, until done() is true."""
    from watchfiles import watch

    deadline = time.monotonic() + seconds
    if done():
        return True
    for _ in watch(folder, rust_timeout=500, yield_on_timeout=True, debounce=50, raise_interrupt=False):
        if done():
            return True
        if time.monotonic() > deadline:
            return False
    return False


def test_two_builds_in_different_folders_are_byte_identical(tmp_path: Path, built_once: Path) -> None:
    # The first is the module's build (read, never changed, by the other tests), in another folder.
    second = minimal_copy(tmp_path / "a folder with spaces" / "guide")
    build(second, quiet())
    assert snapshot(built_once / "build") == snapshot(second / "build")


def test_a_new_guide_from_init_and_new_builds_at_once(tmp_path: Path) -> None:
    from generator.scaffold import init_guide, new_activity, new_page

    guide = tmp_path / "our guide"
    init_guide(guide, "Our group's guide: a start", "Hillside Peer Group")
    for handout in ("three-circles", "questions", "checklist", "table"):
        new_activity(guide, f"A {handout} activity", handout)
    new_page(guide, "Finding a venue")
    report = build(guide, quiet())
    out = guide / "build"
    assert "the website" in report.built
    assert (out / "site" / "index.html").is_file()
    assert (out / "pdf" / "guide.pdf").is_file()
    assert (out / "pdf" / "a-three-circles-activity-a3.pdf").is_file()
    assert len(list((out / "site" / "activities").glob("*/index.html"))) == 5


def _cli_build(guide: Path) -> tuple[str, list[str]]:
    """Run `guidegen build` in a fresh process; return its output and which heavy modules it loaded."""
    code = (
        "import sys; from generator.cli import main; rc = main(['build', '--guide', sys.argv[1], '--quiet']); "
        "print([m for m in ('pydantic', 'jinja2', 'weasyprint', 'mkdocs') if m in sys.modules]); sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(guide)], capture_output=True, text=True, check=True)
    *lines, modules = result.stdout.strip().splitlines()
    return "\n".join(lines), ast.literal_eval(modules)


def test_unchanged_guide_is_up_to_date_without_loading_anything(tmp_path: Path, built_once: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(built_once, guide)
    output, modules = _cli_build(guide)
    assert output.startswith("Nothing has changed since the last build")
    assert modules == []


def test_a_missing_output_or_an_edit_means_building_again(tmp_path: Path, built_once: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(built_once, guide)
    (guide / "build" / "pdf" / "questions.pdf").unlink()
    output, _ = _cli_build(guide)
    assert output.startswith("Built 1 PDF;")
    assert (guide / "build" / "pdf" / "questions.pdf").is_file()
    page = guide / "content" / "pages" / "first-page.md"
    page.write_text(page.read_text() + "\nOne more sentence.\n")
    output, _ = _cli_build(guide)
    assert output.startswith("Built ") and "the website" in output
    assert "One more sentence." in (guide / "build" / "site" / "first-page" / "index.html").read_text()


def test_a_folder_guidegen_did_not_make_is_never_replaced(tmp_path: Path, built_once: Path) -> None:
    folder = tmp_path / "my documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("precious")
    from generator.errors import UsageError

    with pytest.raises(UsageError, match="did not make"):
        build(built_once, quiet(out=folder))
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert not list(tmp_path.glob(".build-staging-*"))


def test_an_in_process_build_from_a_thread_forks_nothing(
    tmp_path: Path, built_once: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The live preview builds from a thread, and says so (in_process): a fork there could copy
    a held lock, so MkDocs runs in the calling process and PDF workers are started fresh."""
    import threading

    import generator.builder.pipeline as build_module

    def no_fork(*args: object) -> None:
        raise AssertionError("forked from a build that asked for in_process")

    monkeypatch.setattr(build_module, "Child", no_fork)
    monkeypatch.setattr(os, "fork", no_fork)
    guide = tmp_path / "guide"
    shutil.copytree(built_once, guide)
    page = guide / "content" / "pages" / "first-page.md"
    page.write_text(page.read_text() + "\nBuilt from a thread.\n")
    material = "NO_MKDOCS_2_WARNING"  # Material sets this itself when it is first imported
    environ = {k: v for k, v in os.environ.items() if k != material}
    found: dict[str, object] = {}
    options = quiet(only=("site", "pdf"), in_process=True)
    worker = threading.Thread(target=lambda: found.update(report=build(guide, options)))
    worker.start()
    worker.join(timeout=300)
    report = found["report"]
    assert isinstance(report, build_module.BuildReport) and "the website" in report.built
    assert "guide.pdf" in report.built and report.sections[0] == 1  # the edited page's section, in a worker
    assert "Built from a thread." in (guide / "build" / "site" / "first-page" / "index.html").read_text()
    assert {k: v for k, v in os.environ.items() if k != material} == environ  # we changed nothing


def test_a_website_only_build_keeps_the_booklet_sections_for_the_next_build(tmp_path: Path, built_once: Path) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(built_once, guide)
    page = guide / "content" / "pages" / "first-page.md"
    page.write_text(page.read_text() + "\nA new line.\n")
    build(guide, quiet(only=("site",)))
    assert not (guide / "build" / "pdf").exists()
    # The PDFs alone next: the sections are theirs, and the offline copy and e-book a full build
    # would also make (nothing here reads them) cost as much as the booklet's one section.
    report = build(guide, quiet(only=("pdf",)))
    assert report.sections == (1, report.sections[1])  # only the edited page's section, not all of them


@pytest.mark.parametrize("setting", ['brand:\n  primary: "#0b6e4f"\n', "paper: Letter\n"])
def test_a_new_brand_colour_or_paper_renders_every_pdf_again(tmp_path: Path, built_once: Path, setting: str) -> None:
    # The colours and the fonts' order reach the PDFs through a generated stylesheet, not the
    # HTML, so they must be part of every PDF's cache key.
    guide = tmp_path / "guide"
    shutil.copytree(built_once, guide)
    with (guide / "site_config.yml").open("a") as config:
        config.write(setting)
    # The PDFs alone: what they reuse is decided by their own keys, whatever else is asked for
    # (a PDF-only build of the unchanged guide reuses every one), and the website costs as much again.
    report = build(guide, quiet(only=("pdf",)))
    assert {"circles.pdf", "circles-a3.pdf", "questions.pdf", "guide.pdf"} <= set(report.built)


def test_new_pdf_code_renders_every_pdf_again(
    tmp_path: Path, built_once: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fix in how PDFs are made (the tag repair after WeasyPrint, the join) changes no HTML:
    # the PDFs an older guidegen left in build/ must not be reused after an upgrade.
    from generator.builder import pdfs

    guide = tmp_path / "guide"
    shutil.copytree(built_once, guide)
    monkeypatch.setattr(pdfs, "code_digest", lambda *names: "another version of the PDF code")
    report = build(guide, quiet(only=("pdf",)))  # the PDFs alone, as above
    assert {"circles.pdf", "circles-a3.pdf", "questions.pdf", "guide.pdf"} <= set(report.built)
