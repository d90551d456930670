"""cli.py handles a UsageError in one place for every command (issue 30): one line naming the
command, exit 2, no traceback; and the exit codes are the ones errors.py defines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from generator import cli, errors

PACKAGE = Path(cli.__file__).parent


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--guide", "{missing}"],
        ["build", "--guide", "{missing}"],
        ["new", "activity", "A title", "--guide", "{missing}"],
        ["serve", "--guide", "{guide}"],
    ],
    ids=lambda argv: argv[0],
)
def test_a_usage_error_is_one_line_naming_the_command_and_exit_2(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GUIDEGEN_TIME_LIMIT", "soon")  # refused before serve starts anything
    guide = tmp_path / "guide"
    guide.mkdir()
    args = [arg.format(missing=tmp_path / "nowhere", guide=guide) for arg in argv]
    assert cli.main(args) == errors.EXIT_USAGE
    out, err = capsys.readouterr()
    assert err.startswith(f"guidegen {argv[0]}: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and out == ""


def test_exit_codes_are_given_numbers_in_errors_py_only() -> None:
    """A module that needs an exit code imports it; none writes its own EXIT_... = number."""
    numbered = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign):
                names = [n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)]
                numbers = [n for n in ast.walk(node.value) if isinstance(n, ast.Constant) and isinstance(n.value, int)]
                if numbers and any(name.startswith("EXIT_") for name in names):
                    numbered.append(path.relative_to(PACKAGE).as_posix())
    assert numbered == ["errors.py"]
    assert (errors.EXIT_OK, errors.EXIT_CONTENT, errors.EXIT_USAGE, errors.EXIT_BUG) == (
        0,
        1,
        2,
        3,
    )  # as the README says
