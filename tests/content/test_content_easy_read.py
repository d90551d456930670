"""Easy Read texts loaded and checked across files (content/easy_read.py), each problem at its line."""

from __future__ import annotations

from pathlib import Path

from generator.content.easy_read import easy_read_for, load_easy_read

POINT = "points:\n  - text: We meet every week.\n    picture: {picture}\n    description: An ear.\n"


def write(root: Path, name: str, ident: str, version_of: str, picture: str = "listening") -> str:
    rel = f"content/easy-read/{name}.yml"
    text = f"id: {ident}\ntitle: About us\nversion_of: {version_of}\n" + POINT.format(picture=picture)
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")
    return rel


def load(root: Path) -> list[tuple[str, int, str, str]]:
    loaded = load_easy_read(root, None, pages={"first-page"}, activities={"circles"})
    return [(p.path, p.line, p.field, p.message) for p in loaded.problems]


def test_texts_load_sorted_and_each_is_found_by_what_it_is_the_version_of(tmp_path: Path) -> None:
    write(tmp_path, "about", "about", "page:first-page")
    write(tmp_path, "circles", "circles", "activity:circles")
    loaded = load_easy_read(tmp_path, None, pages={"first-page"}, activities={"circles"})
    assert loaded.problems == [] and [item.id for item in loaded.items] == ["about", "circles"]
    found = easy_read_for(loaded.items, "activity:circles")
    assert found is not None and found.id == "circles" and easy_read_for(loaded.items, "home") is None


def test_a_version_of_nothing_or_of_a_page_twice_is_named_at_its_line(tmp_path: Path) -> None:
    first = write(tmp_path, "a", "a", "page:first-page")
    second = write(tmp_path, "b", "b", "page:first-page")
    missing = write(tmp_path, "c", "c", "page:frist-page")
    problems = load(tmp_path)
    assert (
        second,
        3,
        "version_of",
        f"{first} is already the Easy Read version of page:first-page; give each page one version",
    ) in problems
    assert (
        missing,
        3,
        "version_of",
        "there is no page with id 'frist-page' in content/pages/. Did you mean 'first-page'?",
    ) in problems
    assert len(problems) == 2


def test_an_id_that_is_not_the_file_name_and_an_unknown_picture_are_named(tmp_path: Path) -> None:
    rel = write(tmp_path, "about", "about-us", "page:first-page", picture="no-such-picture")
    (id_problem, picture_problem) = sorted(load(tmp_path), key=lambda p: p[1])
    assert id_problem[:3] == (rel, 1, "id") and "rename the file to about-us.yml (or set id: about)" in id_problem[3]
    assert picture_problem[:3] == (rel, 6, "points[1].picture") and "no-such-picture" in picture_problem[3]
