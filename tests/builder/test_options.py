"""`guidegen build --audience participants` and the flag's old name, `--edition`, which still
works and says once to use --audience; the output folder is build-participants/ either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.builder.options import BuildOptions
from generator.cli import _parser


def options_for(*flags: str) -> BuildOptions:
    return BuildOptions.from_args(_parser().parse_args(["build", "--guide", "there", *flags]))


def test_facilitators_is_the_default_audience() -> None:
    options = options_for()
    assert options.audience == "facilitators"
    assert options.output_folder(Path("/guide")) == Path("/guide/build").resolve()


def test_audience_participants_builds_into_build_participants() -> None:
    options = options_for("--audience", "participants")
    assert options.audience == "participants"
    assert options.output_folder(Path("/guide")) == Path("/guide/build-participants").resolve()
    assert not [note for note in options.notes if "--edition" in note]


def test_the_old_flag_still_works_and_says_to_use_audience_once() -> None:
    options = options_for("--edition", "participants")
    assert options.audience == "participants"
    assert options.output_folder(Path("/guide")) == Path("/guide/build-participants").resolve()
    said = [note for note in options.notes if "--edition" in note]
    assert said == ["--edition is now called --audience: use --audience participants"]


def test_the_old_flag_is_not_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _parser().parse_args(["build", "--help"])
    shown = capsys.readouterr().out
    assert "--audience" in shown and "--edition" not in shown
