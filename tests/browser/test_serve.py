"""`guidegen serve` end to end: the real command in a child process, a copy of the small sample
guide, real files edited on disk, and headless Chromium watching the page update by itself.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers.axe import AXE_SCRIPT
from helpers.axe import violations as axe_violations
from playwright.sync_api import Page, expect

from generator.content.loader import load_guide
from generator.errors import ContentError

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "minimal"
READY_PREFIX = "Preview: http://127.0.0.1:"
CHANGE_SECONDS = 10_000  # ms Playwright waits for a saved change to show; it usually takes 1 to 2 s


@dataclass
class Preview:
    process: subprocess.Popen[str]
    guide: Path
    tmp: Path  # the server's TMPDIR: its temporary preview folder lives here
    output: list[str] = field(default_factory=list)
    url: str = ""

    @property
    def port(self) -> int:
        return int(self.url.split(":")[2].split("/")[0])

    def get(self, path: str, host: str | None = None) -> tuple[int, str]:
        """A raw request: http.client sends the path exactly as given, `..` included."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host or f"127.0.0.1:{self.port}")
        connection.endheaders()
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, body

    def stop(self) -> int:
        """Ctrl+C as a terminal sends it: SIGINT to the whole process group."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(timeout=30)


def _read_output(preview: Preview, ready: threading.Event) -> None:
    assert preview.process.stdout is not None
    for line in preview.process.stdout:
        preview.output.append(line)
        if line.startswith(READY_PREFIX):
            preview.url = line.removeprefix("Preview: ").strip()
            ready.set()


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    root = tmp_path_factory.mktemp("serve")
    guide = shutil.copytree(SAMPLE, root / "guide")
    tmp = root / "tmp"
    tmp.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--guide", str(guide), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, so the test can stop all of it
        env={**os.environ, "TMPDIR": str(tmp)},
    )
    started = Preview(process, guide, tmp)
    ready = threading.Event()
    threading.Thread(target=_read_output, args=(started, ready), daemon=True).start()
    try:
        assert ready.wait(timeout=60), "".join(started.output)
        yield started
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_serves_on_loopback_only_and_refuses_paths_outside_the_site(preview: Preview) -> None:
    assert _listening_addresses(preview.port) == ["0100007F"]  # 127.0.0.1 and nothing else
    status, home = preview.get("/")
    assert status == 200 and 'id="guidegen-live-reload"' in home
    built = next(preview.tmp.glob("guidegen-preview-*/quick/site/index.html")).read_text(encoding="utf-8")
    assert "A small test guide" in built and "guidegen-live-reload" not in built  # added on the way out only
    assert preview.get("/../site_config.yml")[0] == 400
    assert preview.get("/%2e%2e/%2e%2e/etc/passwd")[0] == 400
    assert preview.get("/assets/..%2f..%2fmkdocs/mkdocs.yml")[0] == 400
    listing = preview.get("/assets/")
    assert listing[0] == 404 and "Directory listing" not in listing[1]  # a folder is never listed
    assert preview.get("/", host="attacker.example")[0] == 403


def _listening_addresses(port: int) -> list[str]:
    """Local addresses (hex, as in /proc/net/tcp*) listening on port."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.append(address)
    return found


def test_edits_show_at_once_and_broken_content_shows_its_problems_until_fixed(page: Page, preview: Preview) -> None:
    home_file = preview.guide / "content" / "home.md"
    page.goto(preview.url)
    expect(page.locator("h1")).to_have_text("A small test guide")

    # The PDFs are made in the background; the open page then reloads with a link to the booklet.
    booklet = page.get_by_role("link", name="Download the whole guide (PDF)")
    expect(booklet).to_be_visible(timeout=45_000)
    pdf = page.request.get(preview.url + booklet.get_attribute("href"))  # type: ignore[operator]
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF-")

    started = time.monotonic()
    home_file.write_text(home_file.read_text(encoding="utf-8").replace("Start with", "Begin with"), encoding="utf-8")
    expect(page.locator("article")).to_contain_text("Begin with the first page", timeout=CHANGE_SECONDS)
    print(f"edit shown after {time.monotonic() - started:.1f} s")

    originals = _break_two_activities(preview.guide)
    with pytest.raises(ContentError) as caught:
        load_guide(preview.guide)
    expect(page.locator("h1")).to_have_text("The preview is paused until the content is fixed", timeout=CHANGE_SECONDS)
    _shows_every_problem(page, preview, caught.value)

    for path, text in originals.items():
        path.write_text(text, encoding="utf-8")
    expect(page.locator("h1")).to_have_text("A small test guide", timeout=CHANGE_SECONDS)
    expect(page.locator("article")).to_contain_text("Begin with the first page")


def _break_two_activities(guide: Path) -> dict[Path, str]:
    """Invalid YAML in one activity; in another a wrong value that looks like HTML."""
    circles, questions = guide / "content/activities/circles.yml", guide / "content/activities/questions.yml"
    originals = {path: path.read_text(encoding="utf-8") for path in (circles, questions)}
    circles.write_text(originals[circles].replace("steps:", "steps: [unclosed"), encoding="utf-8")
    lines = [
        'duration_minutes: "<em>ten</em>"' if line.startswith("duration_minutes:") else line
        for line in originals[questions].splitlines()
    ]
    questions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return originals


def _shows_every_problem(page: Page, preview: Preview, error: ContentError) -> None:
    problems = page.locator("ol.problems > li")
    expect(problems).to_have_count(len(error.problems))
    assert {p.path for p in error.problems} == {"content/activities/circles.yml", "content/activities/questions.yml"}
    for problem, item in zip(error.problems, problems.all(), strict=True):
        expect(item.locator("code.where")).to_have_text(f"{problem.path}:{problem.line}:{problem.column}")
        expect(item).to_contain_text(problem.message)
    expect(page.locator("main")).to_contain_text('duration_minutes: "<em>ten</em>"')  # shown as text...
    assert page.locator("main em").count() == 0  # ...never as markup
    status, other_page = preview.get("/activities/circles/")
    assert status == 500 and "content/activities/circles.yml:" in other_page  # every page shows it
    # Not add_script_tag: the preview's Content-Security-Policy blocks an inline script, as it should.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    assert axe_violations(page) == []


def test_ctrl_c_stops_everything_and_removes_the_temporary_folder(preview: Preview) -> None:
    code = preview.stop()
    output = "".join(preview.output)
    assert code in (0, 130), output
    assert output.rstrip().endswith("Stopped.")
    assert list(preview.tmp.iterdir()) == []
    with pytest.raises(ProcessLookupError):  # nothing left in its process group (the PDF builder included)
        os.killpg(preview.process.pid, 0)
