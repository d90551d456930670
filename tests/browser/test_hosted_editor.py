"""The editor as the published website serves it (issue 29, point 5): admin/ from a plain static
server under the site's path, in Chromium. Decap must start under the page's own policy, load
only the files beside it and offer the GitHub login, with no request leaving 127.0.0.1 (it
contacts GitHub only once someone logs in)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from generator.content.loader import load_guide
from generator.editor.hosted import write_admin
from generator.preview.static import serve, url_path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
EDITING = "editing: {backend: github, repo: my-charity/peer-guide, branch: main}\n"
WAIT_MS = 30_000

pytestmark = pytest.mark.browser


def test_the_published_editor_offers_the_github_login_with_no_other_host(page: Page, tmp_path: Path) -> None:
    root = tmp_path / "guide"
    shutil.copytree(SAMPLES / "translated", root)
    with (root / "site_config.yml").open("a", encoding="utf-8") as config:
        config.write(EDITING)
    guide = load_guide(root)
    site = tmp_path / "site"
    site.mkdir()
    write_admin(guide, site)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: _keep_policy_complaints(message, problems))
    with serve(site, url_path(guide.config.site_url)) as base_url:
        page.goto(base_url + "admin/")
        expect(page.get_by_role("button", name="Login with GitHub")).to_be_visible(timeout=WAIT_MS)
        expect(page).to_have_title("Edit: A small test guide")
    origin = base_url.split("/small/")[0] + "/"
    assert requests and all(url.startswith(origin) or url.startswith(("data:", "blob:")) for url in requests), requests
    assert any(url.endswith("/small/admin/config.yml") for url in requests)
    assert problems == []


def _keep_policy_complaints(message: ConsoleMessage, problems: list[str]) -> None:
    """A Content-Security-Policy that blocks part of Decap shows only as a console error."""
    if message.type == "error" and "Content Security Policy" in message.text:
        problems.append(message.text)
