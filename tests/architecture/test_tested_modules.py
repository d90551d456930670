"""Every module of the package is imported by at least one test (issue 30: 53 were imported by none).

A test that imports a module names it, so a newcomer who changes `pdf/agendas.py` finds the tests
that call it by searching for its name; a module reached only through the command line or a whole
build is tested by accident. NOT_YET_IMPORTED is what is left of issue 30's list: it may only
shrink. A new module that no test imports fails; so does an entry a test now imports (take it off
the list, so it cannot come back unnoticed).

An import counts wherever it is made (also inside a function) and from any file under tests/
(conftests and helpers too); `from generator.pdf import job_list` counts for `pdf.job_list`. A package's
empty `__init__.py` only marks the package and is left out, as the architecture table does.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "generator"
TESTS = REPO / "tests"

NOT_YET_IMPORTED = {
    "__main__",
    "builder.libc",
    "builder.translations",
    "pdf.easy_read",
    "pdf.agendas",
    "publish",
    "publish.command",
    "publish.git",
    "publish.workflow",
    "render.easy_read",
    "render.support",
    "site.easy_read",
}


def package_modules() -> set[str]:
    """Every module of generator/ as a dotted name below it ("" for generator/__init__.py)."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if "templates" in rel.parts or (path.name == "__init__.py" and not path.read_text(encoding="utf-8").strip()):
            continue
        parts = rel.with_suffix("").parts
        found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def imported_names(source: str) -> set[str]:
    """The generator modules (dotted, below the package) a test's source imports, or may import:
    `from generator.x import y` gives both `x` and `x.y`, since y may be a module or a name."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        ours = [name for name in names if name.split(".")[0] == "generator"]
        found |= {name.removeprefix("generator").removeprefix(".") for name in ours}
    return found


def imported_by_tests() -> set[str]:
    found: set[str] = set()
    for path in TESTS.rglob("*.py"):
        if "samples" not in path.relative_to(TESTS).parts:
            found |= imported_names(path.read_text(encoding="utf-8"))
    return found


def test_every_module_is_imported_by_a_test() -> None:
    untested = package_modules() - imported_by_tests()
    assert sorted(untested - NOT_YET_IMPORTED) == [], "no test imports these modules: write one that does"
    assert sorted(NOT_YET_IMPORTED - untested) == [], "a test imports these now: take them off NOT_YET_IMPORTED"


def test_the_list_names_only_modules_that_exist() -> None:
    assert sorted(NOT_YET_IMPORTED - package_modules()) == []


def test_the_checker_sees_every_form_of_import() -> None:
    """The check above can fail: each form of import names its module, and only generator's count."""
    source = (
        "import generator.pdf.job_list\n"
        "from generator.site import pages\n"
        "from generator.render.paper import poster_paper\n"
        "def later():\n    from generator.editor.store import Store\n"
        "import pypdf\nfrom . import sibling\n"
    )
    found = imported_names(source)
    assert {"pdf.job_list", "site.pages", "render.paper", "editor.store"} <= found
    assert not {name for name in found if "pypdf" in name or "sibling" in name}
