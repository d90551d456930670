"""Easy Read texts (issue 31): loading content/easy-read/*.yml with file:line problems, `check`'s
Easy Read rules as warnings (errors with --strict), `guidegen new easy-read`, and the default
guide's four texts passing their own rules; and content/easy_read.py's loader on its own, in
milliseconds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.checks import check_guide
from generator.common.svg import problems as svg_problems
from generator.content.easy_read import easy_read_for, load_easy_read
from generator.content.loader import load_guide
from generator.content.model import Guide
from generator.content.pictures import BUNDLED
from generator.errors import ContentError, ScaffoldError
from generator.render.pictures import BUNDLED_DIR, LICENCE_FILE
from generator.scaffold import new_easy_read

EASY = Path("content") / "easy-read"


def write(guide: Path, name: str, text: str) -> Path:
    path = guide / EASY / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def reported(error: ContentError) -> list[str]:
    return [f"{p.path}:{p.line}: {p.field}: {p.message}" for p in error.problems]


def test_the_default_guide_has_its_four_texts_each_linked_to_its_page(default_guide: Guide) -> None:
    found = {item.id: item.version_of for item in default_guide.easy_read}
    assert found == {
        "what-this-group-is": None,
        "our-group-agreement": "activity:making-our-group-agreement",
        "if-someone-is-in-crisis": "page:if-someone-is-in-crisis",
        "keeping-things-private": "page:confidentiality-and-its-limits",
    }
    crisis = next(item for item in default_guide.easy_read if item.id == "if-someone-is-in-crisis")
    assert crisis.contacts and all(p.picture and p.description for p in crisis.points)


def test_the_default_guide_passes_its_own_easy_read_rules(default_guide: Guide) -> None:
    warnings = check_guide(default_guide.root, remember=False)[1]
    assert [w for w in warnings if w.path.startswith("content/easy-read/")] == []


def test_every_mistake_is_reported_at_once_with_its_line(guide_copy: Path) -> None:
    write(
        guide_copy,
        "broken.yml",
        "id: broken\n"
        "title: A broken text\n"
        "version_of: page:no-such-page\n"
        "points:\n"
        "  - text: One.\n"
        "    picture: phone-cal\n"
        "  - text: Two.\n"
        "    picture: assets/missing.svg\n"
        "    descripton: A typo\n",
    )
    write(guide_copy, "other-name.yml", "id: not-the-file\ntitle: T\npoints:\n  - text: One.\n")
    write(
        guide_copy, "again.yml", "id: again\ntitle: T\nversion_of: page:if-someone-is-in-crisis\npoints: [{text: a}]\n"
    )
    with pytest.raises(ContentError) as error:
        load_guide(guide_copy)
    found = reported(error.value)
    assert "content/easy-read/broken.yml:9: points[2].descripton: 'descripton' is not a field we know." in " ".join(
        found
    )
    expected = [
        "content/easy-read/broken.yml:3: version_of: there is no page with id 'no-such-page' in content/pages/.",
        "content/easy-read/broken.yml:6: points[1].picture: 'phone-cal' is not one of the bundled pictures. "
        "Did you mean 'phone-call'?",
        "content/easy-read/broken.yml:8: points[2].picture: picture file 'assets/missing.svg' was not found",
        "content/easy-read/other-name.yml:1: id: 'not-the-file' is not the file's name 'other-name.yml'",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in found), (start, found)
    # a second version of a page that has one: reported on whichever file comes second
    assert any("is already the Easy Read version of page:if-someone-is-in-crisis" in line for line in found)


def test_a_guide_uses_its_own_picture_from_content_assets(guide_copy: Path) -> None:
    svg = (BUNDLED_DIR / "kind.svg").read_bytes()
    (guide_copy / "content" / "assets" / "our-room.svg").write_bytes(svg)
    write(
        guide_copy,
        "ours.yml",
        "id: ours\ntitle: Our room\npoints:\n  - text: We meet here.\n"
        "    picture: assets/our-room.svg\n    description: Our meeting room.\n",
    )
    guide = load_guide(guide_copy)
    (item,) = [i for i in guide.easy_read if i.id == "ours"]
    assert item.points[0].picture == "assets/our-room.svg"


RULE_BREAKER = """id: hard
title: A hard text
points:
  - text: This sentence is far too long and it keeps going on and on about many different things.
    picture: talking
    description: A speech bubble.
  - text: Call the NHS, as 50% of people do on their 1st day.
    picture: phone-call
  - text: Our **agreement** is about confidentiality.
    picture: writing
    description: A hand writing.
  - text: A point with no picture.
hard_words:
  - word: unused
    meaning: A word that no point uses.
