"""editor/paths.py: the paths a browser sends are checked as text, then on disk, before the
editor reads or writes anything (tests/editor/test_api.py sends them through the real server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.editor.paths import MAX_PATH, Refused, guide_file, guide_folder


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "content" / "assets").mkdir(parents=True)
    (tmp_path / "content" / "skills.yml").write_text("skills: []\n", encoding="utf-8")
    (tmp_path / "site_config.yml").write_text("title: x\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("rel", ["site_config.yml", "content/skills.yml", "content/pages/new-page.md"])
def test_the_config_and_files_under_content_are_allowed(root: Path, rel: str) -> None:
    assert guide_file(root, rel) == root / rel


@pytest.mark.parametrize(
    "rel",
    [
        "",
        None,
        "/etc/passwd",
        "content/../site_config.yml",
        "content/.hidden.yml",
        "content\\skills.yml",
        "content/skills.yml\0",
        "templates/site/main.html",
        "build/site/index.html",
        "content/" + "a" * MAX_PATH,
    ],
)
def test_anything_else_is_refused_with_403(root: Path, rel: object) -> None:
    with pytest.raises(Refused) as refused:
        guide_file(root, rel)
    assert refused.value.status == 403 and str(refused.value)


def test_a_symbolic_link_inside_content_is_refused(root: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (root / "content" / "activities").symlink_to(outside, target_is_directory=True)
    with pytest.raises(Refused, match="goes through a link"):
        guide_file(root, "content/activities/new.yml")


def test_media_are_images_in_the_assets_folder_only(root: Path) -> None:
    assert guide_file(root, "content/assets/logo.svg", media=True) == root / "content" / "assets" / "logo.svg"
    for rel in ("content/assets/notes.txt", "content/logo.png"):
        with pytest.raises(Refused, match="Images go in content/assets/"):
            guide_file(root, rel, media=True)


def test_only_folders_under_content_are_listed(root: Path) -> None:
    assert guide_folder(root, "content/assets") == root / "content" / "assets"
    for rel in ("", "templates", "contents", "content/../.."):
        with pytest.raises(Refused):
            guide_folder(root, rel)
