"""The loader: the default guide loads; every kind of broken file is reported, never raised."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from generator.content.loader import load_guide
from generator.content.model import Guide, ThreeCirclesHandout
from generator.errors import ContentError


def problems_for(guide: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_guide(guide)
    return [p.render() for p in caught.value.problems]


def test_default_guide_has_the_promised_content(default_guide: Guide) -> None:
    assert len(default_guide.pages) == 13
    assert len(default_guide.skills) == 12
    assert len(default_guide.activities) >= 10
    assert default_guide.activities[0].id == "making-our-group-agreement"
    handout = default_guide.activity("good-facilitation").handout
    assert isinstance(handout, ThreeCirclesHandout)
    assert handout.rings == ("Important", "Less important", "Not important")
    kinds = {a.handout.kind for a in default_guide.activities if a.handout}
    assert kinds == {"three-circles", "questions", "checklist", "table"}


def test_pages_are_in_order(default_guide: Guide) -> None:
    orders = [p.order for p in default_guide.pages]
    assert orders == sorted(orders)


def test_guide_is_frozen(default_guide: Guide) -> None:
    with pytest.raises(Exception, match="frozen"):
        default_guide.activities[0].title = "changed"  # type: ignore[misc]


def test_check_is_fast_and_imports_no_heavy_library(repo_root: Path) -> None:
    code = (
        "import sys, time; t = time.perf_counter(); from generator.cli import main; "
        "rc = main(['check', '--guide', sys.argv[1]]); "
        "heavy = [m for m in ('weasyprint', 'mkdocs', 'material') if m in sys.modules]; "
        "print(rc, heavy, time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(repo_root)], capture_output=True, text=True, check=True)
    last = out.stdout.strip().splitlines()[-1]
    rc, heavy, _seconds = last.split(" ", 2)
    assert rc == "0"
    assert heavy.strip() == "[]"


def test_bom_and_windows_line_endings_are_accepted(guide_copy: Path) -> None:
    path = guide_copy / "content" / "skills.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert len(load_guide(guide_copy).skills) == 12


def test_oversized_file_is_refused_without_reading_it_all(guide_copy: Path) -> None:
    (guide_copy / "content" / "activities" / "huge.yml").write_bytes(b"# x\n" * 2_000_000)
    assert any("huge.yml:1:1: file: is larger than 1 MB" in p for p in problems_for(guide_copy))


def test_alias_bomb_is_refused_quickly(guide_copy: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=False)
    )
    (guide_copy / "content" / "activities" / "bomb.yml").write_text(bomb)
    # Refused before composing: a composed bomb holds 9**9 items. Memory, not time, is the
    # measure (a loaded machine slows a clock, not an allocation).
    tracemalloc.start()
    try:
        found = problems_for(guide_copy)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 2**20
    assert any("bomb.yml:1:4: yaml: uses an anchor" in p for p in found)


def test_very_deep_nesting_is_refused(guide_copy: Path) -> None:
    (guide_copy / "content" / "activities" / "deep.yml").write_text("a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert any("deep.yml:1:" in p and "nested more than" in p for p in problems_for(guide_copy))


def test_symlink_pointing_outside_is_refused(guide_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: Secret\n---\nSECRET\n")
    os.symlink(outside, guide_copy / "content" / "pages" / "linked.md")
    assert any("linked.md:1:1: file:" in p for p in problems_for(guide_copy))


def test_images_must_be_inside_assets(guide_copy: Path) -> None:
    page = guide_copy / "content" / "pages" / "what-is-peer-leadership.md"
    page.write_text(page.read_text() + "\n![x](file:///etc/hostname)\n\n![y](../../../../etc/passwd)\n")
    found = problems_for(guide_copy)
    assert sum("must be a file in content/assets/" in p for p in found) == 2


def test_every_problem_in_one_run(guide_copy: Path) -> None:
    (guide_copy / "content" / "activities" / "a.yml").write_text("id: a\n")
    (guide_copy / "content" / "activities" / "b.yml").write_text("id: [b\n")
    found = problems_for(guide_copy)
    assert any(p.startswith("content/activities/a.yml:1:1: title:") for p in found)
    assert any(p.startswith("content/activities/b.yml:") for p in found)
