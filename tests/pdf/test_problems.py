"""A failed PDF render pointed at the content behind it (pdf/problems.py): file, line and column."""

from __future__ import annotations

from pathlib import Path

from helpers.small_guides import line_of, loaded, small_guide

from generator.pdf.problems import activity_source, layout_problem, locate, section_source, shown

PAGE = "content/pages/first-page.md"


def test_a_refused_reference_is_found_where_it_is_written(tmp_path: Path) -> None:
    root = small_guide(tmp_path / "guide")
    with (root / PAGE).open("a", encoding="utf-8") as page:
        page.write("\nA map: [the hall](https://maps.example/hall.png)\n")
    guide, _ = loaded(root)
    url = "https://maps.example/hall.png"
    line = line_of(root, PAGE, url)
    assert locate(guide, "content/home.md", url) == (
        PAGE,
        line,
        19,
        "A map: [the hall](https://maps.example/hall.png)",
    )
    own = (root / "content" / "assets" / "circles.svg").resolve().as_uri()
    assert locate(guide, PAGE, own) == (PAGE, 1, 1, "")  # written nowhere: the job's own file, line 1


def test_each_part_of_the_booklet_names_its_file(tmp_path: Path) -> None:
    guide, _ = loaded(small_guide(tmp_path / "guide"))
    assert section_source(guide, "skills") == "content/skills.yml"
    assert (
        section_source(guide, "activity-circles")
        == activity_source(guide, "circles")
        == "content/activities/circles.yml"
    )
    assert section_source(guide, "page-first-page") == PAGE
    assert section_source(guide, "contents") == "content/home.md"


def test_a_long_path_is_shown_by_its_end_and_a_layout_failure_names_the_file() -> None:
    long = "file:///" + "folder/" * 20 + "picture.png"
    assert shown(long).startswith("...") and shown(long).endswith("/folder/picture.png") and len(shown(long)) == 80
    assert shown("https://maps.example/a%20b.png") == "https://maps.example/a%20b.png"
    problem = layout_problem("content/activities/circles.yml", RecursionError())
    assert (problem.path, problem.field) == ("content/activities/circles.yml", "pdf")
    assert problem.message.startswith("the PDF could not be laid out (RecursionError); look for very deeply nested")
