"""The few C library calls the build's child processes make (Linux; elsewhere they do nothing).

- release_free_memory: a WeasyPrint layout or a MkDocs build frees most of what it allocated,
  but glibc keeps the freed pages; workers that live for hundreds of renders would hold far
  more than they use. malloc_trim returns them.
- name_process: "guidegen-pdf" or "guidegen-mkdocs" in top and ps (and for the benchmark,
  which counts the PDF workers' CPU time apart).
- die_with_parent: the kernel kills the child when its parent dies, however it dies (SIGKILL
  from the out-of-memory killer included), so no worker is left holding memory for ever.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import signal
from functools import cache
from typing import Any

PR_SET_NAME = 15
PR_SET_PDEATHSIG = 1


@cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "prctl") else None


def release_free_memory() -> None:
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def name_process(name: str) -> None:
    libc = _libc()
    if libc is not None:
        libc.prctl(PR_SET_NAME, ctypes.c_char_p(name.encode()[:15]), 0, 0, 0)


def die_with_parent() -> bool:
    """Ask the kernel for SIGKILL when the thread that forked us ends; False where it cannot.

    The build forks its children from its main thread, whose end is the process's end.
    """
    libc = _libc()
    if libc is None:
        return False
    return bool(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0)
