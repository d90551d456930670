"""The booklet's cover and contents are kept for the next build, with the guesses at their
length that proved wrong, so a rebuild lays out no front whose pages did not change."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers.booklets import joined_booklets

import generator.pdf.booklet as booklet
from generator.pdf.booklet import FRONT, FRONT_KEY

pytestmark = pytest.mark.slow


def booklets(guide_root: Path, parts_root: Path, out: Path) -> dict[str, str]:
    return joined_booklets(guide_root, parts_root, out, "front-test")


def test_a_wrong_guess_at_the_fronts_length_is_not_laid_out_again(
    minimal_pdfs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = tmp_path / "parts"
    shutil.copytree(minimal_pdfs / "build" / ".booklet-parts", parts)
    for kept in [*parts.rglob(FRONT), *parts.rglob(FRONT_KEY)]:
        kept.unlink()
    laid_out: list[str] = []
    real_layout = booklet.layout

    def counted(*args: Any, **options: Any) -> bytes:
        laid_out.append(args[1])
        return real_layout(*args, **options)

    class WrongFirst(booklet.FrontLength):  # the guess made wrong on purpose
        def __init__(self, guess: int) -> None:
            super().__init__(guess + 7)  # far too long: laid out, found shorter, laid out again

    monkeypatch.setattr(booklet, "layout", counted)
    monkeypatch.setattr(booklet, "FrontLength", WrongFirst)
    first = booklets(minimal_pdfs, parts, tmp_path / "first")
    assert laid_out.count("booklet") == 2 * len(first)  # each variant's front: the wrong guess, then the right one
    keys = (parts / FRONT_KEY).read_text(encoding="ascii").splitlines()
    assert len(keys) == 2 and keys[1].split(" ")[1].isdigit()  # the kept front's key, then the wrong guess's

    laid_out.clear()
    again = booklets(minimal_pdfs, parts, tmp_path / "again")
    assert laid_out == []  # the wrong guess is known, the right one kept: nothing laid out
    assert again == first

    for kept in [*parts.rglob(FRONT), *parts.rglob(FRONT_KEY)]:
        kept.unlink()
    assert booklets(minimal_pdfs, parts, tmp_path / "fresh") == first  # as without anything kept

    # A front kept without its wrong guesses (an older guidegen): the guess is laid out once
    # more and learnt, then never again.
    for kept in parts.rglob(FRONT_KEY):
        kept.write_text(kept.read_text(encoding="ascii").splitlines()[0] + "\n", encoding="ascii")
    laid_out.clear()
    assert booklets(minimal_pdfs, parts, tmp_path / "older") == first
    assert laid_out.count("booklet") == len(first)
    laid_out.clear()
    assert booklets(minimal_pdfs, parts, tmp_path / "learnt") == first
    assert laid_out == []
