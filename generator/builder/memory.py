"""Small things for long-lived worker processes, through the C library (Linux; else nothing).

- release_free_memory: a WeasyPrint layout or a MkDocs build frees most of what it allocated,
  but glibc keeps the freed pages; workers that live for hundreds of renders would hold far
  more than they use. malloc_trim returns them.
- name_process: "guidegen-pdf" or "guidegen-mkdocs" in top and ps (and for the benchmark,
  which counts the PDF workers' CPU time apart).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from typing import Any


@cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def release_free_memory() -> None:
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


PR_SET_NAME = 15


def name_process(name: str) -> None:
    libc = _libc()
    if libc is not None and hasattr(libc, "prctl"):
        libc.prctl(PR_SET_NAME, ctypes.c_char_p(name.encode()[:15]), 0, 0, 0)
