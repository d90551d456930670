"""Pages that are huge or nested deeply: check stays linear in the size of a page and reports
nesting with file:line instead of a RecursionError at build time (issue 14)."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest
from conftest import Run  # type: ignore[import-not-found]
from fault_checks import assert_plain  # type: ignore[import-not-found]

from generator.content.loader import LINK
from generator.content.nesting import MAX_DEPTH, depth


def page(guide: Path, name: str, body: str) -> Path:
    path = guide / "content" / "pages" / f"{name}.md"
    path.write_text(f"---\ntitle: {name.title()}\n---\n\nA first line.\n\n{body}\n")
    return path


def child_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@pytest.mark.parametrize("text", ["[" * 200_000, "[x]" * 70_000, "[a" * 100_000, "![[" * 60_000 + "]"])
def test_link_pattern_is_linear(text: str) -> None:
    started = time.process_time()  # CPU time: other jobs on the machine slow the clock, not this
    list(LINK.finditer(text))
    assert time.process_time() - started < 0.5


def test_link_pattern_still_finds_links() -> None:
    found = [(m.group(1), m.group(3)) for m in LINK.finditer("[a](page:x) ![alt](assets/y.png) [see [1]](skill:z)")]
    assert found == [("", "page:x"), ("!", "assets/y.png"), ("", "skill:z")]


def test_check_of_200000_brackets_takes_under_2_seconds(cli: Run, guide: Path) -> None:
    page(guide, "brackets", "[" * 200_000)
    cpu_before, started = child_cpu_seconds(), time.monotonic()
    result = cli("check", "--guide", guide, timeout=60)
    wall, cpu = time.monotonic() - started, child_cpu_seconds() - cpu_before
    print(f"check of a page with 200,000 '[': {cpu:.2f} s of CPU, {wall:.2f} s on the clock")
    assert result.returncode == 0, result.stdout + result.stderr
    assert cpu < 2.0  # the clock also counts the other jobs sharing this machine's two cores


@pytest.mark.parametrize(
    ("body", "levels"),
    [("- " * 1000 + "deep", 1000), (">" * 500 + " deep", 500), ("1. " * 30 + "deep", 30), ("> - " * 15 + "x", 30)],
)
def test_deep_nesting_is_a_problem_with_file_and_line(cli: Run, guide: Path, body: str, levels: int) -> None:
    page(guide, "deep", body)
    for command in ("check", "build"):
        assert_plain(
            cli(command, "--guide", guide), 1, f"content/pages/deep.md:7:1: body: lists or quotes are nested {levels}"
        )


def test_nesting_in_activity_fields_is_checked_too(cli: Run, guide: Path) -> None:
    activity = next((guide / "content" / "activities").glob("*.yml"))
    text = activity.read_text()
    assert "\naim: " in text
    lines = [f'aim: "{"- " * 300}deep"' if line.startswith("aim: ") else line for line in text.split("\n")]
    activity.write_text("\n".join(lines))
    assert_plain(cli("check", "--guide", guide), 1, f"content/activities/{activity.name}:", "nested 300")


def test_depth_counts_markers_and_indent() -> None:
    assert depth("plain text") == 0
    assert depth("- item") == 1
    assert depth("    - nested item") == 2
    assert depth("> > 1. quoted list") == 3
    assert depth("-not a list") == 0


@pytest.mark.slow
def test_the_deepest_allowed_nesting_builds(cli: Run, guide: Path) -> None:
    page(guide, "deep", "- " * MAX_DEPTH + "deep\n\n" + "> " * (MAX_DEPTH // 2) + "- " * (MAX_DEPTH // 2) + "deep")
    result = cli("build", "--guide", guide, "--quiet")
    assert result.returncode == 0, result.stderr
