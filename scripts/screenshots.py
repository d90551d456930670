"""Refresh the README's screenshots (docs/images/home.png, activity.png and editor.png) from a fresh build.

Run with `make screenshots`. Builds the website of the guide in this repository (or uses an
existing build with --site), serves it on 127.0.0.1 and photographs it in Debian's Chromium;
the browser editor (`/admin/`) is photographed on a copy of the guide, served by the preview's
own server, with an activity open.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from generator.content.loader import load_guide
from generator.preview.editor_http import Editor
from generator.preview.http import PreviewServer, PreviewState
from generator.preview.static import serve, url_path
from generator.site.project import run_mkdocs, write_mkdocs_project

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SIZE = {"width": 1280, "height": 860}
ACTIVITY_HEIGHT = 1500  # enough to show the facts, the aim and the first steps


def build(guide_dir: Path, work: Path) -> Path:
    guide = load_guide(guide_dir)
    run_mkdocs(write_mkdocs_project(guide, work / "project"), work / "site")
    return work / "site"


def settle(page: Page, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready")


def shoot(site: Path, prefix: str, activity: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with serve(site, prefix) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport=SIZE, device_scale_factor=1)
        settle(page, base)
        page.screenshot(path=str(out / "home.png"))
        settle(page, f"{base}activities/{activity}/")
        page.set_viewport_size({"width": SIZE["width"], "height": ACTIVITY_HEIGHT})
        page.screenshot(path=str(out / "activity.png"))
        browser.close()


def shoot_editor(guide_dir: Path, activity: str, out: Path, work: Path) -> None:
    """The editor with an activity open, on a copy of the guide: nothing of the guide is changed."""
    copy = work / "editor-guide"
    shutil.copytree(guide_dir / "content", copy / "content")
    shutil.copy(guide_dir / "site_config.yml", copy / "site_config.yml")
    server = PreviewServer(0, PreviewState(), Editor(copy))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            page = browser.new_page(viewport=SIZE, device_scale_factor=1)
            page.goto(f"http://127.0.0.1:{server.port}/admin/#/collections/activities/entries/{activity}")
            page.get_by_label("Title", exact=True).wait_for()
            page.evaluate("document.fonts.ready")
            page.screenshot(path=str(out / "editor.png"))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guide", type=Path, default=REPO, help="folder holding site_config.yml and content/")
    parser.add_argument("--site", type=Path, default=None, help="use this built site instead of building one")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images", help="where the PNGs go")
    args = parser.parse_args(argv)
    guide = load_guide(args.guide)
    # The README shows a three-circle activity: its page has the most to show.
    circles = [a for a in guide.activities if a.handout and a.handout.kind == "three-circles"]
    activity = (circles or list(guide.activities))[0].id
    with tempfile.TemporaryDirectory(prefix="guidegen-shots-") as work:
        site = args.site or build(args.guide, Path(work))
        shoot(site, url_path(guide.config.site_url), activity, args.out)
        shoot_editor(args.guide, activity, args.out, Path(work))
    print(f"wrote {args.out / 'home.png'}, {args.out / 'activity.png'} and {args.out / 'editor.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
