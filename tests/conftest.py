"""Fixtures shared by every test folder. Folder-specific ones live in that folder's conftest."""

from __future__ import annotations

import http.server
import importlib.util
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import ModuleType

import pytest
from _pytest.nodeid import NodeId
from helpers.weasyprint_log import WEASYPRINT_LOG, weasyprint_logged
from hypothesis import settings

from generator.builder.pipeline import BuildOptions, build
from generator.content.loader import load_guide
from generator.content.model import Guide
from generator.site.project import run_mkdocs, write_mkdocs_project

# These machines are shared: a slow example is not a failure (hypothesis' 200 ms deadline is).
settings.register_profile("shared-machine", deadline=None)
settings.load_profile("shared-machine")

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


# Session fixtures that cost next to nothing: sharing them is no reason to keep tests together.
CHEAP_SESSION_FIXTURES = {
    "browser_type_launch_args",
    "benchmark_script",
    "default_guide",
    "filled_in",
    "make_counting_server",
    "make_guide_copy",
    "output_dir",
    "own_cache_folder",
    "repo_root",
    "sample_guide",
    "sample_root",
    "update_expected",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-expected",
        action="store_true",
        default=False,
        help="rewrite expected-output files (generated Markdown, error reports) instead of comparing",
    )


@pytest.hookimpl(tryfirst=True)  # before xdist's worker reads the groups into the tests' ids (it came first)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With `-n 2 --dist loadgroup` (pytest-xdist, `make test`), each worker builds the session
    fixtures its tests use: keep every test of a file together (module fixtures), and every test
    that uses the same expensive session build with them, so each build is made once."""
    if not _grouped(config):
        return
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for item in items:
        for name in _session_builds(item):
            parent[find(name)] = find(item.path.as_posix())
    for item in items:
        group = find(item.path.as_posix())
        item.add_marker(pytest.mark.xdist_group(group))
        if hasattr(config, "workerinput"):
            _carry_group(item, group)


@pytest.hookimpl(trylast=True, specname="pytest_collection_modifyitems")
def pytest_collection_modifyitems_last(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The groups' order, set last: pytest's own reordering (fixtures.reorder_items, after the
    hook above) moved every test that takes Playwright's session-scoped browser parameter ahead
    of the rest, so quick tests that open a page went out before PDF groups of minutes."""
    if _grouped(config):
        _heavy_groups_first(items, _group_of)


def _group_of(item: pytest.Item) -> str:
    marker = item.get_closest_marker("xdist_group")
    return str(marker.args[0]) if marker else item.nodeid


def _grouped(config: pytest.Config) -> bool:
    """`--dist loadgroup`, in the controller or in a worker. The workers collect the tests (the
    controller only hands out their groups), and xdist runs them with dist "no" and loadgroup set
    (xdist.remote.setup_config): asking for dist alone left every test a group of its own, so a
    module fixture's tests were split between the workers, each with its own copy."""
    return config.getoption("dist", "no") == "loadgroup" or bool(getattr(config.option, "loadgroup", False))


def _carry_group(item: pytest.Item, group: str) -> None:
    """A worker tells the controller each test's group as a suffix of its id ("...@group"); xdist
    3.8 writes it to an attribute pytest 9.2 no longer reads (pytest-xdist issue 1386), so every
    test was a group of its own. Write it where this pytest keeps the id. (Where xdist's own write
    works, xdist adds the suffix once more: the controller reads the group after the last "@".)"""
    if hasattr(item, "_id"):
        item._id = NodeId.parse(f"{item.nodeid}@{group}")


# What one build fixture (a module's or the session's guide build, site or server) weighs in
# _heavy_groups_first against one slow or browser test: a build of a whole guide costs about as
# much as ten such tests, and a file of three tests over two builds (test_audience) went out late.
BUILD_WEIGHT = 10


def _heavy_groups_first(items: list[pytest.Item], group_of: Callable[[pytest.Item], str]) -> None:
    """xdist hands out the groups in the order their first tests come (pytest_configure turns its
    own reordering, by number of tests, off: that sent a group of two long tests out last, for one
    worker to run alone at the end). The heaviest groups come first, the quick ones last, to fill
    in whichever worker is free: a group weighs its slow and browser tests and, more, the builds
    its slow tests share (module- or session-scoped fixtures of ours). Tests of one group keep their order."""
    groups: dict[str, list[pytest.Item]] = {}
    for item in items:
        groups.setdefault(group_of(item), []).append(item)

    def heavy(members: list[pytest.Item]) -> int:
        slow = [item for item in members if item.get_closest_marker("slow") or item.get_closest_marker("browser")]
        builds = {name for item in slow for name in _shared_fixtures(item)}  # a quick test's are cheap
        return len(slow) + BUILD_WEIGHT * len(builds)

    items[:] = [item for members in sorted(groups.values(), key=lambda m: -heavy(m)) for item in members]


