"""Imports flow one way and never in circles (issue 30), in the stage order docs/architecture.md gives.

Beside test_architecture.py, which keeps the table of modules true. The stages are read from the
architecture page's numbered list under "## Stages" (lowest first): a module may import its own
stage and the ones below, and the page cannot say one order while the code keeps another.

Every import counts, also one made inside a function (a lazy import still ties two modules
together), except those under `if TYPE_CHECKING:` and the public API in generator/__init__.py,
which imports lazily for callers. Issue 30 found six circles and seven upward imports; none is
left, and any new one fails. So does a module taking another module's `_private` name.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "generator"
STAGE_LINE = re.compile(r"^(\d+)\. \*\*\w+\*\*: ((?:`[\w_]+`(?:, )?)+)")


def _stages_from_the_page() -> dict[str, int]:
    """{top-level package or module: its stage}, from the numbered list under "## Stages"."""
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("\n## Stages\n", 1)[1].split("\n## ", 1)[0]
    stages = {"": 0}  # generator/__init__.py: __version__ (its public API is left out of the graph, see _graph)
    for line in section.splitlines():
        match = STAGE_LINE.match(line)
        if match:
            stages |= dict.fromkeys(re.findall(r"`([\w_]+)`", match.group(2)), int(match.group(1)))
    return stages


STAGES = _stages_from_the_page()
# The outputs take a Guide: they read no content file themselves (docs/architecture.md, "Stages").
OUTPUTS = ("render", "site", "pdf", "epub", "offline")
CONTENT_READERS = {"content.reader", "content.source_file", "content.parse_cache"}


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in PACKAGE.rglob("*.py") if "templates" not in path.parts}


def _under_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(name: str, path: Path) -> set[str]:
    """The package's modules that module `name` imports (a name from a package, if a module, counts as it)."""
    here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    nodes: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
    while nodes:
        node = nodes.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _under_type_checking(child):
                nodes.extend(child.orelse)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = here[: len(here) - child.level + 1] + (child.module.split(".") if child.module else [])
                elif child.module and child.module.startswith("generator"):
                    base = child.module.split(".")[1:]
                else:
                    continue
                for alias in child.names:
                    module = ".".join([*base, alias.name])
                    found.add(module if module in MODULES else ".".join(base))
            elif isinstance(child, ast.Import):
                found |= {
                    alias.name.removeprefix("generator.")
                    for alias in child.names
                    if alias.name.startswith("generator.")
                }
            else:
                nodes.append(child)
    return {module for module in found if module in MODULES and module != name}


def _graph() -> dict[str, set[str]]:
    graph = {name: _imported(name, path) for name, path in MODULES.items()}
    graph[""] = set()  # generator/__init__.py: the public API, imported lazily for callers
    return graph


def _circles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """Strongly connected groups of two or more modules (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.add(frozenset(group))
    return found


def _stage(module: str) -> int:
    return STAGES[module.split(".")[0]]


def test_every_module_has_a_stage() -> None:
    assert sorted(m for m in MODULES if m and m.split(".")[0] not in STAGES) == []


def test_the_page_gives_every_stage_in_order() -> None:
    """The list was read: every stage from the floor to the face, each package in one."""
    assert STAGES["errors"] == 1 < STAGES["content"] < STAGES["render"] < STAGES["pdf"] < STAGES["builder"]
    assert STAGES["pdf"] == STAGES["epub"] == STAGES["site"] < STAGES["publish"] < STAGES["cli"]


def test_no_import_circles() -> None:
    assert sorted(map(sorted, _circles(_graph()))) == [], "import circles: move the shared piece down a floor"


def test_no_imports_from_a_lower_stage_to_a_higher_one() -> None:
    graph = _graph()
    upward = {(a, b) for a, targets in graph.items() if a for b in targets if _stage(a) < _stage(b)}
    assert sorted(upward) == [], "a lower stage imports a higher one: move the shared piece down"


def test_the_outputs_read_no_content_file() -> None:
    """They take a Guide: no YAML reader, no load_guide (the assets they publish are theirs to read)."""
    graph = _graph()
    found = {(a, b) for a, targets in graph.items() if a.split(".")[0] in OUTPUTS for b in targets & CONTENT_READERS}
    loads = [name for name, path in MODULES.items() if name.split(".")[0] in OUTPUTS and _calls_load_guide(path)]
    assert (sorted(found), loads) == ([], [])


def test_pdf_and_epub_are_peers_with_one_dispatcher() -> None:
    """Neither output imports the other; builder/work.py alone sends a job to the one that makes it."""
    graph = _graph()
    across = {
        (a, b) for a, targets in graph.items() for b in targets if {a.split(".")[0], b.split(".")[0]} == {"pdf", "epub"}
    }
    assert sorted(across) == []
    makers = {"render_job", "epub_bytes", "write_epub"}  # what makes a PDF, what makes the EPUB
    takers = sorted({name for name, path in MODULES.items() for taken in _imported_names(path) if taken in makers})
    assert takers == ["builder.work"]


def _imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}


def _calls_load_guide(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Name | ast.Attribute) and "load_guide" in ast.unparse(node) for node in ast.walk(tree)
    )


def _private_names_taken(path: Path) -> list[str]:
    """`from .x import _name`, and `x._name` where x was imported from the package (a module, a
    class or a function): another module's private name. A dunder is not private."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: set[str] = set()
    taken = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("generator")):
            for alias in node.names:
                if _private(alias.name):
                    taken.append(f"{path.name}:{node.lineno}: {alias.name}")
                modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            modules |= {alias.asname or "generator" for alias in node.names if alias.name.startswith("generator")}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not isinstance(node.value, ast.Name):
            continue
        if node.value.id in modules and _private(node.attr):
            taken.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    return sorted(taken)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_module_takes_another_modules_private_names() -> None:
    """A name another module needs is made public with a clear name, or moved to where it belongs."""
    taken = {name: found for name, path in MODULES.items() if (found := _private_names_taken(path))}
    assert taken == {}


def test_the_private_name_check_finds_both_ways_in(tmp_path: Path) -> None:
    source = tmp_path / "a.py"
    source.write_text(
        "from .b import _hidden, shown, __version__\nfrom . import c\nc._inner()\nc.__name__\nshown.public = 1\n",
        encoding="utf-8",
    )
    assert _private_names_taken(source) == ["a.py:1: _hidden", "a.py:3: c._inner"]


def test_the_checker_finds_a_circle_and_an_upward_import() -> None:
    """The checks above can fail: a made-up graph with both faults is caught."""
    graph = {"content.a": {"site.b"}, "site.b": {"content.a"}, "render.c": set()}
    assert _circles(graph) == {frozenset({"content.a", "site.b"})}
    assert [(a, b) for a, targets in graph.items() for b in targets if _stage(a) < _stage(b)] == [
        ("content.a", "site.b")
    ]
