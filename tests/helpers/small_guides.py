"""tests/samples/minimal copied and edited, then loaded with where every field came from: what a
check's unit test needs to see its warning at the right file:line, in a few milliseconds. And
keep_only: a copy of the default guide cut down to a few activities, for a test that builds one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.content.loader import Sources, load_guide
from generator.content.model import Guide

MINIMAL = Path(__file__).resolve().parents[1] / "samples" / "minimal"
SUPPORT = Path(__file__).resolve().parents[2] / "content" / "support.yml"


def small_guide(dest: Path, config: str = "", support: bool = False) -> Path:
    """The minimal sample at dest, config appended to its site_config.yml; support copies the
    repository's content/support.yml in (the one place crisis numbers are written)."""
    root = Path(shutil.copytree(MINIMAL, dest))
    if config:
        with (root / "site_config.yml").open("a", encoding="utf-8") as file:
            file.write(config)
    if support:
        shutil.copyfile(SUPPORT, root / "content" / "support.yml")
    return root


def loaded(root: Path) -> tuple[Guide, Sources]:
    sources: Sources = {}
    return load_guide(root, field_sources=sources), sources


def line_of(root: Path, path: str, text: str) -> int:
    """The 1-based number of the first line of root/path that holds text."""
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def keep_only(guide: Path, activities: tuple[str, ...], sessions: tuple[str, ...] = ()) -> None:
    """Take every activity and session but these out of a copy of the default guide, in place.
    Links to an activity taken out become plain words, and a page's `next:` to one goes. A build
    of the rest makes a few PDFs where the whole guide makes dozens: for a test that reads only
    these activities' and sessions' outputs."""
    for path in (guide / "content" / "activities").glob("*.yml"):
        if path.stem not in activities:
            path.unlink()
    for path in (guide / "content" / "sessions").glob("*.yml"):
        if path.stem not in sessions:
            path.unlink()
    kept = "|".join(map(re.escape, activities))
    link = re.compile(rf"\[([^\]]+)\]\(activity:(?!(?:{kept})\))[a-z-]+\)")
    onward = re.compile(rf"^next: (?!(?:{kept})$).*\n", flags=re.M)
    for path in guide.joinpath("content").rglob("*"):
        if path.suffix in (".md", ".yml") and path.is_file():
            text = path.read_text(encoding="utf-8")
            path.write_text(onward.sub("", link.sub(r"\1", text)), encoding="utf-8")
