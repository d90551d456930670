"""The website's session pages, built with MkDocs: agenda with clock times, materials, links."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from generator.content.agenda import agenda, materials, session_activities, total_minutes
from generator.content.model import Guide
from generator.site.pages import duration
from generator.site.project import run_mkdocs, write_mkdocs_project
from generator.site.session_pages import write_planner_assets

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(default_guide: Guide, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sessions-site")
    pdf_dir = folder / "pdf"
    handouts = {a.id: f"{a.id}.pdf" for a in default_guide.activities}
    for session in default_guide.sessions:
        for kind in ("agenda", "pack"):
            handouts[f"session:{session.id}:{kind}"] = f"sessions/{session.id}-{kind}.pdf"
    for name in handouts.values():
        (pdf_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (pdf_dir / name).write_bytes(b"%PDF-1.7\n% a stand-in\n")
    config = write_mkdocs_project(default_guide, folder / "project", handouts=handouts, pdf_dir=pdf_dir)
    run_mkdocs(config, folder / "site")
    return folder / "site"


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_each_session_page_has_its_timed_agenda_materials_and_links(site: Path, default_guide: Guide) -> None:
    for session in default_guide.sessions:
        page = site / "sessions" / session.id / "index.html"
        html = page.read_text(encoding="utf-8")
        words = text(html)
        assert re.search(r"<h1[^>]*>" + re.escape(session.title) + "</h1>", html)
        for row in agenda(default_guide, session):
            assert f"{row.clock} {row.title}" in words
        assert f"In all: {duration(total_minutes(default_guide, session))}." in words
        for thing in materials(default_guide, session):
            assert words.count(thing) == 1, thing
        for activity in session_activities(default_guide, session):
            assert f'href="../../activities/{activity.id}/"' in html
            if activity.handout:
                assert f'href="../../pdf/{activity.id}.pdf"' in html
        assert f'href="../../pdf/sessions/{session.id}-agenda.pdf"' in html
        assert f'href="../../pdf/sessions/{session.id}-pack.pdf"' in html
        assert (site / "pdf" / "sessions" / f"{session.id}-agenda.pdf").is_file()
        assert "Notes for the facilitator" in words  # the facilitators' guide shows the notes


def test_sessions_have_an_index_a_planner_and_a_place_in_the_navigation(site: Path, default_guide: Guide) -> None:
    index = (site / "sessions" / "index.html").read_text(encoding="utf-8")
    for session in default_guide.sessions:
        assert f'href="{session.id}/"' in index
    assert 'href="planner/"' in index
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="sessions/"' in home
    # a section of the navigation, like Activities (navigation.prune shows its pages only inside it)
    nav = yaml.safe_load((site.parent / "project" / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    (sessions,) = [entry["Sessions"] for entry in nav if isinstance(entry, dict) and "Sessions" in entry]
    paths = [next(iter(e.values())) for e in sessions]
    assert paths == ["sessions/index.md"] + [f"sessions/{s.id}.md" for s in default_guide.sessions] + [
        "sessions/planner.md"
    ]
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {s.title for s in default_guide.sessions} <= {doc["title"] for doc in search["docs"]}
    planner = (site / "sessions" / "planner" / "index.html").read_text(encoding="utf-8")
    assert "assets/guidegen/planner/planner.js" in planner and "guide-planner-fallback" in planner
    assert (site / "assets" / "guidegen" / "planner" / "data.js").is_file()


def test_the_planner_speaks_the_guides_language(default_guide: Guide, tmp_path: Path) -> None:
    """planner.js shows its words from the catalogue: a Welsh guide's planner is in Welsh, rewordings win."""
    config = default_guide.config.model_copy(update={"language": "cy", "interface": {"Our session": "Ein noson"}})
    write_planner_assets(default_guide.model_copy(update={"config": config}), tmp_path)
    data = (tmp_path / "planner" / "data.js").read_text(encoding="utf-8")
    found = re.search(r"^window\.GUIDEGEN_PLANNER_WORDS = (.*);$", data, flags=re.MULTILINE)
    assert found, data[:200]
    words = json.loads(found.group(1))
    assert words["Add to the plan"] == "Ychwanegu at y cynllun"
    assert words["Opened a plan of %(num)s items."] == "Wedi agor cynllun o %(num)s eitem."
    assert words["%(num)s minutes"] == "%(num)s munud"  # the durations the planner writes
    assert words["Our session"] == "Ein noson"
