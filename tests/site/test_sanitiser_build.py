"""A website engine that did not run guidegen's sanitiser stops the build, loudly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.builder.options import UsageError
from generator.content.model import Guide
from generator.site import zensical
from generator.site.project import SiteBuildError, run_mkdocs, write_mkdocs_project


@pytest.mark.slow
def test_mkdocs_without_the_sanitiser_extension_fails_the_build(sample_guide: Guide, tmp_path: Path) -> None:
    config_file = write_mkdocs_project(sample_guide, tmp_path / "project")
    config = yaml.safe_load(config_file.read_text())
    config["markdown_extensions"].remove("generator.render.sanitiser")  # as if the engine skipped it
    config_file.write_text(yaml.safe_dump(config))
    with pytest.raises(SiteBuildError, match="sanitiser did not clean") as caught:
        run_mkdocs(config_file, tmp_path / "site")
    assert "index.html" in str(caught.value)


def test_a_missing_zensical_is_an_environment_error_with_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zensical.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(UsageError, match=r"pip install 'guidegen\[zensical\]'"):
        zensical.require()
