"""The browser editor end to end: the real `guidegen serve` on a copy of the default guide, the
vendored Decap CMS in headless Chromium, and the files on disk as the judge. Nothing here waits
for a fixed time: each step waits for the state it asserts (a field, a message, a file, a page).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from ruamel.yaml import YAML

from generator.checks import check_guide

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
TRANSLATED = REPO / "tests" / "samples" / "translated"
ACTIVITY = "content/activities/good-facilitation.yml"
READY_PREFIX = "Edit the guide in your browser: "
WAIT_MS = 30_000  # the longest any step may take on a busy shared machine; usually 1 to 3 s


@dataclass
class Editor:
    process: subprocess.Popen[str]
    guide: Path
    output: list[str] = field(default_factory=list)
    admin: str = ""

    @property
    def origin(self) -> str:
        return self.admin.removesuffix("/admin/")


def _read_output(editor: Editor, ready: threading.Event) -> None:
    assert editor.process.stdout is not None
    for line in editor.process.stdout:
        editor.output.append(line)
        if line.startswith(READY_PREFIX):
            editor.admin = line.removeprefix(READY_PREFIX).strip()
            ready.set()


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    """The default guide copied to a temporary folder: the repository's content/ is never edited."""
    guide = tmp_path_factory.mktemp("editor") / "guide"
    guide.mkdir()
    shutil.copytree(REPO / "content", guide / "content")
    shutil.copy(REPO / "site_config.yml", guide / "site_config.yml")
    yield from _serve(guide)


@pytest.fixture(scope="module")
def welsh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    """The small sample guide with its Welsh translation, copied."""
    guide = shutil.copytree(TRANSLATED, tmp_path_factory.mktemp("welsh") / "guide")
    yield from _serve(guide)


def _serve(guide: Path) -> Iterator[Editor]:
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--guide", str(guide), "--port", "0", "--no-pdfs"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    started = Editor(process, guide)
    ready = threading.Event()
    threading.Thread(target=_read_output, args=(started, ready), daemon=True).start()
    try:
        assert ready.wait(timeout=90), "".join(started.output)
        yield started
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _open(page: Page, editor: Editor, fragment: str) -> None:
    """The editor at a place: the local backend has no password, so no login page comes first."""
    page.goto(f"{editor.admin}#/{fragment}")


def _publish(page: Page) -> None:
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Publish now").click()


