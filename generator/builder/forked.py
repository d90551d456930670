"""Run one function in a forked child process, to use a second core for MkDocs.

Fork before any thread starts in this process (a fork copies only the calling thread).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from ..errors import ContentError
from .memory import name_process


class Forked:
    """function(*args) in a child process; result() waits for it and raises its error here."""

    def __init__(self, name: str, function: Callable[..., None], *args: Any) -> None:
        context = multiprocessing.get_context("fork")
        self.conn, child = context.Pipe(duplex=False)
        self.process = context.Process(target=_run, args=(child, name, function, args), daemon=True)
        self.process.start()
        child.close()

    def result(self) -> None:
        try:
            status, payload = self.conn.recv()
        except EOFError:
            raise RuntimeError("a build process stopped unexpectedly") from None
        finally:
            self.stop()
        if status == "content":
            raise ContentError(payload)
        if status == "site":
            from ..site.project import SiteBuildError

            raise SiteBuildError(payload)
        if status == "bug":
            raise RuntimeError(payload)

    def stop(self) -> None:
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _run(conn: Connection, name: str, function: Callable[..., None], args: tuple[Any, ...]) -> None:
    from ..site.project import SiteBuildError

    name_process(name)
    try:
        function(*args)
        conn.send(("ok", None))
    except ContentError as error:
        conn.send(("content", error.problems))
    except SiteBuildError as error:
        conn.send(("site", str(error)))
    except BaseException as error:  # a bug: reported in the parent, with its type
        conn.send(("bug", f"{type(error).__name__}: {error}"))