def _shared_fixtures(item: pytest.Item) -> list[str]:
    """The module- and session-scoped fixtures of ours (not plugins') a test uses, but the cheap
    session ones: in a slow group, mostly builds. Keyed by where each is defined."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return []
    found = []
    for name, defs in info.name2fixturedefs.items():
        fixture = defs[-1]
        if name not in CHEAP_SESSION_FIXTURES and fixture.scope in ("module", "session") and fixture.baseid:
            found.append(f"{fixture.baseid}::{name}")
    return found


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """See _heavy_groups_first: the order of the groups is ours (pytest-xdist's --no-loadscope-reorder)."""
    if config.getoption("dist", "no") == "loadgroup" and hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


def _session_builds(item: pytest.Item) -> list[str]:
    """The expensive session fixtures (ours, not plugins') that a test uses, directly or not."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return []
    return [
        f"fixture:{name}"
        for name, defs in info.name2fixturedefs.items()
        if name not in CHEAP_SESSION_FIXTURES and defs[-1].scope == "session" and defs[-1].baseid
    ]


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """`check` remembers warnings in the user's cache folder: tests use one of their own."""
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if saved is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = saved


@pytest.fixture(scope="session")
def update_expected(request: pytest.FixtureRequest) -> bool:
    """True when expected-output files should be refreshed: --update-expected or UPDATE_EXPECTED=1."""
    return bool(request.config.getoption("--update-expected")) or os.environ.get("UPDATE_EXPECTED") == "1"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def default_guide() -> Guide:
    """The guide in this repository's content/, loaded and validated once."""
    return load_guide(REPO)


def copy_guide(dest: Path) -> Path:
    """A private copy of the default guide (config, content) that a test may change."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "site_config.yml", dest / "site_config.yml")
    shutil.copytree(REPO / "content", dest / "content")
    return dest


@pytest.fixture
def guide_copy(tmp_path: Path) -> Path:
    return copy_guide(tmp_path / "guide")


# The expensive builds of the default guide, made once per session (per worker with `-n 2`) for
# the tests that only read them. A test that changes what it reads builds its own.


@pytest.fixture(scope="session")
def default_site(default_guide: Guide, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default guide's hosted website (no PDFs), as MkDocs builds it from the generated project."""
    root = tmp_path_factory.mktemp("default-site")
    run_mkdocs(write_mkdocs_project(default_guide, root / "project"), root / "site")
    return root / "site"


@pytest.fixture(scope="session")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`guidegen build` of a copy of the default guide, every output: the guide's folder, with
    build/ in it. Copy it (with its build/, so the cache reuses what did not change) to build again.
    What WeasyPrint logged while the build rendered is in WEASYPRINT_LOG beside the folder."""
    guide = copy_guide(tmp_path_factory.mktemp("default-build") / "guide")
    with weasyprint_logged(guide.parent / WEASYPRINT_LOG):
        build(guide, BuildOptions(quiet=True))
    return guide


@pytest.fixture(scope="session")
def minimal_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`guidegen build` of a copy of tests/samples/minimal, every output, no date set: the guide's
    folder, with build/ in it. The pipeline's and the signal tests read it; copy it to change it."""
    guide = Path(shutil.copytree(REPO / "tests" / "samples" / "minimal", tmp_path_factory.mktemp("minimal") / "guide"))
    build(guide, BuildOptions(quiet=True))
    return guide


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright: use Debian's Chromium; Playwright cannot download its own here."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture(scope="session")
def make_guide_copy() -> Callable[[Path], Path]:
    """copy_guide for session-scoped fixtures in other folders."""
    return copy_guide


def fill_in_examples(root: Path) -> None:
    """Do what an editor does after `guidegen init` and `new`: replace every example text, check
    each support contact (here: take the marker off) and give a real safeguarding contact."""
    from generator.content.examples import examples

    found = examples()
    owns = {
        str(found.activity["summary"]): "We talk about what matters to us.",
        str(found.activity["aim"]): "Members say what they need from the group.",
        str(found.activity["facilitator_notes"]): "Go gently, and let anyone pass.",
        found.page_summary: "How our group began.",
        found.session_summary: "Our evening together.",
        found.safeguarding_how: "Phone 01234 567890 on weekdays",
        **{line: "Our own words." for line in found.page_body},
    }
    for path in [root / "site_config.yml", *(root / "content").rglob("*.yml"), *(root / "content").rglob("*.md")]:
        text = path.read_text(encoding="utf-8").replace("    to_check: true\n", "")
        for example, own in owns.items():
            text = text.replace(example, own)
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def filled_in() -> Callable[[Path], None]:
    """fill_in_examples, for tests in any folder."""
    return fill_in_examples


@pytest.fixture(scope="session")
def benchmark_script() -> Callable[[str], ModuleType]:
    """benchmarks/ is a folder of scripts, not a package: benchmark_script("synthetic") loads
    benchmarks/synthetic.py from its file (once; registered, as dataclasses look modules up)."""

    def load(name: str) -> ModuleType:
        key = f"benchmark_{name}"
        if key not in sys.modules:
            spec = importlib.util.spec_from_file_location(key, REPO / "benchmarks" / f"{name}.py")
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[key] = module
            spec.loader.exec_module(module)
        return sys.modules[key]

    return load


class CountingServer:
    """A web server on 127.0.0.1 that answers every GET with a tiny SVG and counts it.

    Tests that content cannot make the engines reach the network assert it saw nothing.
    """

    def __init__(self, marker: str = "") -> None:
        self.requests: list[str] = []
        requests = self.requests
        body = f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>{marker}</text></svg>'.encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/svg+xml")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@contextmanager
def counting_server(marker: str = "") -> Iterator[CountingServer]:
    """A CountingServer whose every answer carries marker (so a fetch would leak it into output)."""
    server = CountingServer(marker)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def make_counting_server() -> Callable[[str], AbstractContextManager[CountingServer]]:
    """counting_server() for fixtures of any scope in other folders."""
    return counting_server


@pytest.fixture
def web_server() -> Iterator[CountingServer]:
    with counting_server() as server:
        yield server
