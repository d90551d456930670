"""`guidegen serve`: a live preview for editors on http://127.0.0.1.

On every saved change to content/, templates/ or site_config.yml the website alone is rebuilt
and shown, the pages open in the browser first (quick_site.py); open pages reload themselves.
The PDF handouts are slower, so a child process builds them, with the website that links to
them, in the background, once every page of the website is up to date; the preview switches
to that build when it is ready and the content has not changed since. Until then pages
simply have no download links, never broken ones.

Both builds are ordinary `build()` runs into their own folders inside the preview folder (a
temporary one unless --out is given), each with its own cache, so `build/` is never touched.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from ..errors import ContentError, UsageError
from ..render.environments import TEMPLATES_DIR
from ..site.project import quiet_engine_environment
from .editor_http import Editor
from .http import HOST, PreviewServer, PreviewState, start
from .pages import Failure
from .quick_site import QuickBuild
from .static import url_path
from .translations import QuickTranslations

if TYPE_CHECKING:
    from watchfiles import Change

CONFIG = "site_config.yml"
JOIN_SECONDS = 15.0  # how long Ctrl+C waits for a website build that is under way


@dataclass(frozen=True)
class ServeOptions:
    guide: Path
    port: int = 8000
    out: Path | None = None  # keep the preview's builds (and their cache) here; default: a temporary folder
    pdfs: bool = True  # build PDF handouts in the background


class Previewer:
    """Rebuilds the website alone into `out` after each change and shows it, or the problems."""

    def __init__(self, root: Path, out: Path, state: PreviewState, pdfs: BackgroundPdfs | None) -> None:
        self.root, self.out, self.state, self.pdfs = root, out, state, pdfs
        self.site = QuickTranslations(root, out)  # the source's site and each translation's
        self.dirty = threading.Event()
        self.broken = False
        self.generation = 0
        self.prefix = "/"
        self._saved: set[str] = set()  # files saved since the last update: a translation's alone updates less
        self._saved_lock = threading.Lock()
        self._told: dict[str, tuple[int, int, int, str] | None] = {}  # path -> as it was when last said changed

    def changed(self, paths: list[str]) -> None:
        """Files changed: from the browser editor's save at once, from the watcher a moment later.
        The second news of the same write (the file as it was when first told) is not a change: it
        would update every page again while the browser loads the first update's."""
        with self._saved_lock:
            now = {path: _signature(path) for path in paths}
            paths = [path for path in paths if path not in self._told or self._told[path] != now[path]]
            self._told.update(now)
        if not paths:  # only temporary files came and went, or it was the same write again
            return
        with self._saved_lock:
            self._saved.update(paths)
        names = ", ".join(_relative(self.root, path) for path in paths[:3])
        more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
        _say(f"Changed {names}{more}: updating the preview.")
        self.dirty.set()

    def run(self, stop: threading.Event) -> None:
        """Build once per burst of changes: saves made during a build lead to one more build.
        Between saves, the pages a change left stale are rebuilt, a batch at a time."""
        while not stop.is_set():
            if self.dirty.is_set():
                self.dirty.clear()
                self.update()
            elif self.site.stale_pages() and not self.broken:
                self.finish()
            else:
                self.dirty.wait(timeout=0.5)

    def update(self) -> None:
        self.generation = generation = self.state.next_generation()
        with self._saved_lock:
            saved, self._saved = self._saved, set()
        try:
            result = self.site.update(self.state.open_pages(), saved or None)
        except ContentError as error:
            self._failed(Failure(problems=tuple(error.problems)), error.report(), generation)
            return
        except Exception as error:  # the preview outlives template mistakes and bugs alike
            traceback.print_exc()
            details = f"{type(error).__name__}: {error}"
            self._failed(Failure(details=details), f"The preview could not be built: {details}", generation)
            return
        guide = result.guide
        self.prefix = url_path(str(guide.config.site_url) if guide.config.site_url else None)
        if self._show(result):
            fixed = " The problems are fixed." if self.broken else ""
            self.broken = False
            later = f" ({len(result.stale)} more pages follow)" if result.stale else ""
            _say(f"Website updated in {result.seconds:.1f} s{later}.{fixed}")
        self._request_pdfs(result)

    def finish(self) -> None:
        """Rebuild a batch of stale pages, those the browser is waiting for first."""
        try:
            result = self.site.finish(self.state.open_pages())
        except Exception as error:  # a template mistake or a bug: as in update()
            traceback.print_exc()
            details = f"{type(error).__name__}: {error}"
            self._failed(Failure(details=details), f"The preview could not be built: {details}", self.generation)
            return
        self._show(result)
        self._request_pdfs(result)

    def _show(self, result: QuickBuild) -> bool:
        built = None if result.everything or result.pages_built is None else result.built
        translations = self.site.folders()
        return self.state.show_site(result.site_dir, self.prefix, self.generation, built, result.stale, translations)

    def _request_pdfs(self, result: QuickBuild) -> None:
        """Once every page is up to date: the PDF build's website then replaces a complete one."""
        if self.pdfs is not None and not result.stale and "pdf" in result.guide.config.outputs:
            self.pdfs.request(self.generation, self.prefix)

    def _failed(self, failure: Failure, report: str, generation: int) -> None:
        self.broken = True
        self.state.show_failure(failure, generation)
        print(report, file=sys.stderr, flush=True)
        _say("The browser shows these problems until they are fixed; save the file and it updates.")


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
            _say(f"The PDF handouts could not be made because of {what}; the preview has no links to them:")
            print(errors.strip(), file=sys.stderr, flush=True)
        elif self.state.show_site(self.out / "site", prefix, generation):
            first = "PDF handouts are ready: the preview links to them."
            _say("PDF handouts updated." if self._ready_before else first)
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


