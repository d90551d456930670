"""Is site_url ready for publishing (checks/address.py): an example address is a warning."""

from __future__ import annotations

import pytest

from generator.checks.address import address_problem, is_example
from generator.content.model import Guide


@pytest.mark.parametrize(
    ("url", "example"),
    [
        ("https://example.org/guide/", True),
        ("https://docs.example.com/", True),
        ("http://localhost:8000/", True),
        ("https://guide.example/", True),
        ("https://your-org.github.io/guide/", False),
        ("https://notexample.org/", False),
    ],
)
def test_example_addresses_are_told_apart(url: str, example: bool) -> None:
    assert is_example(url) is example


def test_a_missing_site_url_names_site_config(default_guide: Guide) -> None:
    guide = default_guide.model_copy(update={"config": default_guide.config.model_copy(update={"site_url": None})})
    problem = address_problem(guide, {})
    assert problem is not None and problem.path == "site_config.yml" and "is missing" in problem.message
