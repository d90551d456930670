"""A library's version read from its dist-info folder's name (common/versions.py), the same as
importlib.metadata says."""

from __future__ import annotations

from importlib import metadata

import pytest

from generator.common.versions import installed_version


@pytest.mark.parametrize(
    ("distribution", "module"),
    [("ruamel.yaml", "ruamel.yaml"), ("Babel", "babel"), ("lxml", "lxml"), ("typing-extensions", "typing_extensions")],
)
def test_the_version_is_the_one_importlib_metadata_gives(distribution: str, module: str) -> None:
    assert installed_version(distribution, module) == metadata.version(distribution)


def test_a_library_that_is_not_installed_is_reported_as_importlib_metadata_reports_it() -> None:
    with pytest.raises(metadata.PackageNotFoundError):
        installed_version("no-such-distribution-here", "no_such_module_here")