"""


def test_check_warns_about_each_easy_read_rule_with_its_line(guide_copy: Path) -> None:
    write(guide_copy, "hard.yml", RULE_BREAKER)
    warnings = [w for w in check_guide(guide_copy, remember=False)[1] if w.path == "content/easy-read/hard.yml"]
    found = [(w.line, w.field, w.message) for w in warnings]

    def has(line: int, field: str, words: str) -> bool:
        return any(ln == line and f == field and words in m for ln, f, m in found)

    assert has(4, "points[1].text", "this sentence has 17 words"), found
    assert has(4, "points[1].text", "may hold more than one idea"), found
    assert has(7, "points[2].text", "'NHS' is an acronym"), found
    assert has(7, "points[2].text", "'50%' is a percentage"), found
    assert has(7, "points[2].text", "'1st' is a number like 1st"), found
    assert has(8, "points[2].description", "say what the picture shows"), found
    assert has(9, "points[3].text", "'agreement' is marked as a hard word"), found
    assert has(9, "points[3].text", "'confidentiality' is a long word"), found
    assert has(12, "points[4]", "this point has no picture"), found
    assert has(14, "hard_words[1].word", "'unused' is not used in any point"), found
    assert len(found) == 10, found


def test_strict_check_fails_on_easy_read_warnings_and_passes_the_default_guide(guide_copy: Path) -> None:
    def check(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "generator", "check", "--strict", "--guide", str(guide_copy), *args]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    assert check().returncode == 0
    write(guide_copy, "hard.yml", RULE_BREAKER)
    result = check()
    assert result.returncode != 0
    assert "content/easy-read/hard.yml:7:" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_new_easy_read_starts_a_version_that_loads_and_passes_check(guide_copy: Path) -> None:
    path = new_easy_read(guide_copy, "keeping-members-details")
    assert path == guide_copy / EASY / "keeping-members-details.yml"
    text = path.read_text(encoding="utf-8")
    assert "version_of: page:keeping-members-details" in text and "title: Keeping members' details" in text
    home = new_easy_read(guide_copy, "home")
    activity = new_easy_read(guide_copy, "activity:good-facilitation")
    assert "version_of: home" in home.read_text() and "activity:good-facilitation" in activity.read_text()
    guide, warnings = check_guide(guide_copy, remember=False)
    assert {"keeping-members-details", "home", "good-facilitation"} <= {i.id for i in guide.easy_read}
    assert [w for w in warnings if w.path.startswith("content/easy-read/")] == []
    with pytest.raises(ScaffoldError, match="already the Easy Read version of page:keeping-members-details"):
        new_easy_read(guide_copy, "keeping-members-details")
    with pytest.raises(ScaffoldError, match=r"there is no file content/pages/no-such-page\.md"):
        new_easy_read(guide_copy, "no-such-page")


def test_the_bundled_pictures_are_safe_svgs_with_their_licence() -> None:
    assert 15 <= len(BUNDLED) <= 20
    for name in BUNDLED:
        assert svg_problems((BUNDLED_DIR / f"{name}.svg").read_bytes()) == [], name
    assert LICENCE_FILE.read_text(encoding="utf-8").startswith("Attribution-ShareAlike 4.0 International")
    assert {p.stem for p in BUNDLED_DIR.glob("*.svg")} == set(BUNDLED)


# ---------------------------------------------------------------- content/easy_read.py on its own

POINT = "points:\n  - text: We meet every week.\n    picture: {picture}\n    description: An ear.\n"


def write_text_of(root: Path, name: str, ident: str, version_of: str, picture: str = "listening") -> str:
    rel = f"content/easy-read/{name}.yml"
    text = f"id: {ident}\ntitle: About us\nversion_of: {version_of}\n" + POINT.format(picture=picture)
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")
    return rel


def loaded_problems(root: Path) -> list[tuple[str, int, str, str]]:
    loaded = load_easy_read(root, None, pages={"first-page"}, activities={"circles"})
    return [(p.path, p.line, p.field, p.message) for p in loaded.problems]


def test_texts_load_sorted_and_each_is_found_by_what_it_is_the_version_of(tmp_path: Path) -> None:
    write_text_of(tmp_path, "about", "about", "page:first-page")
    write_text_of(tmp_path, "circles", "circles", "activity:circles")
    loaded = load_easy_read(tmp_path, None, pages={"first-page"}, activities={"circles"})
    assert loaded.problems == [] and [item.id for item in loaded.items] == ["about", "circles"]
    found = easy_read_for(loaded.items, "activity:circles")
    assert found is not None and found.id == "circles" and easy_read_for(loaded.items, "home") is None


def test_a_version_of_nothing_or_of_a_page_twice_is_named_at_its_line(tmp_path: Path) -> None:
    first = write_text_of(tmp_path, "a", "a", "page:first-page")
    second = write_text_of(tmp_path, "b", "b", "page:first-page")
    missing = write_text_of(tmp_path, "c", "c", "page:frist-page")
    problems = loaded_problems(tmp_path)
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
    rel = write_text_of(tmp_path, "about", "about-us", "page:first-page", picture="no-such-picture")
    (id_problem, picture_problem) = sorted(loaded_problems(tmp_path), key=lambda p: p[1])
    assert id_problem[:3] == (rel, 1, "id") and "rename the file to about-us.yml (or set id: about)" in id_problem[3]
    assert picture_problem[:3] == (rel, 6, "points[1].picture") and "no-such-picture" in picture_problem[3]
