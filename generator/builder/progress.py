"""Progress for people: a rich progress bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any


class Progress:
    """Steps and a PDF counter; quiet prints nothing, verbose names every file."""

    def __init__(self, *, quiet: bool = False, verbose: bool = False, terminal: bool | None = None) -> None:
        self.quiet, self.verbose = quiet, verbose
        self.terminal = sys.stdout.isatty() if terminal is None else terminal
        self._bar: Any = None
        self._task: Any = None

    def step(self, message: str) -> None:
        if not self.quiet:
            self._print(message)

    def detail(self, message: str) -> None:
        if self.verbose and not self.quiet:
            self._print(f"  {message}")

    def start_pdfs(self, total: int) -> None:
        if self.quiet or not self.terminal or total == 0:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        self._bar = RichProgress(
            TextColumn("PDFs"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
        )
        self._bar.start()
        self._task = self._bar.add_task("pdf", total=total)

    def pdf_done(self, filename: str, reused: bool) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)
        self.detail(f"{'reused' if reused else 'rendered'} {filename}")

    def end_pdfs(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def _print(self, message: str) -> None:
        if self._bar is not None:
            self._bar.console.print(message)
        else:
            print(message, flush=True)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.end_pdfs()
