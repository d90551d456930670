"""The browser editor's two waits (issue 29), measured on this machine, not a timed test.

`.venv/bin/python benchmarks/editor.py --sizes 11,500` starts `guidegen serve --no-pdfs` on the
default guide (11 activities) or a synthetic guide (benchmarks/synthetic.py), then in headless
Chromium (Debian's) times:

- opening the editor: from loading /admin/ until the Activities collection lists its first
  entry (login included, one click);
- a save: from "Publish now" on an activity's changed title until the preview's page of that
  activity shows the new title (the check in context, the write, the website's rebuild).

Each waits for the state it times, never for a fixed time. Prints one Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright
from synthetic import REPO, make_guide

CHROMIUM = "/usr/bin/chromium"
WAIT_MS = 300_000


def _serve(guide: Path) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "generator", "serve", "--guide", str(guide), "--port", "0", "--no-pdfs"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, start_new_session=True, env=env)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("Edit the guide in your browser: "):
            return process, line.split(": ", 1)[1].strip().removesuffix("/admin/")
    raise RuntimeError("guidegen serve stopped before it was ready")


def measure(guide: Path) -> tuple[float, float]:
    process, origin = _serve(guide)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            page = browser.new_page()
            started = time.monotonic()
            page.goto(f"{origin}/admin/#/collections/activities")
            page.get_by_role("button", name="Login").click()
            page.get_by_text("What makes good facilitation?").first.wait_for(timeout=WAIT_MS)
            opened = time.monotonic() - started
            page.goto(f"{origin}/admin/#/collections/activities/entries/good-facilitation")
            title = page.get_by_label("Title", exact=True)
            title.wait_for(timeout=WAIT_MS)
            title.fill("What makes facilitation good?")
            page.get_by_role("button", name="Publish").click()
            started = time.monotonic()
            page.get_by_text("Publish now").click()
            preview = browser.new_page()
            preview.goto(f"{origin}/peer-leadership/activities/good-facilitation/")
            preview.locator("h1", has_text="What makes facilitation good?").wait_for(timeout=WAIT_MS)
            saved = time.monotonic() - started
            browser.close()
        return opened, saved
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="11,500", help="activities in each guide; 11 is the default guide")
    args = parser.parse_args(argv)
    rows = ["| activities | editor shows the collection | save to preview |", "|---|---|---|"]
    with tempfile.TemporaryDirectory(prefix="guidegen-editor-bench-") as folder:
        for size in [int(s) for s in args.sizes.split(",")]:
            guide = Path(folder) / f"guide-{size}"
            if size <= 11:
                guide.mkdir()
                shutil.copytree(REPO / "content", guide / "content")
                shutil.copy(REPO / "site_config.yml", guide / "site_config.yml")
            else:
                make_guide(guide, size)
            opened, saved = measure(guide)
            rows.append(f"| {size} | {opened:.1f} s | {saved:.1f} s |")
            print(rows[-1], flush=True)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
