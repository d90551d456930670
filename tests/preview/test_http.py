"""The preview tells an open page the moment that page is rebuilt: its script's question waits
for the change, and the page counts as open while it waits."""

from __future__ import annotations

import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.preview.http import PreviewServer, PreviewState, start
from generator.preview.pages import RELOAD_JS, VERSION_PATH

PAGE = "activities/x/index.html"
OTHER = "activities/y/index.html"
DEADLINE = 60.0  # seconds: only a broken preview takes this long


@pytest.fixture
def shown(tmp_path: Path) -> tuple[PreviewState, Path]:
    site = tmp_path / "site"
    (site / "activities" / "x").mkdir(parents=True)
    (site / "activities" / "x" / "index.html").write_text("<html><body>x</body></html>", encoding="utf-8")
    state = PreviewState()
    assert state.show_site(site, "/", state.next_generation())
    return state, site


def until(condition: object) -> None:
    """Wait for a state another thread reaches (never for a length of time)."""
    assert callable(condition)
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < DEADLINE, "the state was never reached"
        time.sleep(0.01)


def test_a_waiting_page_is_answered_when_it_is_rebuilt_and_counts_as_open(shown: tuple[PreviewState, Path]) -> None:
    state, site = shown
    before = state.page_version(PAGE)
    answers: list[str] = []
    waiting = threading.Thread(target=lambda: answers.append(state.changed_version(PAGE, before, timeout=DEADLINE)))
    waiting.start()
    until(lambda: PAGE in state.open_pages())  # open while it waits, though it asked only once

    generation = state.next_generation()
    assert state.show_site(site, "/", generation, built={PAGE})
    waiting.join(timeout=DEADLINE)

    assert not waiting.is_alive()
    assert answers == [state.page_version(PAGE)] and answers[0] != before


def test_another_pages_rebuild_does_not_answer_it(shown: tuple[PreviewState, Path]) -> None:
    state, site = shown
    before = state.page_version(PAGE)
    assert state.show_site(site, "/", state.next_generation(), built={OTHER})
    assert state.changed_version(PAGE, before, timeout=0) == before  # nothing new for this page
    assert state.changed_version(PAGE, "an older version", timeout=0) == before  # at once: the page is behind


@pytest.fixture
def server(shown: tuple[PreviewState, Path]) -> Iterator[tuple[PreviewServer, PreviewState]]:
    state, _ = shown
    server = PreviewServer(0, state)
    start(server)
    try:
        yield server, state
    finally:
        server.shutdown()
        server.server_close()


def test_the_script_asks_with_the_version_it_has_and_is_answered_at_once_when_behind(
    server: tuple[PreviewServer, PreviewState],
) -> None:
    preview, state = server
    assert "&shown=" in RELOAD_JS and VERSION_PATH in RELOAD_JS
    address = f"http://127.0.0.1:{preview.port}{VERSION_PATH}?page=/activities/x/&shown=old"
    with urllib.request.urlopen(address, timeout=DEADLINE) as answer:
        assert answer.read().decode() == state.page_version(PAGE)
