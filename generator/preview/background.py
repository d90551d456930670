"""The preview's PDF handouts: a child process (`guidegen build --only site,pdf`) makes them,
with the website that links to them, one build at a time; the preview switches to that
build when it is ready and the content has not changed since.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from .http import PreviewState
from .rebuild import say

JOIN_SECONDS = 15.0  # how long a PDF build under way may take to stop cleanly


class BackgroundPdfs:
    """Builds the PDFs and the website linking to them in a child process, one build at a time.

    A child process, because WeasyPrint's workers are forked and this process has threads,
    and because Ctrl+C must be able to stop it. It gets one core fewer than the computer has,
    so the website preview stays quick while it works.
    """

    def __init__(self, root: Path, out: Path, state: PreviewState) -> None:
        self.root, self.out, self.state = root, out, state
        self._cond = threading.Condition()
        self._wanted: tuple[int, str] | None = None
        self._process: subprocess.Popen[str] | None = None
        self._stopped = False
        self._ready_before = False

    def request(self, generation: int, prefix: str) -> None:
        """Build for this generation of the content (replacing any request not yet started)."""
        with self._cond:
            self._wanted = (generation, prefix)
            self._cond.notify()

    def run(self) -> None:
        while True:
            with self._cond:
                while self._wanted is None and not self._stopped:
                    self._cond.wait()
                if self._stopped or self._wanted is None:
                    return
                (generation, prefix), self._wanted = self._wanted, None
                self._process = process = self._start()
            _, errors = process.communicate()
            self._finished(process.returncode, errors, generation, prefix)

    def _start(self) -> subprocess.Popen[str]:
        """The child gets a temporary folder of its own, emptied before each build: WeasyPrint's
        workers leave their font folders behind, and they must not pile up in /tmp."""
        tmp = self.out.parent / "pdf-tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        return subprocess.Popen(
            self._command(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "TMPDIR": str(tmp)},
        )

    def _command(self) -> list[str]:
        jobs = max(1, (os.cpu_count() or 2) - 1)
        command = [sys.executable, "-m", "generator", "build", "--guide", str(self.root), "--out", str(self.out)]
        return [*command, "--only", "site,pdf", "--jobs", str(jobs), "--quiet"]

    def _finished(self, code: int, errors: str, generation: int, prefix: str) -> None:
        if self._stopped or code in (130, -signal.SIGINT):  # Ctrl+C reached the child first
            return
        if code != 0 and self.state.current().generation != generation:
            return  # the content changed while it worked; the website build reports any problem
        if code != 0:
            what = "a problem in the content" if code == 1 else "an internal error"
            say(f"The PDF handouts could not be made because of {what}; the preview has no links to them:")
            print(errors.strip(), file=sys.stderr, flush=True)
        elif self.state.show_site(self.out / "site", prefix, generation):
            first = "PDF handouts are ready: the preview links to them."
            say("PDF handouts updated." if self._ready_before else first)
            self._ready_before = True

    def stop(self) -> None:
        """Stop a build under way as Ctrl+C would, so it cleans up its own workers."""
        with self._cond:
            self._stopped = True
            self._cond.notify()
            process = self._process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=JOIN_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
