"""Progress for people (builder/progress.py): plain lines off a terminal, nothing when quiet."""

from __future__ import annotations

import pytest

from generator.builder.progress import Progress


def test_steps_and_in_verbose_mode_each_pdf_are_printed_as_plain_lines(capsys: pytest.CaptureFixture[str]) -> None:
    with Progress(verbose=True, terminal=False) as progress:
        progress.step("Building the website")
        progress.start_pdfs(2)  # no bar off a terminal
        progress.pdf_done("circles.pdf", reused=False)
        progress.pdf_done("guide.pdf", reused=True)
    assert capsys.readouterr().out == "Building the website\n  rendered circles.pdf\n  reused guide.pdf\n"


def test_quiet_prints_nothing_and_plain_mode_no_details(capsys: pytest.CaptureFixture[str]) -> None:
    with Progress(quiet=True, verbose=True, terminal=True) as progress:
        progress.step("Building the website")
        progress.start_pdfs(3)
        progress.pdf_done("circles.pdf", reused=False)
    with Progress(terminal=False) as progress:
        progress.detail("only when verbose")
    assert capsys.readouterr().out == ""
