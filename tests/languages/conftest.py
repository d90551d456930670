"""The Urdu guide built once, as an editor builds it, for the suites that judge its site
(test_scripts_on_site.py, in Chromium) and its PDFs (test_scripts_in_pdfs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.written_guides import URDU, write_guide

from generator.cli import main


@pytest.fixture(scope="session")
def urdu_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`guidegen build` of the small Urdu guide: the guide's folder, with build/ in it. Read only."""
    root = write_guide(tmp_path_factory.mktemp("built-ur") / "guide", URDU)
    assert main(["build", "--guide", str(root), "--quiet"]) == 0
    return root
