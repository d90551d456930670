"""The editor on the published website (issue 29, point 5): /admin/ with Decap's GitHub backend
and the editorial workflow when site_config.yml has `editing:`; nothing without it; never in the
offline zip, nor in a translation's own site. One guide (with a Welsh translation) is built with
the setting, then again without it, which must rebuild the website."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from generator.builder.pipeline import BuildOptions, build
from generator.content.loader import load_guide
from generator.content.reserved import EDITOR_FOLDER, reserved_reason
from generator.editor.collections import kinds
from generator.editor.hosted import hosted_config
from generator.site.csp import add_policies, policy

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
EDITING = "editing:\n  backend: github\n  repo: my-charity/peer-guide\n  branch: live\n"
SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"")


def _guide(folder: Path, editing: bool) -> Path:
    root = folder / "guide"
    shutil.copytree(SAMPLES / "translated", root)
    if editing:
        with (root / "site_config.yml").open("a", encoding="utf-8") as config:
            config.write(EDITING)
    return root


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same guide built with `editing:`, then (a copy of that build folder) without it."""
    root = _guide(tmp_path_factory.mktemp("hosted"), editing=True)
    options = BuildOptions(quiet=True, only=("site", "offline"))
    build(root, options)
    with_editing = tmp_path_factory.mktemp("kept") / "build"
    shutil.copytree(root / "build", with_editing)
    (root / "site_config.yml").write_text(
        (root / "site_config.yml").read_text(encoding="utf-8").replace(EDITING, ""), encoding="utf-8"
    )
    report = build(root, options)
    assert "the website" in report.built, "turning editing off must rebuild the website, not reuse it"
    return {"with": with_editing, "without": root / "build"}


def _config(build_dir: Path) -> dict:
    return json.loads((build_dir / "site" / "admin" / "config.yml").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_the_published_site_has_the_editor_with_githubs_backend_and_pull_requests(builds: dict[str, Path]) -> None:
    config = _config(builds["with"])
    assert config["backend"] == {"name": "github", "repo": "my-charity/peer-guide", "branch": "live"}
    assert config["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in config
    assert config["site_url"] == "https://example.org/small/"


@pytest.mark.slow
def test_the_published_editor_has_the_local_editors_collections_with_the_translations(
    builds: dict[str, Path],
) -> None:
    names = [collection["name"] for collection in _config(builds["with"])["collections"]]
    assert names == [kind.name for kind in kinds(("cy",))]
    assert "cy_activities" in names


@pytest.mark.slow
def test_the_published_editor_loads_only_the_vendored_script_under_its_own_policy(builds: dict[str, Path]) -> None:
    admin = builds["with"] / "site" / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert SCRIPT_SRC.findall(page) == ["decap-cms.js"]  # relative: works under any site_url path
    assert 'href="config.yml"' in page and "//" not in page.split("<title>")[1]  # no CDN, no other site
    assert (admin / "decap-cms.js").stat().st_size > 1_000_000
    assert (admin / "LICENSE").is_file() and (admin / "decap-cms.js.LICENSE.txt").is_file()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None and page.count("Content-Security-Policy") == 1  # not the site's strict one as well
    assert "connect-src 'self' blob: data: https://api.github.com" in csp.group(1)
    assert "'unsafe-eval'" in csp.group(1) and "'unsafe-eval'" not in policy(b"")


@pytest.mark.slow
def test_the_editor_is_not_in_the_sitemap_or_a_translations_site(builds: dict[str, Path]) -> None:
    site = builds["with"] / "site"
    assert not (site / "cy" / "admin").exists()
    assert (site / "cy" / "index.html").is_file()
    assert "admin" not in (site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_without_editing_no_admin_is_published(builds: dict[str, Path]) -> None:
    site = builds["without"] / "site"
    assert (site / "index.html").is_file()
    assert not (site / "admin").exists()


@pytest.mark.slow
@pytest.mark.parametrize("which", ["with", "without"])
def test_the_offline_zip_never_has_the_editor(builds: dict[str, Path], which: str) -> None:
    with zipfile.ZipFile(builds[which] / "small-guide-offline.zip") as archive:
        names = archive.namelist()
    assert any(name.endswith("/index.html") for name in names)
    assert not [name for name in names if "/admin/" in name or "decap-cms" in name]


def test_an_oauth_proxy_is_passed_to_decap(tmp_path: Path) -> None:
    root = _guide(tmp_path, editing=False)
    with (root / "site_config.yml").open("a", encoding="utf-8") as config:
        config.write(EDITING + "  base_url: https://login.example.org/\n  auth_endpoint: oauth/start\n")
    guide = load_guide(root)
    assert guide.config.editing is not None
    backend = hosted_config(guide, guide.config.editing)["backend"]
    assert backend["base_url"] == "https://login.example.org"
    assert backend["auth_endpoint"] == "oauth/start"


def test_the_sites_strict_policy_leaves_the_editors_page_alone(tmp_path: Path) -> None:
    """Decap needs 'unsafe-eval' and GitHub's API: the site's policy would stop it, so its pass skips admin/."""
    (tmp_path / "admin").mkdir()
    page = "<!doctype html><html><head><meta charset=utf-8></head><body><script>go()</script></body></html>"
    (tmp_path / "admin" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    add_policies(tmp_path)
    assert (tmp_path / "admin" / "index.html").read_text(encoding="utf-8") == page
    assert "Content-Security-Policy" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_no_page_can_take_the_editors_folder() -> None:
    assert reserved_reason(EDITOR_FOLDER) == "the website's editor lives at admin/"


def test_the_published_editor_lists_the_translations_written_with_the_source_as_hints(tmp_path: Path) -> None:
    """GitHub opens only files that are in the repository: a translated file not written yet is
    not listed (the local editor lists it, empty); the ones written have the source's hints."""
    guide = load_guide(_guide(tmp_path, editing=True))
    assert guide.config.editing is not None
    collections = {c["name"]: c for c in hosted_config(guide, guide.config.editing)["collections"]}
    activities = collections["cy_activities"]
    assert [f["name"] for f in activities["files"]] == ["circles", "questions"]
    assert activities["format"] == "yml"  # GitHub gives the files themselves, not the local API's JSON
    fields = {f["name"]: f for f in activities["files"][0]["fields"]}
    assert fields["title"]["hint"] == "Source: What matters most?"
    assert collections["cy_home"]["files"][0]["fields"][0]["hint"] == "The page's title, translated."  # no file yet
