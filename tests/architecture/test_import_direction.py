"""Imports flow one way and never in circles (issue 30), held to today's known exceptions.

Beside test_architecture.py, which keeps the table of modules true. The stages of
docs/architecture.md, lowest first: the errors every stage raises; content/ (load and
validate); render/ (what the outputs share); the outputs site/, pdf/, epub/, offline/ (peers),
with the editors' checks/, translate/ and editor/ beside them; builder/ (runs the outputs); preview/
and publish/ (use builds); the command line. A module may import its own stage and the ones below.

Every import counts, also one made inside a function (a lazy import still ties two modules
together), except those under `if TYPE_CHECKING:` and the public API in generator/__init__.py,
which imports lazily for callers. KNOWN_CIRCLES and KNOWN_UPWARD are what issue 30 found: the
lists may only shrink. A new circle or upward import fails; so does an entry that is fixed (take
it off the list, so it cannot come back unnoticed).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "generator"

STAGES = {
    "": 0,  # generator/__init__.py: __version__ (its public API is left out of the graph, see _graph)
    "errors": 0,
    "common": 0,
    "content": 1,
    "render": 2,
    **dict.fromkeys(("site", "pdf", "epub", "offline", "checks", "translate"), 3),
    # editor/ is the Decap CMS configuration made from the content model, and reading and saving
    # content files: it imports only content/ and render/. Its published admin/ (editor/hosted.py)
    # is an output the build writes beside the website, so it stands with site/ and translate/
    # (which also writes content files); the editor's HTTP doors stay in preview/editor_http.py.
    "editor": 3,
    "builder": 4,
    **dict.fromkeys(("preview", "publish"), 5),
    **dict.fromkeys(("cli", "__main__", "faults", "scaffold"), 6),
}

KNOWN_CIRCLES: set[frozenset[str]] = set()

KNOWN_UPWARD: set[tuple[str, str]] = set()


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


def test_no_new_import_circles() -> None:
    found = _circles(_graph())
    assert sorted(map(sorted, found - KNOWN_CIRCLES)) == [], "new import circles: move the shared piece down a floor"
    assert sorted(map(sorted, KNOWN_CIRCLES - found)) == [], "circles gone: take them off KNOWN_CIRCLES"


def test_no_new_imports_from_a_lower_stage_to_a_higher_one() -> None:
    graph = _graph()
    upward = {(a, b) for a, targets in graph.items() if a for b in targets if _stage(a) < _stage(b)}
    assert sorted(upward - KNOWN_UPWARD) == [], "a lower stage imports a higher one: move the shared piece down"
    assert sorted(KNOWN_UPWARD - upward) == [], "fixed: take these off KNOWN_UPWARD"


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
