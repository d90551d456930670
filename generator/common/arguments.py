"""The command line's shared pieces: every command's parser is built in cli.py, and the commands
that add their own (translate, publish) take the arguments all commands share from here, so
`--guide` means and says the same everywhere."""

from __future__ import annotations

import argparse
from pathlib import Path


def guide_argument(parser: argparse.ArgumentParser) -> None:
    """--guide DIR: the guide's folder, as every command takes it."""
    parser.add_argument(
        "--guide",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="folder holding site_config.yml and content/ (default: current folder)",
    )
