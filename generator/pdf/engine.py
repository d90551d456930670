"""Importing WeasyPrint without its slow library search.

WeasyPrint opens Pango, HarfBuzz and fontconfig by trying a list of names for each. For every
name the system loader cannot open as it is, cffi asks `ctypes.util.find_library`, which on
Linux runs ldconfig, gcc and ld: about 40 short-lived processes and 0.4 s each time a process
imports WeasyPrint (Kozea/WeasyPrint#1125). Each list also holds the library's own file name
("libpango-1.0.so.0"), which the loader opens directly, so the search is switched off while
WeasyPrint is imported. On a system where only the search finds the libraries, the import is
simply done again with it.

Importing once, in the parent, before the PDF workers are forked, also spares each worker its
own import (about 0.8 s of CPU).
"""

from __future__ import annotations

import contextlib
import ctypes.util
import errno
import io
import sys


def _not_searched(name: str) -> str | None:
    return None


def load_weasyprint() -> None:
    """Import WeasyPrint in this process (once; later calls return at once)."""
    if "weasyprint.text.ffi" in sys.modules:
        return
    real_search = ctypes.util.find_library
    ctypes.util.find_library = _not_searched
    try:
        # When a name fails WeasyPrint prints advice on installing its libraries to stdout: our
        # own message says it (faults.py), on stderr, where messages belong.
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
    except OSError:
        # A library the direct names did not open: forget the half-made import, search properly.
        for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
            del sys.modules[name]
        ctypes.util.find_library = real_search
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                import weasyprint  # noqa: F401
        except OSError as error:  # the machine lacks Pango or HarfBuzz: said plainly (faults.py)
            raise OSError(errno.ELIBACC, str(error)) from error
    finally:
        ctypes.util.find_library = real_search