def serve(options: ServeOptions) -> None:
    """Serve the preview until Ctrl+C (KeyboardInterrupt, which the caller reports)."""
    root = options.guide.resolve()
    _check_folders(root, options.out)
    quiet_engine_environment()  # the website builds run in a thread, which must not change it
    state = PreviewState()
    editor = Editor(root)
    server = _bind(options.port, state, editor)
    stop = threading.Event()
    with _preview_folder(options.out) as out, _stop_signals():
        pdfs = BackgroundPdfs(root, out / "with-pdfs", state) if options.pdfs else None
        previewer = Previewer(root, out / "quick", state, pdfs)
        editor.on_saved = previewer.changed  # the preview starts at once, not when the watcher notices
        editor.known = lambda: previewer.site.parsed
        threads: list[threading.Thread] = []
        try:
            _watch_sources(root, previewer.changed, stop)
            _say(f"Building the preview of {root} ...")
            previewer.update()
            threads = [start(server), _thread(previewer.run, stop)]
            if pdfs is not None:
                _thread(pdfs.run)
            _announce(server, pdfs is not None)
            stop.wait()
        finally:
            _shut_down(stop, server, pdfs, threads)


def _announce(server: PreviewServer, pdfs: bool) -> None:
    _say(f"Preview: http://{HOST}:{server.port}{server.state.current().prefix}")
    _say(f"Edit the guide in your browser: http://{HOST}:{server.port}/admin/")
    _say("Watching content/, templates/ and site_config.yml: open pages update when you save a file.")
    if pdfs:
        _say("PDF handouts are made in the background; pages link to them once they are ready.")
    _say("Press Ctrl+C to stop.")


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
        (TEMPLATES_DIR, "it would change the files it watches"),
        (root / "build", "guidegen build replaces that folder"),
    ):
        if out.is_relative_to(folder):
            raise UsageError(f"--out cannot be inside {folder}: {why}")


def _bind(port: int, state: PreviewState, editor: Editor) -> PreviewServer:
    try:
        return PreviewServer(port, state, editor)
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
    """Ctrl+C (SIGINT) and `kill` (SIGTERM) both stop the preview cleanly.

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


def _watch_sources(root: Path, on_change: Callable[[list[str]], None], stop: threading.Event) -> None:
    """content/ and templates/ with everything in them; the guide folder itself for site_config.yml only.

    The guide folder is watched on its own, not file by file, because many editors save by
    writing a new file and renaming it, which ends a watch on the old file.
    """
    from watchfiles import DefaultFilter

    folders = [folder for folder in (root / "content", TEMPLATES_DIR) if folder.is_dir()]
    if folders:
        _thread(_watch, folders, True, DefaultFilter(), on_change, stop)
    _thread(_watch, [root], False, lambda change, path: Path(path).name == CONFIG, on_change, stop)


def _watch(
    paths: list[Path],
    recursive: bool,
    accept: Callable[..., bool],
    on_change: Callable[[list[str]], None],
    stop: threading.Event,
) -> None:
    from watchfiles import watch

    for changes in watch(*paths, watch_filter=accept, recursive=recursive, stop_event=stop, raise_interrupt=False):
        on_change(_lasting(changes))


def _lasting(changes: set[tuple[Change, str]]) -> list[str]:
    """Changed paths without the temporary files editors and tools create and delete while saving."""
    from watchfiles import Change

    added = {path for change, path in changes if change == Change.added}
    deleted = {path for change, path in changes if change == Change.deleted}
    gone = {path for path in added & deleted if not Path(path).exists()}
    return sorted({path for _, path in changes} - gone)


def _signature(path: str) -> tuple[int, int, int, str] | None:
    """A file's modification time, size, inode and a digest of its bytes; None if it is not there
    (deleted). The digest because a clock's tick (a second on some file systems) can hold two
    saves of the same length to the same inode: the second is a change, not the first one's echo."""
    try:
        status = os.stat(path)
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest() if stat.S_ISREG(status.st_mode) else ""
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino, digest


def _thread(target: Callable[..., None], *args: object) -> threading.Thread:
    thread = threading.Thread(target=target, args=args, daemon=True)
    thread.start()
    return thread


def _relative(root: Path, path: str) -> str:
    for base in (root, TEMPLATES_DIR.parent):
        if Path(path).is_relative_to(base):
            return Path(path).relative_to(base).as_posix()
    return path


def _say(message: str) -> None:
    print(message, flush=True)
