"""The participants' guide: a marker in every facilitator note never reaches any of its outputs."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.small_guides import keep_only
from pypdf import PdfReader
from ruamel.yaml import YAML

from generator.builder.pipeline import BuildOptions, build

pytestmark = pytest.mark.slow
MARKER = "Zqxfacilitatoronlyzqx"
FIRST_MEETING = ("making-our-group-agreement", "good-facilitation")  # the activities of its session


def mark_every_note(root: Path) -> int:
    """Add MARKER to every activity's facilitator_notes and every session and item note."""
    yaml = YAML(typ="safe", pure=True)
    marked = 0
    for path in sorted((root / "content" / "activities").glob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        data["facilitator_notes"] = f"{data.get('facilitator_notes') or 'Notes.'} {MARKER}."
        marked += 1
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
    for path in sorted((root / "content" / "sessions").glob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        data["notes"] = f"Session notes {MARKER}."
        for item in data["items"]:
            item["notes"] = f"Item notes {MARKER}."
            marked += 1
        marked += 1
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
    return marked


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, make_guide_copy: Callable[[Path], Path]) -> tuple[Path, Path]:
    """The facilitators' and the participants' guide of the marked default guide. The
    facilitators' build only shows the marker can be found: it keeps the first session and its
    two activities, and makes no variants (the A5 and large-print booklets, large-print handouts,
    Easy Read, the e-book), which would about double its PDFs. The participants' build makes
    every output of the whole guide, variants included: any could leak."""
    folder = tmp_path_factory.mktemp("audiences")
    facilitators, participants = (make_guide_copy(folder / name) for name in ("facilitators", "participants"))
    for root in (facilitators, participants):
        assert mark_every_note(root) > 10
    # Of the facilitators' guide the tests read the first session's pages and PDFs, one of its
    # activities', the booklet and the zip: the other activities and session go (their PDFs made
    # this build cost 26 s of CPU, not 11).
    keep_only(facilitators, FIRST_MEETING, sessions=("first-meeting",))
    with (facilitators / "site_config.yml").open("a", encoding="utf-8") as config:
        config.write("variants: []\n")
    build(facilitators, BuildOptions(quiet=True))
    build(participants, BuildOptions(quiet=True, audience="participants"))
    return facilitators / "build", participants / "build-participants"


def published(out: Path, pattern: str = "*") -> list[Path]:
    """A build's files a reader gets: not the build's own working folders (.offline/, the manifest's cache)."""
    return [p for p in sorted(out.rglob(pattern)) if not any(part.startswith(".") for part in p.relative_to(out).parts)]


def text_files(out: Path) -> dict[str, str]:
    """Every HTML, JS, JSON, XML and Markdown file of a build (the search index is JSON)."""
    found = {}
    for path in published(out):
        if path.is_file() and path.suffix in (".html", ".js", ".json", ".xml", ".md", ".yml", ".txt"):
            found[path.relative_to(out).as_posix()] = path.read_text(encoding="utf-8", errors="replace")
    return found


def zip_members(out: Path) -> dict[str, bytes]:
    (bundle,) = out.glob("*-offline.zip")
    with zipfile.ZipFile(bundle) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pdf_texts(out: Path) -> dict[str, str]:
    return {
        path.relative_to(out).as_posix(): " ".join(page.extract_text() for page in PdfReader(path).pages)
        for path in published(out, "*.pdf")
    }


def test_the_facilitators_guide_has_the_marker_everywhere_notes_belong(builds: tuple[Path, Path]) -> None:
    """The check below can fail: in the facilitators' guide the marker is there to find."""
    out, _ = builds
    files = text_files(out)
    assert MARKER in files["site/activities/good-facilitation/index.html"]
    assert MARKER in files["site/sessions/first-meeting/index.html"]
    assert MARKER in files["site/search/search_index.json"]
    assert any(MARKER.encode() in data for data in zip_members(out).values())
    texts = pdf_texts(out)
    assert MARKER in texts["pdf/sessions/first-meeting-pack.pdf"]
    assert MARKER in texts["pdf/guide.pdf"]
    assert MARKER not in texts["pdf/sessions/first-meeting-agenda.pdf"]
    assert MARKER not in texts["pdf/good-facilitation.pdf"]


def test_the_participants_guide_never_has_the_marker(builds: tuple[Path, Path]) -> None:
    _, out = builds
    files = text_files(out)
    assert "site/search/search_index.json" in files and "site/sessions/first-meeting/index.html" in files
    assert [name for name, text in files.items() if MARKER in text] == []
    members = zip_members(out)
    assert any(name.endswith("sessions/first-meeting.html") for name in members)
    assert [name for name, data in members.items() if MARKER.encode() in data] == []
    texts = pdf_texts(out)
    assert "pdf/sessions/first-meeting-agenda.pdf" in texts and "pdf/good-facilitation.pdf" in texts
    assert [name for name, text in texts.items() if MARKER in text] == []
    for pdf in (p for p in members if p.endswith(".pdf")):
        assert MARKER.encode() not in members[pdf]


def test_the_participants_guide_has_no_packs_booklet_or_planner(builds: tuple[Path, Path]) -> None:
    facilitators, out = builds
    assert (facilitators / "pdf" / "guide.pdf").is_file()
    assert (facilitators / "site" / "sessions" / "planner" / "index.html").is_file()
    assert not (out / "pdf" / "guide.pdf").exists()
    assert list((out / "pdf" / "sessions").glob("*-pack.pdf")) == []
    assert not (out / "site" / "sessions" / "planner").exists()
    home = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert "guide.pdf" not in home and "Download the whole guide" not in home
    names = zip_members(out)
    assert not any(n.endswith(("guide.pdf", "-pack.pdf", "planner.html")) for n in names)
    readme = next(data for name, data in names.items() if name.endswith("/README.txt")).decode()
    assert "guide.pdf" not in readme and "pack" not in readme and "each session's agenda" in readme
    session = (out / "site" / "sessions" / "first-meeting" / "index.html").read_text(encoding="utf-8")
    assert "first-meeting-agenda.pdf" in session and "first-meeting-pack.pdf" not in session
    assert "Notes for the facilitator" not in session