def _until(condition: Callable[[], bool], what: str) -> None:
    """Wait for a file on disk to reach a state (the browser cannot tell us; poll it)."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting until {what}"
        time.sleep(0.05)


def test_the_editor_shows_the_guides_collections_with_no_other_host(page: Page, editor: Editor) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    started = time.monotonic()
    _open(page, editor, "collections/activities")
    expect(page.get_by_text("What makes good facilitation?")).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_role("button", name="Login")).to_have_count(0)  # opened with no click
    print(f"collections shown {time.monotonic() - started:.2f} s after opening /admin/")
    for name in ("settings", "home", "pages", "activities", "skills", "sessions", "support"):
        expect(page.get_by_test_id(name)).to_have_attribute("href", f"#/collections/{name}")
    assert [url for url in requests if not url.startswith((editor.origin + "/", "data:", "blob:"))] == []
    assert errors == []


def test_a_save_keeps_comments_passes_check_and_shows_in_the_preview(page: Page, editor: Editor) -> None:
    path = editor.guide / ACTIVITY
    before = path.read_text(encoding="utf-8")
    _open(page, editor, "collections/activities/entries/good-facilitation")
    title = page.get_by_label("Title", exact=True)
    expect(title).to_have_value("What makes good facilitation?", timeout=WAIT_MS)
    title.fill("What makes facilitation good?")
    page.locator("[id^='minutes-field']").nth(1).fill("4")
    started = time.monotonic()
    _publish(page)
    expect(page.get_by_text("Entry saved")).to_be_visible(timeout=WAIT_MS)
    _until(lambda: path.read_text(encoding="utf-8") != before, "the file is saved")

    after = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [
        ("title: What makes good facilitation?", "title: What makes facilitation good?"),
        ("    minutes: 5", "    minutes: 4"),
    ]
    assert [line for line in after.splitlines() if line.startswith("#")] == [
        line for line in before.splitlines() if line.startswith("#")
    ]
    check_guide(editor.guide, remember=False)  # raises ContentError on any problem

    preview = page.context.new_page()
    preview.goto(f"{editor.origin}/peer-leadership/activities/good-facilitation/")
    expect(preview.locator("h1")).to_have_text("What makes facilitation good?", timeout=WAIT_MS)
    print(f"saved change shown in the preview {time.monotonic() - started:.2f} s after Publish")


def test_an_invalid_value_shows_checks_message_and_leaves_the_file_alone(page: Page, editor: Editor) -> None:
    path = editor.guide / ACTIVITY
    before = path.read_bytes()
    _open(page, editor, "collections/activities/entries/good-facilitation")
    minutes = page.locator("[id^='minutes-field']").nth(1)
    expect(minutes).to_have_value(str(_minutes(path, 1)), timeout=WAIT_MS)
    minutes.fill("500")
    _publish(page)
    message = page.get_by_text("the steps' minutes add up to", exact=False).first
    expect(message).to_be_visible(timeout=WAIT_MS)
    expect(message).to_contain_text(f"{ACTIVITY}:")
    expect(message).to_contain_text("Nothing was saved")
    assert path.read_bytes() == before


def _minutes(path: Path, step: int) -> int:
    return int(_data(path)["steps"][step]["minutes"])


def _data(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def test_a_new_activity_with_a_handout_is_created(page: Page, editor: Editor) -> None:
    path = editor.guide / "content/activities/finding-a-venue.yml"
    _open(page, editor, "collections/activities/new")
    page.get_by_label("Id", exact=True).fill("finding-a-venue")
    page.get_by_label("Title", exact=True).fill("Finding a venue")
    page.get_by_label("Aim", exact=True).fill("The group agrees what it needs from a room.")
    page.get_by_label("Duration Minutes", exact=True).fill("20")
    page.get_by_label("Group Size", exact=True).fill("Any size")
    page.get_by_role("button", name="Add steps").click()
    page.locator("[id^='text-field']").last.fill("List what the room must have.")
    page.locator("[id^='minutes-field']").last.fill("15")
    page.get_by_role("button", name="Add handout").click()
    page.get_by_role("menuitem", name="Questions").click()
    page.get_by_role("button", name="Add questions").click()
    page.locator("[id^='item-field']").last.fill("What must the room have?")
    _publish(page)
    expect(page.get_by_text("Entry saved")).to_be_visible(timeout=WAIT_MS)
    _until(path.exists, "the new activity is written")
    assert _data(path) == {
        "id": "finding-a-venue",
        "title": "Finding a venue",
        "aim": "The group agrees what it needs from a room.",
        "duration_minutes": 20,
        "group_size": "Any size",
        "steps": [{"text": "List what the room must have.", "minutes": 15}],
        "handout": {"kind": "questions", "questions": ["What must the room have?"]},
    }
    guide, _ = check_guide(editor.guide, remember=False)
    assert "finding-a-venue" in [activity.id for activity in guide.activities]


def test_a_new_page_is_created(page: Page, editor: Editor) -> None:
    """The Markdown editor and its preview load every chunk they need under /admin/'s policy."""
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security" in message.text else None)
    path = editor.guide / "content/pages/our-venue.md"
    _open(page, editor, "collections/pages/new")
    page.get_by_label("Title", exact=True).fill("Our venue")
    page.locator("[contenteditable='true']").last.click()
    page.keyboard.type("We meet in the quiet room on the first floor.")
    _publish(page)
    expect(page.get_by_text("Entry saved")).to_be_visible(timeout=WAIT_MS)
    _until(path.exists, "the new page is written")
    assert path.read_text(encoding="utf-8") == (
        "---\ntitle: Our venue\n---\nWe meet in the quiet room on the first floor.\n"
    )
    guide, _ = check_guide(editor.guide, remember=False)
    assert "our-venue" in [p.id for p in guide.pages]
    assert refused == []


def test_an_uploaded_image_goes_to_the_assets(page: Page, editor: Editor) -> None:
    picture = BytesIO()
    Image.new("RGB", (40, 20), "teal").save(picture, format="PNG")
    _open(page, editor, "collections/pages")
    page.get_by_text("Media", exact=True).click()
    upload = {"name": "venue.png", "mimeType": "image/png", "buffer": picture.getvalue()}
    page.locator("input[type=file]").set_input_files(files=[upload])
    expect(page.get_by_text("venue.png")).to_be_visible(timeout=WAIT_MS)
    path = editor.guide / "content/assets/venue.png"
    _until(path.exists, "the image is written")
    assert path.read_bytes() == picture.getvalue()


def test_a_welsh_translation_is_edited(page: Page, welsh: Editor) -> None:
    path = welsh.guide / "content/translations/cy/activities/circles.yml"
    before = path.read_text(encoding="utf-8")
    _open(page, welsh, "collections/cy_activities/entries/circles")
    title = page.locator("[id^='title-field']").first  # optional in a translation
    expect(title).to_have_value("Beth sydd bwysicaf?", timeout=WAIT_MS)
    # Each field's hint is the English it translates.
    expect(page.get_by_text("Source: What matters most?")).to_be_visible()
    expect(page.get_by_text("Place each note in a ring.")).to_be_visible()
    title.fill("Beth sy'n bwysig i ni?")
    _publish(page)
    expect(page.get_by_text("Entry saved")).to_be_visible(timeout=WAIT_MS)
    _until(lambda: path.read_text(encoding="utf-8") != before, "the translation is saved")
    assert path.read_text(encoding="utf-8") == before.replace("Beth sydd bwysicaf?", "Beth sy'n bwysig i ni?")
    check_guide(welsh.guide, remember=False)
