"""Give freed memory back to the system between big steps.

A WeasyPrint layout or a MkDocs build frees most of what it allocated, but glibc keeps the
freed pages; worker processes that live for hundreds of renders then hold far more than they
use. malloc_trim returns them. Elsewhere (not glibc) this does nothing.
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
