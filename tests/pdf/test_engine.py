"""Importing WeasyPrint (pdf/engine.py): no library search through ldconfig, gcc and ld, and a
working import again, with the search, when the direct names cannot be opened. Each case runs
in a new interpreter, since a process imports WeasyPrint once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

RENDER = """
from weasyprint import HTML
assert HTML(string="<p>Hello</p>").write_pdf().startswith(b"%PDF")
"""

COUNT_PROCESSES = """
import subprocess
started = []
real_init = subprocess.Popen.__init__
def spy(self, args, *rest, **options):
    started.append(args[0] if isinstance(args, list) else args)
    real_init(self, args, *rest, **options)
subprocess.Popen.__init__ = spy
"""


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )


def test_loading_weasyprint_starts_no_process_and_renders() -> None:
    code = COUNT_PROCESSES + "from generator.pdf.engine import load_weasyprint\nload_weasyprint()\n"
    done = _run(code + "print(started)\n" + RENDER)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"processes started while importing WeasyPrint: {done.stdout}"


def test_without_load_weasyprint_the_search_does_start_processes() -> None:
    """The case the module is for: the plain import runs the search (else the test above proves nothing)."""
    done = _run(COUNT_PROCESSES + "import weasyprint\nprint(len(started))\n")
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) > 0


def test_when_the_direct_names_fail_the_import_is_done_again_with_the_search() -> None:
    # Every library opened without the search fails, as on a system whose libraries are only
    # found through it: the first import fails part-way, the second must work from scratch.
    code = """
import ctypes.util
import cffi
from generator.pdf import engine
real_dlopen = cffi.FFI.dlopen
attempts = []
def dlopen(self, name, *rest):
    if ctypes.util.find_library is engine._not_searched:
        attempts.append(name)
        raise OSError(f"not opened: {name}")
    return real_dlopen(self, name, *rest)
cffi.FFI.dlopen = dlopen
engine.load_weasyprint()
assert attempts, "the first import never tried a name"
assert ctypes.util.find_library is not engine._not_searched, "the search was left switched off"
"""
    done = _run(code + RENDER)
    assert done.returncode == 0, done.stderr
    assert "could not import" not in done.stdout, "WeasyPrint's advice was printed for a failure put right"


def test_missing_libraries_are_a_plain_message_about_installing_them() -> None:
    code = """
import errno
from pathlib import Path
import cffi
from generator.faults import explain
from generator.pdf import engine
def dlopen(self, name, *rest):
    raise OSError(f"cannot load library '{name}'")
cffi.FFI.dlopen = dlopen
try:
    engine.load_weasyprint()
except OSError as error:
    assert error.errno == errno.ELIBACC, error
    fault = explain(error, Path("guide"), Path("guide/build"))
    print(fault.exit_code, fault.message)
else:
    raise AssertionError("WeasyPrint loaded without its libraries")
"""
    done = _run(code)
    assert done.returncode == 0, done.stderr
    exit_code, message = done.stdout.split(" ", 1)
    assert exit_code == "2"
    assert "could not load the text libraries" in message and "apt-get install libpango-1.0-0" in message
    assert "bug" not in message and "check this file or folder" not in message
