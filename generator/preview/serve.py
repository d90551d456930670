"""`guidegen serve`: a live preview for editors on http://127.0.0.1.

On every saved change to content/, templates/ or site_config.yml (preview/watch.py) the website
alone is rebuilt (about a second) and shown (preview/rebuild.py); open pages reload themselves.
The PDF handouts are slower, so a child process builds them, with the website that links to
them, in the background (preview/background.py), and the preview switches to that build when it
is ready and the content has not changed since. Until then pages simply have no download
links, never broken ones. This module starts and stops all of it.

Both builds are ordinary `build()` runs into their own folders inside the preview folder (a
temporary one unless --out is given), each with its own cache, so `build/` is never touched.
"""

from __future__ import annotations

import errno
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from ..errors import UsageError
from ..render.template_files import GUIDE_TEMPLATES, PACKAGE_TEMPLATES
from .background import BackgroundPdfs
from .http import HOST, PreviewServer, PreviewState, start
from .rebuild import Previewer, say
from .watch import CONFIG, start_thread, watch_sources

JOIN_SECONDS = 15.0  # how long Ctrl+C waits for a website build that is under way


@dataclass(frozen=True)
class ServeOptions:
    guide: Path
    port: int = 8000
    out: Path | None = None  # keep the preview's builds (and their cache) here; default: a temporary folder
    pdfs: bool = True  # build PDF handouts in the background


def serve(options: ServeOptions) -> None:
    """Serve the preview until Ctrl+C (KeyboardInterrupt, which the caller reports)."""
    root = options.guide.resolve()
    _check_folders(root, options.out)
    state = PreviewState()
    server = _bind(options.port, state)
    stop = threading.Event()
    with _preview_folder(options.out) as out, _stop_signals():
        pdfs = BackgroundPdfs(root, out / "with-pdfs", state) if options.pdfs else None
        previewer = Previewer(root, out / "quick", state, pdfs)
        threads: list[threading.Thread] = []
        try:
            watch_sources(root, previewer.changed, stop)
            say(f"Building the preview of {root} ...")
            previewer.update()
            threads = [start(server), start_thread(previewer.run, stop)]
            if pdfs is not None:
                start_thread(pdfs.run)
            _announce(server, pdfs is not None)
            stop.wait()
        finally:
            _shut_down(stop, server, pdfs, threads)


def _announce(server: PreviewServer, pdfs: bool) -> None:
    say(f"Preview: http://{HOST}:{server.port}{server.state.current().prefix}")
    say("Watching content/, templates/ and site_config.yml: open pages update when you save a file.")
    if pdfs:
        say("PDF handouts are made in the background; pages link to them once they are ready.")
    say("Press Ctrl+C to stop.")


def _shut_down(
    stop: threading.Event, server: PreviewServer, pdfs: BackgroundPdfs | None, threads: list[threading.Thread]
) -> None:
    """Stop serving, stop the PDF child, and let a website build under way finish its clean-up."""
    stop.set()
    if threads:
        server.shutdown()  # only valid once serve_forever runs, i.e. when threads were started
    server.server_close()
    if pdfs is not None:
        pdfs.stop()
    for thread in threads:
        thread.join(timeout=JOIN_SECONDS)


def _check_folders(root: Path, out: Path | None) -> None:
    if not root.is_dir() or not ((root / "content").is_dir() or (root / CONFIG).is_file()):
        raise UsageError(f"{root} has no content/ folder or {CONFIG}: give the guide's folder with --guide DIR")
    if out is None:
        return
    out = out.resolve()
    for folder, why in (
        (root / "content", "it would change the files it watches"),
        (root / GUIDE_TEMPLATES, "it would change the files it watches"),
        (PACKAGE_TEMPLATES, "it would change the files it watches"),
        (root / "build", "guidegen build replaces that folder"),
    ):
        if out.is_relative_to(folder):
            raise UsageError(f"--out cannot be inside {folder}: {why}")


def _bind(port: int, state: PreviewState) -> PreviewServer:
    try:
        return PreviewServer(port, state)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} is already in use; choose another with --port, or --port 0") from None
        raise


@contextmanager
def _preview_folder(out: Path | None) -> Iterator[Path]:
    """The folder given with --out (kept), or a temporary one removed at the end."""
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        yield out.resolve()
        return
    folder = Path(tempfile.mkdtemp(prefix="guidegen-preview-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _stop_signals() -> Iterator[None]:
    """Ctrl+C (SIGINT), `kill` (SIGTERM) and a closed terminal (SIGHUP) stop the preview cleanly.

    SIGINT is set explicitly because a shell that starts a command in the background makes it
    ignore SIGINT, and Python then keeps ignoring it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = {number: signal.signal(number, interrupt) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
