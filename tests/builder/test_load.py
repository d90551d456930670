"""The build's load phase runs in a child process and sends the guide back pickled: what arrives
must be the guide, its translations and its parse cache as loading them here gives, and a
content mistake must arrive as the same report, never as a bug."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers.translated_sample import TRANSLATED

from generator.builder import load
from generator.builder.options import BuildOptions
from generator.errors import ContentError

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("root", [REPO, TRANSLATED], ids=["default", "translated"])
def test_the_guide_from_the_child_is_the_guide_loaded_here(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = load._load
    where = tmp_path / "loaded-by"

    def in_child(root: Path, options: BuildOptions, out: Path) -> load.Loaded:
        where.write_text(str(os.getpid()), encoding="ascii")
        return real(root, options, out)

    monkeypatch.setattr(load, "_load", in_child)  # the child is forked: it calls what this process holds
    guide, translated, cache = load.load_for_build(root, BuildOptions(force=True), tmp_path)
    assert int(where.read_text(encoding="ascii")) != os.getpid()  # loaded in another process
    here, here_translated, here_cache = real(root, BuildOptions(force=True), tmp_path)
    assert guide == here and translated == here_translated and cache == here_cache
    assert guide.activities and cache
    if root == TRANSLATED:
        assert [t.config.language for t in translated] == ["cy"]


def test_a_content_mistake_in_the_child_is_the_same_report(tmp_path: Path) -> None:
    root = Path(shutil.copytree(REPO / "tests" / "samples" / "minimal", tmp_path / "guide"))
    skills = root / "content" / "skills.yml"
    skills.write_text(skills.read_text(encoding="utf-8") + "\n  - id: [not, a, name]\n", encoding="utf-8")
    with pytest.raises(ContentError) as here:
        load._load(root, BuildOptions(force=True), tmp_path)
    with pytest.raises(ContentError) as from_child:
        load.load_for_build(root, BuildOptions(force=True), tmp_path)
    assert from_child.value.report() == here.value.report()
    assert "skills.yml:" in from_child.value.report()
