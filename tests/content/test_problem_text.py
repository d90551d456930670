"""Every broken guide in tests/samples/bad/ prints exactly its expected report and exits 1.

Each case folder holds only the files that differ from tests/samples/minimal/ (and an
optional DELETE file listing paths to remove), beside expected.txt. Refresh the expected
reports after a deliberate wording change with `pytest --update-expected`. Below them,
content/problem_text.py on its own: each kind of pydantic error as its sentence.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from generator.cli import main
from generator.content.model import Activity, SiteConfig
from generator.content.problem_text import describe, did_you_mean, field_label, flow, yaml_loc

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CASES = sorted(p.name for p in (SAMPLES / "bad").iterdir() if p.is_dir())


def assemble(case: str, dest: Path) -> Path:
    """The minimal guide with the case's files laid over it."""
    shutil.copytree(SAMPLES / "minimal", dest)
    case_dir = SAMPLES / "bad" / case
    for path in case_dir.rglob("*"):
        rel = path.relative_to(case_dir)
        if path.is_file() and rel.as_posix() not in ("expected.txt", "DELETE"):
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest / rel)
    delete_list = case_dir / "DELETE"
    if delete_list.exists():
        for rel_name in delete_list.read_text().split():
            (dest / rel_name).unlink()
    return dest


def test_there_are_at_least_fifteen_cases() -> None:
    assert len(CASES) >= 15


def test_minimal_guide_is_good(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--guide", str(SAMPLES / "minimal")]) == 0
    assert capsys.readouterr().out.startswith("OK: 1 page, 2 skills, 2 activities")


@pytest.mark.parametrize("case", CASES)
def test_bad_sample_prints_its_report(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], update_expected: bool
) -> None:
    guide = assemble(case, tmp_path / "guide")
    code = main(["check", "--guide", str(guide)])
    captured = capsys.readouterr()
    expected_file = SAMPLES / "bad" / case / "expected.txt"
    if update_expected:
        expected_file.write_text(captured.err)
    assert code == 1
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert captured.err == expected_file.read_text()


def test_command_line_exit_code_and_no_traceback(tmp_path: Path) -> None:
    guide = assemble("several-files", tmp_path / "guide")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--guide", str(guide)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/activities/questions.yml:4:" in result.stderr


# ---------------------------------------------------------------- content/problem_text.py on its own

ACTIVITY = {
    "id": "circles",
    "title": "What matters?",
    "aim": "Agree.",
    "duration_minutes": 30,
    "group_size": "Any",
    "steps": ["Talk."],
}


def sentences(model: Any, data: dict[str, Any]) -> dict[str, str]:
    """Each error of validating data, as field label -> sentence."""
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data)
    return {field_label(tuple(e["loc"])): describe(e, model) for e in raised.value.errors()}


def test_a_misspelt_field_gets_the_nearest_name_and_every_known_one() -> None:
    found = sentences(Activity, {**ACTIVITY, "titel": "x"})
    assert found["titel"].startswith("'titel' is not a field we know. Did you mean 'title'? Known fields here: ")


def test_wrong_kinds_of_value_say_what_to_write_instead() -> None:
    found = sentences(Activity, {**ACTIVITY, "duration_minutes": "half an hour", "steps": "Talk.", "id": "Circles!"})
    assert found["duration_minutes"].startswith("expected a whole number of minutes, not 'half an hour'")
    assert found["steps"] == "expected a list, not 'Talk.': put each item on its own line starting with '- '"
    assert (
        found["id"]
        == "'Circles!' is not allowed: use only lowercase letters, digits and hyphens, e.g. good-facilitation"
    )


def test_a_handouts_rings_are_counted_and_its_kind_named() -> None:
    rings = {**ACTIVITY, "handout": {"kind": "three-circles", "rings": ["Inner", "Outer"]}}
    assert sentences(Activity, rings)["handout.rings[3]"].startswith(
        "has two labels but needs exactly three, centre first"
    )
    unknown = sentences(Activity, {**ACTIVITY, "handout": {"kind": "circles"}})
    assert unknown["handout"].startswith("unknown handout kind 'circles': choose one of three-circles")


def test_a_missing_field_and_a_group_written_as_text_get_an_example() -> None:
    found = sentences(SiteConfig, {"title": "A guide", "licence": "CC BY-SA 4.0"})
    assert found["licence"] == "expected a group of fields, not text: write licence: {name: CC BY-SA 4.0}"
    assert found["slug"].startswith("this is required but missing; add it")


def test_labels_and_values_as_an_editor_writes_them() -> None:
    assert field_label(("handout", "three-circles", "rings", 1)) == "handout.rings[2]" and field_label(()) == "file"
    assert yaml_loc(("handout", "three-circles", "rings", 1)) == ("handout", "rings", 1)
    assert flow({"name": "CC BY: 4.0", "tags": ["a", "b c"]}) == '{name: "CC BY: 4.0", tags: [a, b c]}'
    assert did_you_mean("listenin", ["empathy", "listening"]) == " Did you mean 'listening'?"
    assert did_you_mean("zzz", ["empathy"]) == ""
