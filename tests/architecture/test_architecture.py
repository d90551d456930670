"""The layout the architecture page describes is the layout of the code (issue 13): a few
modules at the top of `generator/`, the rest in sub-packages by stage, and a table in
docs/architecture.md that lists every module and nothing that is not there."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "generator"
TOP_LEVEL_LIMIT = 10
ROW = re.compile(r"^\|\s*(.+?)\s*\|")


def _modules() -> set[str]:
    """Every module of the package, relative to it; an empty __init__.py only marks a package."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if "templates" in rel.parts or (path.name == "__init__.py" and not path.read_text(encoding="utf-8").strip()):
            continue
        found.add(rel.as_posix())
    return found


def _documented() -> set[str]:
    """Modules named in the first column of the architecture page's table."""
    names = set()
    for line in (REPO / "docs" / "architecture.md").read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            names |= set(re.findall(r"`([\w/]+\.py)`", match.group(1)))
    return names


def test_generator_has_at_most_ten_modules_at_its_top_level() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= TOP_LEVEL_LIMIT, top


def test_the_architecture_page_lists_every_module() -> None:
    missing = sorted(_modules() - _documented())
    assert not missing, f"add these to the table in docs/architecture.md: {missing}"


def test_the_architecture_page_lists_nothing_that_does_not_exist() -> None:
    gone = sorted(_documented() - _modules())
    assert not gone, f"docs/architecture.md lists modules that are not in generator/: {gone}"
