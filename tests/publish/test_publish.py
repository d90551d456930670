"""`guidegen publish folder|git`: the last good build goes online, whole, and nothing else does."""

from __future__ import annotations

import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from generator.builder.pipeline import BuildOptions, build
from generator.cli import main
from generator.preview.static import serve, url_path

pytestmark = pytest.mark.slow
MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"
SITE_URL = "https://peer-support.org.uk/peer-guide/"


def git(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under folder (git's own files too) with its modification time and bytes."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal guide with a real address, in its own git repository, built (website and PDFs)."""
    root = tmp_path_factory.mktemp("publish") / "guide"
    shutil.copytree(MINIMAL, root)
    config = root / "site_config.yml"
    config.write_text(config.read_text() + f"site_url: {SITE_URL}\n")
    (root / ".gitignore").write_text("build/\n")
    git("init", "-q", "-b", "main", cwd=root)
    git("-c", "user.name=Editor", "-c", "user.email=editor@localhost", "add", ".", cwd=root)
    git("-c", "user.name=Editor", "-c", "user.email=editor@localhost", "commit", "-qm", "The guide", cwd=root)
    build(root, BuildOptions(quiet=True, only=("site", "pdf")))
    return root


def test_publishing_to_a_git_branch_twice_makes_two_commits(
    guide: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote))
    before = snapshot(guide)
    assert main(["publish", "git", "--remote", str(remote), "--branch", "gh-pages", "--guide", str(guide)]) == 0
    out = capsys.readouterr().out
    assert f"Published to branch gh-pages of {remote}; readers will find it at {SITE_URL}." in out
    assert snapshot(guide) == before  # the guide's working tree and its .git are untouched
    files = git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert {"index.html", ".nojekyll", "404.html", "sitemap.xml", "robots.txt", "pdf/guide.pdf"} <= set(files)
    assert "pdf/questions.pdf" in files

    page = guide / "content" / "pages" / "first-page.md"
    original = page.read_text()
    try:
        page.write_text(original + "\nA new paragraph after an edit.\n")
        assert main(["publish", "git", "--remote", str(remote), "--guide", str(guide)]) == 2
        assert "has changed since the last successful build" in capsys.readouterr().err
        build(guide, BuildOptions(quiet=True, only=("site", "pdf")))
        assert main(["publish", "git", "--remote", str(remote), "--dry-run", "--guide", str(guide)]) == 0
        assert "  M first-page/index.html" in capsys.readouterr().out
        assert git("--git-dir", str(remote), "rev-list", "--count", "gh-pages").strip() == "1"  # dry run
        monkeypatch.chdir(tmp_path)  # a remote given relative to where the command runs
        assert main(["publish", "git", "--remote", "remote.git", "--guide", str(guide)]) == 0
    finally:
        page.write_text(original)
        build(guide, BuildOptions(quiet=True, only=("site", "pdf")))
    assert git("--git-dir", str(remote), "rev-list", "--count", "gh-pages").strip() == "2"
    message = git("--git-dir", str(remote), "log", "-1", "--format=%s", "gh-pages")
    assert message.startswith("Publish the guide (git ") and "content " in message
    assert "A new paragraph" in git("--git-dir", str(remote), "show", "gh-pages:first-page/index.html")
    assert git("status", "--porcelain", cwd=guide) == ""
    assert "gh-pages" not in git("branch", "--list", cwd=guide)


def test_a_failed_build_is_not_published(guide: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = guide / "content" / "pages" / "first-page.md"
    original = page.read_text()
    try:
        page.write_text(original + "\nSee [nowhere](page:missing).\n")
        assert main(["build", "--guide", str(guide), "--only", "site,pdf"]) == 1
        assert main(["publish", "folder", str(tmp_path / "out"), "--guide", str(guide)]) == 2
        assert "or the last build failed" in capsys.readouterr().err
        assert not (tmp_path / "out").exists()
    finally:
        page.write_text(original)


def test_a_build_without_the_website_is_not_published(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "guide"
    shutil.copytree(MINIMAL, root)
    assert main(["publish", "folder", str(tmp_path / "out"), "--guide", str(root)]) == 2
    assert "no finished build" in capsys.readouterr().err
    build(root, BuildOptions(quiet=True, only=("pdf",)))
    assert main(["publish", "folder", str(tmp_path / "out"), "--guide", str(root)]) == 2
    assert "made no website" in capsys.readouterr().err


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def _fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read(), answer.headers.get_content_type()
    except urllib.error.HTTPError as error:
        return error.code, b"", ""


def crawl(base: str, starts: list[str]) -> Iterator[tuple[str, str, int]]:
    """(page, link, status) for every link on every page reachable from starts, on this server only."""
    seen: set[str] = set()
    queue = list(starts)
    while queue:
        page = queue.pop()
        if page in seen:
            continue
        seen.add(page)
        status, body, kind = _fetch(page)
        yield page, page, status
        if kind != "text/html":
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.links:
            url = urldefrag(urljoin(page, link)).url
            if urlsplit(url).netloc != urlsplit(base).netloc or urlsplit(url).scheme not in ("http", "https"):
                continue  # another site (the canonical address, the licence): not ours to check
            yield page, link, _fetch(url)[0]
            if url not in seen and url.endswith((".html", "/")):
                queue.append(url)


def test_published_folder_works_at_the_site_url_path(
    guide: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "www"
    assert main(["publish", "folder", str(dest), "--dry-run", "--guide", str(guide)]) == 0
    assert "  A index.html" in capsys.readouterr().out and not dest.exists()
    assert main(["publish", "folder", str(dest), "--guide", str(guide)]) == 0
    out = capsys.readouterr().out
    assert f"Published to {dest}; readers will find it at {SITE_URL}." in out
    with serve(dest, url_path(SITE_URL)) as base:
        results = list(crawl(base, [base, base + "404.html"]))
        robots = _fetch(base + "robots.txt")[1].decode()
        sitemap = _fetch(base + "sitemap.xml")[1].decode()
    broken = [(page, link, status) for page, link, status in results if status != 200]
    assert broken == []
    pages = {page for page, _, _ in results}
    assert base + "404.html" in pages and base + "first-page/" in pages
    links_from_404 = [link for page, link, _ in results if page == base + "404.html"]
    assert any(link.startswith("/peer-guide/assets/") for link in links_from_404)  # styles at the base path
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots
    assert f"<loc>{SITE_URL}first-page/</loc>" in sitemap
    # A second publish changes nothing, and a folder guidegen did not make is refused.
    assert main(["publish", "folder", str(dest), "--guide", str(guide)]) == 0
    assert "nothing has changed" in capsys.readouterr().out
    foreign = tmp_path / "someone-else"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    assert main(["publish", "folder", str(foreign), "--guide", str(guide)]) == 2
    assert (foreign / "notes.txt").read_text() == "keep me"
