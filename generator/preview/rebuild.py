"""The preview's website: rebuilt alone after each burst of saved changes, then shown, or the
problems shown instead. The build runs in this process (it has threads: nothing is forked).
"""

from __future__ import annotations

import sys
import threading
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from ..builder.options import BuildOptions
from ..builder.pipeline import build
from ..content.loader import load_guide
from ..errors import ContentError
from ..render.template_files import PACKAGE_TEMPLATES
from .http import PreviewState
from .pages import Failure
from .static import url_path

if TYPE_CHECKING:
    from .background import BackgroundPdfs


class Previewer:
    """Rebuilds the website alone into `out` after each change and shows it, or the problems."""

    def __init__(self, root: Path, out: Path, state: PreviewState, pdfs: BackgroundPdfs | None) -> None:
        self.root, self.out, self.state, self.pdfs = root, out, state, pdfs
        self.dirty = threading.Event()
        self.broken = False

    def changed(self, paths: list[str]) -> None:
        if not paths:  # only temporary files came and went
            return
        names = ", ".join(relative(self.root, path) for path in paths[:3])
        more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
        say(f"Changed {names}{more}: updating the preview.")
        self.dirty.set()

    def run(self, stop: threading.Event) -> None:
        """Build once per burst of changes: saves made during a build lead to one more build."""
        while not stop.is_set():
            if self.dirty.wait(timeout=0.5) and not stop.is_set():
                self.dirty.clear()
                self.update()

    def update(self) -> None:
        generation = self.state.next_generation()
        try:
            guide = load_guide(self.root)
            report = build(self.root, BuildOptions(out=self.out, only=("site",), quiet=True, in_process=True))
        except ContentError as error:
            self._failed(Failure(problems=tuple(error.problems)), error.report(), generation)
            return
        except Exception as error:  # the preview outlives template mistakes and bugs alike
            traceback.print_exc()
            details = f"{type(error).__name__}: {error}"
            self._failed(Failure(details=details), f"The preview could not be built: {details}", generation)
            return
        prefix = url_path(str(guide.config.site_url) if guide.config.site_url else None)
        if self.state.show_site(report.out / "site", prefix, generation):
            fixed = " The problems are fixed." if self.broken else ""
            self.broken = False
            say(f"Website updated in {report.seconds:.1f} s.{fixed}")
        if self.pdfs is not None and "pdf" in guide.config.outputs:
            self.pdfs.request(generation, prefix)

    def _failed(self, failure: Failure, report: str, generation: int) -> None:
        self.broken = True
        self.state.show_failure(failure, generation)
        print(report, file=sys.stderr, flush=True)
        say("The browser shows these problems until they are fixed; save the file and it updates.")


def relative(root: Path, path: str) -> str:
    for base in (root, PACKAGE_TEMPLATES.parent):
        if Path(path).is_relative_to(base):
            return Path(path).relative_to(base).as_posix()
    return path


def say(message: str) -> None:
    print(message, flush=True)
