"""A website engine that did not run guidegen's sanitiser stops the build, loudly."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest
import yaml

from generator.builder.options import BuildOptions
from generator.cli import main
from generator.content.model import Guide
from generator.errors import UsageError
from generator.site import zensical
from generator.site.project import SiteBuildError, run_mkdocs, write_mkdocs_project


@pytest.mark.slow
def test_mkdocs_without_the_sanitiser_extension_fails_the_build(sample_guide: Guide, tmp_path: Path) -> None:
    config_file = write_mkdocs_project(sample_guide, tmp_path / "project")
    config = yaml.safe_load(config_file.read_text())
    config["markdown_extensions"].remove("generator.common.sanitiser")  # as if the engine skipped it
    config_file.write_text(yaml.safe_dump(config))
    with pytest.raises(SiteBuildError, match="sanitiser did not clean") as caught:
        run_mkdocs(config_file, tmp_path / "site")
    assert "index.html" in str(caught.value)


def test_a_missing_zensical_is_an_environment_error_with_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zensical.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(UsageError, match=r"pip install 'guidegen\[zensical\]'"):
        zensical.require()


def test_build_with_a_missing_engine_exits_2_and_builds_nothing(
    sample_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(sample_root, guide)
    monkeypatch.setattr(zensical.importlib.util, "find_spec", lambda name: None)
    assert main(["build", "--guide", str(guide), "--only", "site", "--engine", "zensical"]) == 2
    assert "guidegen[zensical]" in capsys.readouterr().err
    assert not (guide / "build").exists()


def test_the_engine_asked_for_is_part_of_the_request() -> None:
    args = argparse.Namespace(out=None, only=None, jobs=None, quiet=True, verbose=False, engine="zensical")
    assert BuildOptions.from_args(args).request() == "outputs from site_config.yml, engine zensical"
    assert BuildOptions.from_args(argparse.Namespace(**{**vars(args), "engine": None})).request() == (
        "outputs from site_config.yml"
    )
