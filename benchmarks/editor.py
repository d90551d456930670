"""The browser editor's two waits (issue 29), measured on this machine, not a timed test.

`.venv/bin/python benchmarks/editor.py --sizes 11,500` starts `guidegen serve --no-pdfs` on the
default guide (11 activities) or a synthetic guide (benchmarks/synthetic.py), then in headless
Chromium (Debian's) times:

- opening the editor: from loading /admin/ until the Activities collection lists its first
  entry (login included, one click), in a browser that has never opened it (a new profile);
- opening it again in the same browser, a second and a third time, as an editor does every
  day: Chromium keeps Decap's code and, from the second time on, V8's compiled code for it;
- a save: from "Publish now" on an activity's changed title until the preview's page of that
  activity shows the new title (the check in context, the write, the website's rebuild), and
  until the API had answered the save (checked and written: the rest is the preview's rebuild).

Each waits for the state it times, never for a fixed time. `--repeat N` (default 3) starts the
preview N times per guide and reports medians, with where the opening's time went (when the
Decap bundle, config.yml and the Activities folder's entries had arrived), the CPU time the
browser and the server used for the first opening (less sensitive to a busy machine than the
wall time), the CPU time of the page's own main thread as Chromium counts it (running scripts,
and all its tasks: what a smaller Decap changes) and the load average: wall times are only
comparable on a machine equally busy.
`--code A,B` takes turns between checkouts (A, B, B, A, A, B...), each serving the same guide
copies, so a change is compared with its baseline in the same minutes: one row per checkout.
Prints one Markdown table.
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
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, CDPSession, Page, Request, sync_playwright
from synthetic import REPO, make_guide

CHROMIUM = "/usr/bin/chromium"
WAIT_MS = 300_000
TICK = os.sysconf("SC_CLK_TCK")


def _serve(guide: Path, code: Path) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "generator", "serve", "--guide", str(guide), "--port", "0", "--no-pdfs"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(code)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, start_new_session=True, env=env, cwd=code)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("Edit the guide in your browser: "):
            return process, line.split(": ", 1)[1].strip().removesuffix("/admin/")
    raise RuntimeError("guidegen serve stopped before it was ready")


def measure(guide: Path, code: Path) -> dict[str, float]:
    """One start of the preview: seconds to each state, from loading /admin/ (or from Publish)."""
    process, origin = _serve(guide, code)
    try:
        with tempfile.TemporaryDirectory(prefix="guidegen-editor-browser-") as profile, sync_playwright() as playwright:
            # A profile on disk, as an editor's own browser has: Chromium keeps V8's code cache there.
            context = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM)
            page = context.new_page()
            answered: dict[str, float] = {}
            page.on("requestfinished", lambda request: _answered(request, answered))
            renderer = _renderer(context, page, origin)
            cpu = _cpu(process.pid)
            before = _page_cpu(renderer)
            started = time.monotonic()
            page.goto(f"{origin}/admin/#/collections/activities")
            _until_listed(page)
            opened = time.monotonic() - started
            browser_cpu, server_cpu = _cpu(process.pid)
            spent = {what: seconds - before[what] for what, seconds in _page_cpu(renderer).items()}
            found = {"opened": opened, "browser_cpu": browser_cpu - cpu[0], "server_cpu": server_cpu - cpu[1]}
            found |= spent
            found |= {what: moment - started for what, moment in answered.items()}
            answered.pop("written", None)  # a save is timed from Publish
            found["reopened"] = _reopen(context.new_page(), origin)
            found["reopened3"] = _reopen(context.new_page(), origin)
            found |= _save(context, page, origin, answered)
            context.close()
        return found
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)


def _save(context: BrowserContext, page: Page, origin: str, answered: dict[str, float]) -> dict[str, float]:
    page.goto(f"{origin}/admin/#/collections/activities/entries/good-facilitation")
    title = page.get_by_label("Title", exact=True)
    title.wait_for(timeout=WAIT_MS)
    title.fill("What makes facilitation good?")
    page.get_by_role("button", name="Publish").click()
    started = time.monotonic()
    page.get_by_text("Publish now").click()
    preview = context.new_page()
    preview.goto(f"{origin}/peer-leadership/activities/good-facilitation/")
    preview.locator("h1", has_text="What makes facilitation good?").wait_for(timeout=WAIT_MS)
    return {"saved": time.monotonic() - started, "written": answered["written"] - started}


def _renderer(context: BrowserContext, page: Page, origin: str) -> CDPSession:
    """Chromium's own count of the page's main-thread time, from a page of the same origin (an
    address the editor does not have, answered at once), so that the editor opens in the same
    renderer process and its counters are the ones asked for."""
    page.goto(f"{origin}/admin/not-here")
    session = context.new_cdp_session(page)
    session.send("Performance.enable", {"timeDomain": "threadTicks"})
    return session


def _page_cpu(session: CDPSession) -> dict[str, float]:
    """The renderer main thread's CPU seconds so far: running scripts (V8's compiling included)
    and all its tasks (scripts, style, layout, paint...). Unlike the wall time, these hardly
    depend on how busy the machine is."""
    metrics = {item["name"]: item["value"] for item in session.send("Performance.getMetrics")["metrics"]}
    return {"script": metrics["ScriptDuration"], "task": metrics["TaskDuration"]}


def _until_listed(page: Page) -> None:
    """Until the Activities collection shows. Code before the editor opened with no login (or a
    browser with no stored user, for --code A/B against it) shows a Login button: pressed."""
    entry = page.get_by_text("What makes good facilitation?").first
    login = page.get_by_role("button", name="Login")
    entry.or_(login).first.wait_for(timeout=WAIT_MS)
    if login.is_visible():
        login.click()
    entry.wait_for(timeout=WAIT_MS)


def _reopen(page: Page, origin: str) -> float:
    """The editor opened again in the same browser (still logged in), as an editor does daily."""
    started = time.monotonic()
    page.goto(f"{origin}/admin/#/collections/activities")
    _until_listed(page)
    reopened = time.monotonic() - started
    page.close()
    return reopened


def _answered(request: Request, answered: dict[str, float]) -> None:
    """When config.yml and the Activities folder's entries arrived (the first time each)."""
    path = urlsplit(request.url).path  # Decap's code is asked for with its version (?v=...)
    if path.endswith("/admin/config.yml"):
        answered.setdefault("config", time.monotonic())
    elif path.endswith("/admin/decap-cms.js"):
        answered.setdefault("app", time.monotonic())
    elif path.endswith("/api/v1") and '"persistEntry"' in (request.post_data or ""):
        answered.setdefault("written", time.monotonic())
    elif path.endswith("/api/v1") and "content/activities" in (request.post_data or ""):
        answered.setdefault("entries", time.monotonic())


