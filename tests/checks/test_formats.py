"""`guidegen check --format github|json`: one annotation per problem, on its file and line."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ANNOTATION = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=[^:]*::(.+)$")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The minimal guide with three broken links (tests/samples/bad/broken-links)."""
    guide = tmp_path / "guide"
    shutil.copytree(SAMPLES / "minimal", guide)
    shutil.copytree(SAMPLES / "bad" / "broken-links" / "content", guide / "content", dirs_exist_ok=True)
    return guide


def test_github_format_prints_one_error_line_per_problem(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "github", "--guide", str(broken)]) == 1
    lines = capsys.readouterr().out.splitlines()
    found = [ANNOTATION.match(line) for line in lines]
    assert all(found), lines
    errors = [(m.group(2), int(m.group(3)), int(m.group(4))) for m in found if m and m.group(1) == "error"]
    expected = (SAMPLES / "bad" / "broken-links" / "expected.txt").read_text()
    positions = [(p, int(line), int(col)) for p, line, col in re.findall(r"^(\S+?):(\d+):(\d+): ", expected, re.M)]
    assert errors == positions  # guide-relative paths, e.g. content/pages/first-page.md, line and column
    assert all(path == "content/pages/first-page.md" for path, _, _ in errors)


def test_github_format_escapes_what_would_end_the_command() -> None:
    from generator.checks.formats import github_line
    from generator.errors import Problem

    line = github_line(Problem("content/a,b.md", 3, 4, "body", "50% done\nnext: line"), "error")
    assert line == "::error file=content/a%2Cb.md,line=3,col=4,title=guidegen%3A body::body: 50%25 done%0Anext: line"


def test_json_format_parses(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", "--guide", str(broken)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert len(errors) == 3 and {p["path"] for p in errors} == {"content/pages/first-page.md"}
    assert errors[0]["line"] == 7 and "second-page" in errors[0]["message"]


def test_a_good_guide_in_json_is_ok_with_the_site_url_warning(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", "--guide", str(SAMPLES / "minimal")]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    assert [(p["severity"], p["field"], p["path"]) for p in report["problems"]] == [
        ("warning", "site_url", "site_config.yml")
    ]


@pytest.mark.parametrize(
    ("line", "warned"),
    [
        ("", "is missing"),
        ("site_url: https://example.org/guide/\n", "is an example address"),
        ("site_url: https://guide.example/\n", "is an example address"),
        ("site_url: https://peer-support.org.uk/guide/\n", None),
    ],
)
def test_check_warns_when_site_url_is_missing_or_an_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, warned: str | None
) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(SAMPLES / "minimal", guide)
    config = guide / "site_config.yml"
    config.write_text(config.read_text() + line)
    assert main(["check", "--strict", "--guide", str(guide)]) == 0  # a note for publishing, not a content problem
    err = capsys.readouterr().err
    if warned is None:
        assert "site_url" not in err
    else:
        position = "site_config.yml:7:1:" if line else "site_config.yml:1:1:"
        assert f"Before publishing: {position} site_url: " in err and warned in err
