"""`guidegen new` and `guidegen init`: skeletons that load, whose example text `check` points at until
it is replaced (then they pass `check --strict`), and that never overwrite."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator import cli
from generator.checks import check_guide
from generator.cli import main
from generator.content.model import HANDOUT_KINDS
from generator.scaffold import ScaffoldError, new_activity, new_page, slugify, unique_id, yaml_scalar

MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"
TRICKY_TITLES = [
    'Who\'s who: the "table" # one',
    "- starts like a list item",
    "[in brackets]",
    "{braces}",
    "&anchor and *alias",
    "!tag %percent @at `tick`",
    "yes",
    "123",
    "null",
    "Café, naïve, Dŵr a tŷ",  # (no emoji: no shipped font draws one, so check refuses it)
    "  spaced   out  ",
]


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "guide"))


@pytest.fixture
def strict_ok(filled_in: Callable[[Path], None]) -> Callable[[Path], None]:
    """Once the example text is replaced, the guide has no warnings, as `guidegen check --strict` requires."""

    def check(root: Path) -> None:
        filled_in(root)
        _, warnings = check_guide(root)
        assert [w.render() for w in warnings] == []

    return check


# ---------------------------------------------------------------- ids and quoting


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("What makes good facilitation?", "what-makes-good-facilitation"),
        ('Who\'s who: the "table"', "whos-who-the-table"),
        ("Café – ça va", "cafe-ca-va"),
        ("!!!", ""),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_long_titles_give_ids_of_at_most_sixty_characters_ending_on_a_whole_word() -> None:
    slug = slugify("Looking after yourself and each other " * 4)
    assert len(slug) <= 60
    assert ("Looking after yourself and each other " * 4).lower().replace(" ", "-").startswith(slug + "-")
    assert len(unique_id(slug, {slug})) <= 60
    assert unique_id(slug, {slug}).endswith("-2")


def test_unique_id_counts_up() -> None:
    assert unique_id("sharing", set()) == "sharing"
    assert unique_id("sharing", {"sharing", "sharing-2"}) == "sharing-3"


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=60))
def test_any_title_reads_back_unchanged_from_yaml(title: str) -> None:
    assert YAML(typ="rt", pure=True).load(f"title: {yaml_scalar(title)}\n")["title"] == title


def test_plain_titles_stay_plain() -> None:
    assert yaml_scalar("What makes good facilitation?") == "What makes good facilitation?"
    assert yaml_scalar("Title: with colon") == '"Title: with colon"'


# ---------------------------------------------------------------- guidegen new


@pytest.mark.parametrize("handout", [None, *HANDOUT_KINDS])
def test_new_activity_loads_and_passes_strict_check(
    guide: Path, handout: str | None, strict_ok: Callable[[Path], None]
) -> None:
    path = new_activity(guide, "Sharing out the role", handout)
    assert path == guide / "content" / "activities" / "sharing-out-the-role.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count("\n# ") >= 10  # commented for editors
    loaded, _ = check_guide(guide)
    activity = loaded.activity("sharing-out-the-role")
    assert activity.title == "Sharing out the role"
    assert (activity.handout.kind if activity.handout else None) == handout
    assert activity.order == 1 + max(a.order for a in loaded.activities if a.id != activity.id)
    strict_ok(guide)


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_titles_with_quotes_and_colons_make_valid_files(guide: Path, title: str) -> None:
    activity_path = new_activity(guide, title, "questions")
    page_path = new_page(guide, title)
    loaded, _ = check_guide(guide)
    expected = " ".join(title.split())
    assert loaded.activity(activity_path.stem).title == expected
    assert next(p for p in loaded.pages if p.id == page_path.stem).title == expected


def test_new_never_overwrites_and_ids_stay_unique(guide: Path) -> None:
    first = new_activity(guide, "Circles", None)  # circles.yml exists already
    second = new_activity(guide, "Circles", None)
    assert (first.name, second.name) == ("circles-2.yml", "circles-3.yml")
    assert (MINIMAL / "content" / "activities" / "circles.yml").read_bytes() == (
        guide / "content" / "activities" / "circles.yml"
    ).read_bytes()
    odd = guide / "content" / "activities" / "renamed.yml"
    odd.write_text("id: taken-id\n", encoding="utf-8")  # an id that differs from its file name
    assert new_activity(guide, "Taken id", None).name == "taken-id-2.yml"
    odd.unlink()
    loaded, _ = check_guide(guide)
    assert len({a.id for a in loaded.activities}) == len(loaded.activities) == 5


def test_new_page_goes_in_pages_and_avoids_reserved_ids(guide: Path, strict_ok: Callable[[Path], None]) -> None:
    path = new_page(guide, "Search")
    assert path == guide / "content" / "pages" / "search-2.md"
    assert new_page(guide, "First page").name == "first-page-2.md"
    loaded, _ = check_guide(guide)
    page = next(p for p in loaded.pages if p.id == "search-2")
    assert (page.title, page.order) == ("Search", 2)
    strict_ok(guide)


def test_new_refuses_empty_titles_and_folders_without_content(tmp_path: Path, guide: Path) -> None:
    with pytest.raises(ScaffoldError, match="title is empty"):
        new_page(guide, "   ")
    with pytest.raises(ScaffoldError, match="no content/ folder"):
        new_activity(tmp_path / "nowhere", "A title", None)
    assert sorted(p.name for p in (guide / "content" / "pages").iterdir()) == ["first-page.md"]


def test_new_commands_on_the_command_line(
    guide: Path, capsys: pytest.CaptureFixture[str], filled_in: Callable[[Path], None]
) -> None:
    assert main(["new", "activity", "Who: does what?", "--handout", "table", "--guide", str(guide)]) == 0
    assert "who-does-what.yml" in capsys.readouterr().out
    assert main(["new", "page", "Looking after yourself", "--guide", str(guide)]) == 0
    assert main(["check", "--strict", "--guide", str(guide)]) == 1  # the example text is still there
    err = capsys.readouterr().err
    assert "content/activities/who-does-what.yml:12:1: summary: is still the example text" in err
    assert "content/pages/looking-after-yourself.md:6:1: summary: is still the example text" in err
    assert "Found 5 warnings; with --strict they count as problems." in err
    filled_in(guide)
    assert main(["check", "--strict", "--guide", str(guide)]) == 0
    assert capsys.readouterr().out.endswith("OK: 2 pages, 2 skills, 3 activities, 0 warnings\n")
    assert main(["new", "page", "", "--guide", str(guide)]) == 2
    assert "guidegen new: the title is empty" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["new", "activity", "X", "--handout", "poster", "--guide", str(guide)])
    assert exited.value.code == 2


@pytest.mark.parametrize(
    "argv", [["new", "--help"], ["new", "activity", "--help"], ["new", "page", "--help"], ["init", "--help"]]
)
def test_every_new_command_has_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 0
    assert "usage: guidegen" in capsys.readouterr().out


def test_cli_handout_kinds_match_the_model() -> None:
    assert cli.HANDOUT_KINDS == HANDOUT_KINDS


# ---------------------------------------------------------------- guidegen init


def test_init_starts_a_guide_that_passes_strict_check_once_filled_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], filled_in: Callable[[Path], None]
) -> None:
    target = tmp_path / "new-guide"
    title = 'Riverside: a "peer" guide #1'
    assert main(["init", str(target), "--title", title, "--organisation", "Riverside Peer Support"]) == 0
    files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert files == [
        "README.md",
        "content/activities/sharing-ideas.yml",
        "content/assets/.gitkeep",
        "content/home.md",
        "content/pages/getting-started.md",
        "content/skills.yml",
        "content/support.yml",
        "site_config.yml",
    ]
    assert main(["check", "--strict", "--guide", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("to_check: is marked to check") == 13  # every UK contact, until someone checks it
    assert "site_config.yml:35:3: safeguarding.how_to_reach: is still the example text" in err
    filled_in(target)
    assert main(["check", "--strict", "--guide", str(target)]) == 0
    assert capsys.readouterr().out.endswith("OK: 1 page, 2 skills, 1 activity, 0 warnings\n")
    loaded, _ = check_guide(target)
    assert (loaded.config.title, loaded.config.slug) == (title, "riverside-a-peer-guide-1")
    assert loaded.config.organisation == "Riverside Peer Support"
    assert loaded.home.title == title
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# {title}\n")
    assert all(command in readme for command in ("guidegen check", "guidegen new page", "guidegen build"))


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert "is not an empty folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_accepts_an_empty_folder_and_new_works_inside(tmp_path: Path, strict_ok: Callable[[Path], None]) -> None:
    assert main(["init", str(tmp_path)]) == 0
    new_activity(tmp_path, "Sharing ideas", "three-circles")  # the id init used is taken
    assert (tmp_path / "content" / "activities" / "sharing-ideas-2.yml").is_file()
    strict_ok(tmp_path)
