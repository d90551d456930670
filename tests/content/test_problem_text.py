"""Every broken guide in tests/samples/bad/ prints exactly its expected report and exits 1.

Each case folder holds only the files that differ from tests/samples/minimal/ (and an
optional DELETE file listing paths to remove), beside expected.txt. Refresh the expected
reports after a deliberate wording change with `pytest --update-expected`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

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
