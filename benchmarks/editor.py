"""The browser editor's two waits (issue 29), measured on this machine, not a timed test.

`.venv/bin/python benchmarks/editor.py --sizes 11,500` starts `guidegen serve --no-pdfs` on the
default guide (11 activities) or a synthetic guide (benchmarks/synthetic.py), then in headless
Chromium (Debian's) times:

- opening the editor: from loading /admin/ until the Activities collection lists its first
  entry (login included, one click);
- a save: from "Publish now" on an activity's changed title until the preview's page of that
  activity shows the new title (the check in context, the write, the website's rebuild), and
  until the API had answered the save (checked and written: the rest is the preview's rebuild).

Each waits for the state it times, never for a fixed time. `--repeat N` (default 3) starts the
preview N times per guide and reports medians, with where the opening's time went (when the
Decap bundle, config.yml and the Activities folder's entries had arrived) and the load average:
these waits are only comparable on a machine equally busy. "Opened again" is the editor opened
a second time in the same browser, as an editor does every day. Prints one Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, Request, sync_playwright
from synthetic import REPO, make_guide

CHROMIUM = "/usr/bin/chromium"
WAIT_MS = 300_000
COLUMNS = ("opened", "app", "config", "entries", "reopened", "saved", "written")


def _serve(guide: Path) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "generator", "serve", "--guide", str(guide), "--port", "0", "--no-pdfs"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, start_new_session=True, env=env)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("Edit the guide in your browser: "):
            return process, line.split(": ", 1)[1].strip().removesuffix("/admin/")
    raise RuntimeError("guidegen serve stopped before it was ready")


def measure(guide: Path) -> dict[str, float]:
    """One start of the preview: seconds to each state, from loading /admin/ (or from Publish)."""
    process, origin = _serve(guide)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            page = browser.new_context().new_page()  # a context of its own, to open the editor again in
            answered: dict[str, float] = {}
            page.on("requestfinished", lambda request: _answered(request, answered))
            started = time.monotonic()
            page.goto(f"{origin}/admin/#/collections/activities")
            page.get_by_role("button", name="Login").click()
            page.get_by_text("What makes good facilitation?").first.wait_for(timeout=WAIT_MS)
            found = {"opened": time.monotonic() - started}
            found |= {what: moment - started for what, moment in answered.items()}
            answered.pop("written", None)  # a save is timed from Publish
            found["reopened"] = _reopen(page.context.new_page(), origin)
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
            found["saved"] = time.monotonic() - started
            found["written"] = answered["written"] - started
            browser.close()
        return found
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)


def _reopen(page: Page, origin: str) -> float:
    """The editor opened again in the same browser (still logged in), as an editor does daily."""
    started = time.monotonic()
    page.goto(f"{origin}/admin/#/collections/activities")
    entry = page.get_by_text("What makes good facilitation?").first
    login = page.get_by_role("button", name="Login")
    entry.or_(login).first.wait_for(timeout=WAIT_MS)
    if login.is_visible():
        login.click()
    entry.wait_for(timeout=WAIT_MS)
    reopened = time.monotonic() - started
    page.close()
    return reopened


def _answered(request: Request, answered: dict[str, float]) -> None:
    """When config.yml and the Activities folder's entries arrived (the first time each)."""
    if request.url.endswith("/admin/config.yml"):
        answered.setdefault("config", time.monotonic())
    elif request.url.endswith("/admin/decap-cms.js"):
        answered.setdefault("app", time.monotonic())
    elif request.url.endswith("/api/v1") and '"persistEntry"' in (request.post_data or ""):
        answered.setdefault("written", time.monotonic())
    elif request.url.endswith("/api/v1") and "content/activities" in (request.post_data or ""):
        answered.setdefault("entries", time.monotonic())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="11,500", help="activities in each guide; 11 is the default guide")
    parser.add_argument("--repeat", type=int, default=3, help="starts of the preview per guide (medians reported)")
    args = parser.parse_args(argv)
    rows = [
        "| activities | runs | editor shows the collection | (decap-cms.js | config.yml | entries) | opened again"
        " | save to preview | (checked and written) | load average |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory(prefix="guidegen-editor-bench-") as folder:
        for size in [int(s) for s in args.sizes.split(",")]:
            guide = Path(folder) / f"guide-{size}"
            if size <= 11:
                guide.mkdir()
                shutil.copytree(REPO / "content", guide / "content")
                shutil.copy(REPO / "site_config.yml", guide / "site_config.yml")
            else:
                make_guide(guide, size)
            runs = [measure(_fresh_copy(guide, Path(folder) / f"run-{size}-{run}")) for run in range(args.repeat)]
            load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
            cells = [
                _median(runs, what) for what in ("opened", "app", "config", "entries", "reopened", "saved", "written")
            ]
            rows.append(f"| {size} | {len(runs)} | {' | '.join(cells)} | {load} |")
            print(rows[-1], flush=True)
    print("\n".join(rows))
    return 0


def _fresh_copy(guide: Path, copy: Path) -> Path:
    """Each run on the guide as made: a run's save renames the activity the next run looks for."""
    return Path(shutil.copytree(guide, copy))


def _median(runs: list[dict[str, float]], what: str) -> str:
    values = [run[what] for run in runs if what in run]
    return f"{statistics.median(values):.1f} s" if values else "-"


if __name__ == "__main__":
    raise SystemExit(main())
