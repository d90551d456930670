"""A served preview never shows a stale page: after each kind of edit that reaches every page, the
open page in Chromium updates by itself, and then every page the preview serves is the page a
full build of the edited guide makes (requests for pages not yet rebuilt wait for them).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers.built_sites import full_site
from helpers.edits import replace_line
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SUPPORT = Path(__file__).resolve().parents[2] / "content" / "support.yml"
CHANGE_MS = 30_000  # how long Playwright waits for a saved change to show (it takes about a second)
RELOAD_TAG = re.compile(r'<script id="guidegen-live-reload"[^>]*></script>\n')


def _new_page(guide: Path) -> None:
    page = guide / "content" / "pages" / "added.md"
    page.write_text("---\ntitle: Added zqxpage\norder: 9\n---\nMore words.\n", encoding="utf-8")


# (name, the edit, the open page, words it shows once the edit is in)
EDITS: list[tuple[str, Callable[[Path], None], str, str]] = [
    (
        "title",
        lambda g: replace_line(g / "content/activities/circles.yml", r"^title:.*$", "title: Renamed zqxtitle"),
        "activities/questions/",
        "Renamed zqxtitle",
    ),
    ("new page", _new_page, "activities/circles/", "Added zqxpage"),
    (
        "site_config.yml",
        lambda g: replace_line(g / "site_config.yml", r"^title:.*$", "title: A guide zqxconfig"),
        "first-page/",
        "zqxconfig",
    ),
    (
        "support.yml",
        lambda g: replace_line(g / "content/support.yml", r"^(\s+how: )Call 116 123", r"\1Call 116 123 zqxsupport"),
        "activities/questions/",
        "zqxsupport",
    ),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """`guidegen serve --no-pdfs` on a copy of the small sample with the support contacts."""
    root = tmp_path_factory.mktemp("serve-edits")
    guide = shutil.copytree(SAMPLES / "minimal", root / "guide")
    shutil.copyfile(SUPPORT, guide / "content" / "support.yml")
    with _serving(guide) as url:
        yield guide, url


@contextmanager
def _serving(guide: Path) -> Iterator[str]:
    """The preview's address while `guidegen serve --no-pdfs` serves the guide."""
    command = [sys.executable, "-m", "generator", "serve", "--guide", str(guide), "--port", "0", "--no-pdfs"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    assert process.stdout is not None
    try:
        url = next((line.split(" ", 1)[1].strip() for line in process.stdout if line.startswith("Preview: ")), "")
        assert url, "guidegen serve stopped before it showed the preview"
        threading.Thread(target=process.stdout.read, daemon=True).start()  # keep the pipe drained
        yield url
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)


def _served(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as answer:
        return RELOAD_TAG.sub("", answer.read().decode("utf-8"))


@pytest.mark.parametrize(("name", "edit", "open_page", "shows"), EDITS, ids=[edit[0] for edit in EDITS])
def test_every_served_page_is_the_full_builds_after_an_edit(
    name: str,
    edit: Callable[[Path], None],
    open_page: str,
    shows: str,
    served: tuple[Path, str],
    page: Page,
    tmp_path: Path,
) -> None:
    guide, url = served
    page.goto(url + open_page)
    expect(page.locator("body")).not_to_contain_text(shows)

    edit(guide)

    expect(page.locator("body")).to_contain_text(shows, timeout=CHANGE_MS)  # it reloaded by itself
    full = full_site(guide, tmp_path)
    pages = sorted(p.relative_to(full).as_posix() for p in full.rglob("index.html"))
    assert len(pages) >= 5
    for built in pages:
        address = url + built.removesuffix("index.html")
        assert _served(address) == (full / built).read_text(encoding="utf-8"), address


def test_an_open_welsh_page_updates_after_a_save_of_its_translation(page: Page, tmp_path: Path) -> None:
    """The preview serves the Welsh translation at cy/, as the built site does, and an edit of a
    Welsh file shows in the open Welsh page; every Welsh page is then the full build's."""
    guide = shutil.copytree(SAMPLES / "translated", tmp_path / "guide")
    with _serving(guide) as url:
        page.goto(url + "cy/activities/circles/")
        expect(page.locator("h1")).to_contain_text("Beth sydd bwysicaf?")
        expect(page.locator("body")).not_to_contain_text("zqxnod")

        welsh = guide / "content" / "translations" / "cy" / "activities" / "circles.yml"
        replace_line(welsh, r"^aim:.*$", "aim: Cytuno zqxnod.")

        expect(page.locator("body")).to_contain_text("zqxnod", timeout=CHANGE_MS)  # it reloaded by itself
        full = full_site(guide, tmp_path / "full", translation=0)
        pages = sorted(p.relative_to(full).as_posix() for p in full.rglob("index.html"))
        assert "activities/circles/index.html" in pages
        for built in pages:
            address = url + "cy/" + built.removesuffix("index.html")
            assert _served(address) == (full / built).read_text(encoding="utf-8"), address
