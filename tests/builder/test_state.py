"""The report a build gives at the end (builder/state.py): what it made, what it reused, where."""

from __future__ import annotations

from pathlib import Path

from generator.builder.state import BuildReport


def test_the_summary_counts_pdfs_and_says_how_much_of_the_booklet_was_laid_out_again() -> None:
    report = BuildReport(
        Path("build"), built=["circles.pdf", "guide.pdf", "the website"], sections=(1, 9), seconds=3.25
    )
    report.reused = ["questions.pdf"]
    expected = (
        "Built 2 PDFs (the booklet: 1 of its 9 sections laid out, the rest reused), the website; "
        "reused 1 PDF. Output in build (3.2 s)."
    )
    assert report.summary() == expected


def test_a_build_that_made_nothing_new_and_outputs_made_again_are_said() -> None:
    report = BuildReport(Path("build"), reused=["the website"], remade=["circles.pdf"])
    assert report.summary() == (
        "Built nothing new; reused the website. Output in build (0.0 s). "
        "Made again because they had changed since the last build: circles.pdf."
    )
    full = BuildReport(Path("out"), built=["guide.pdf"], sections=(9, 9))
    assert full.summary().startswith("Built 1 PDF (the booklet: all 9 sections laid out). Output in out")
