"""The command line's shared pieces (common/arguments.py): `--guide` is one argument, whichever
command (or command module: translate, publish) adds it."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from generator.cli import _parser
from generator.common.arguments import guide_argument


def _guide_help(parser: argparse.ArgumentParser) -> str:
    return next(action.help for action in parser._actions if "--guide" in action.option_strings) or ""


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["build"],
        ["serve"],
        ["new", "page", "A title"],
        ["translate", "status", "cy"],
        ["publish", "folder", "out"],
        ["publish", "github-actions"],
    ],
)
def test_every_command_takes_the_same_guide_argument(argv: list[str]) -> None:
    assert _parser().parse_args([*argv, "--guide", "there"]).guide == Path("there")
    assert _parser().parse_args(argv).guide == Path(".")


def test_its_words_are_the_same_everywhere() -> None:
    one = argparse.ArgumentParser()
    guide_argument(one)
    assert "site_config.yml" in _guide_help(one)