def _cpu(server: int) -> tuple[float, float]:
    """CPU seconds so far of this process's descendants: the browser's processes (Playwright's
    driver, Chromium and its renderers and helpers) and the preview server's, apart."""
    parents: dict[int, int] = {}
    spent: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # it ended meanwhile
            continue
        parents[int(entry.name)] = int(fields[1])
        spent[int(entry.name)] = (int(fields[11]) + int(fields[12])) / TICK

    def under(pid: int, root: int) -> bool:
        while pid > 1:
            if pid == root:
                return True
            pid = parents.get(pid, 0)
        return False

    server_cpu = sum(seconds for pid, seconds in spent.items() if under(pid, server))
    mine = os.getpid()
    browser = sum(s for pid, s in spent.items() if pid != mine and under(pid, mine) and not under(pid, server))
    return browser, server_cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="11,500", help="activities in each guide; 11 is the default guide")
    parser.add_argument("--repeat", type=int, default=3, help="starts of the preview per guide (medians reported)")
    parser.add_argument("--code", default=str(REPO), help="checkouts to serve the guide with, taking turns (A,B)")
    args = parser.parse_args(argv)
    codes = [Path(path).resolve() for path in args.code.split(",")]
    rows = [
        "| code | activities | runs | editor shows the collection | (decap-cms.js / config.yml / entries)"
        " | CPU s (browser / server) | page's main thread CPU s (scripts / all tasks)"
        " | opened again (2nd / 3rd) | save to preview | (checked and written)"
        " | load average |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
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
            runs: dict[Path, list[dict[str, float]]] = {code: [] for code in codes}
            loads: list[float] = []
            for run in range(args.repeat):
                for code in codes if run % 2 == 0 else codes[::-1]:
                    copy = _fresh_copy(guide, Path(folder) / f"run-{size}-{run}-{len(loads)}")
                    runs[code].append(measure(copy, code))
                    loads.append(os.getloadavg()[0])
            load = f"{min(loads):.1f}-{max(loads):.1f}"
            for code, found in runs.items():
                rows.append(f"| {_describe(code)} | {size} | {len(found)} | {_cells(found)} | {load} |")
                print(rows[-1], flush=True)
    print("\n".join(rows))
    return 0


def _cells(runs: list[dict[str, float]]) -> str:
    return " | ".join(
        [
            _median(runs, "opened"),
            " / ".join(_median(runs, what) for what in ("app", "config", "entries")),
            " / ".join(f"{statistics.median(run[what] for run in runs):.2f}" for what in ("browser_cpu", "server_cpu")),
            " / ".join(f"{statistics.median(run[what] for run in runs):.2f}" for what in ("script", "task")),
            " / ".join(_median(runs, what) for what in ("reopened", "reopened3")),
            _median(runs, "saved"),
            _median(runs, "written"),
        ]
    )


def _describe(code: Path) -> str:
    """The checkout's branch and commit (and whether it has changes not committed)."""
    git = ["git", "-C", str(code)]
    branch = subprocess.run([*git, "rev-parse", "--abbrev-ref", "HEAD"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run([*git, "status", "--porcelain", "generator"], capture_output=True, text=True).stdout.strip()
    return f"{branch or code.name} ({commit or '?'}{', changed' if dirty else ''})"


def _fresh_copy(guide: Path, copy: Path) -> Path:
    """Each run on the guide as made: a run's save renames the activity the next run looks for."""
    return Path(shutil.copytree(guide, copy))


def _median(runs: list[dict[str, float]], what: str) -> str:
    values = [run[what] for run in runs if what in run]
    return f"{statistics.median(values):.1f} s" if values else "-"


if __name__ == "__main__":
    raise SystemExit(main())
