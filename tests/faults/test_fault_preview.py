"""guidegen serve against odd requests: every one gets a status code, the editor's terminal gets
no traceback, idle connections are dropped, and every answer carries a Content-Security-Policy
(issue 14)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.preview.http import IDLE_SECONDS

pytestmark = pytest.mark.slow


def _stop(process: subprocess.Popen[str]) -> None:
    """Ctrl+C, as an editor stops it; once it has exited, everything it wrote is in its stderr file."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def server(guide: Path, tmp_path: Path) -> Iterator[tuple[int, Path, subprocess.Popen[str]]]:
    """`guidegen serve --port 0 --no-pdfs` running; yields its port, the file holding its stderr and the process."""
    errors = tmp_path / "serve-stderr.txt"
    with errors.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--guide", str(guide), "--port", "0", "--no-pdfs"],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            port = _port(process)
            yield port, errors, process
        finally:
            _stop(process)


def _port(process: subprocess.Popen[str]) -> int:
    assert process.stdout is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if found:
            return int(found.group(1))
        if not line and process.poll() is not None:
            break
    raise AssertionError("serve did not say where the preview is")


def ask(port: int, request: bytes, wait: float = 10) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as connection:
        connection.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = connection.recv(4096)
            if not chunk:
                break
            data += chunk
    return data


def get(port: int, path: bytes, host: bytes | None = None) -> tuple[int, bytes]:
    host = host if host is not None else f"127.0.0.1:{port}".encode()
    answer = ask(port, b"GET " + path + b" HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n")
    status = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
    assert status, answer[:200]
    return int(status.group(1)), answer


ODD_PATHS = [
    b"/" + b"a" * 300,
    b"/a/" + b"b" * 300 + b"/index.html",
    b"/" + b"x" * 10_000,
    b"/%ff%fe",
    b"/%e2%82",
    b"/%",
    b"/%zz/%",
    b"/\xff\xfe",
    b"/%00",
    b"/%2e%2e/%2e%2e/etc/passwd",
    b"/..%2f..%2fetc/passwd",
    b"//etc/passwd",
    b"/?q=%ff",
    b"/assets/" + b"%c0%ae" * 50,
    b"/index.html/",
    b"*",
    b"http://example.org/",
]


def test_every_odd_request_gets_a_status_and_no_traceback(server: tuple[int, Path, subprocess.Popen[str]]) -> None:
    port, errors, process = server
    for path in ODD_PATHS:
        status, _ = get(port, path)
        assert status in (200, 302, 400, 403, 404, 414), (path[:40], status)  # never a 500
    assert get(port, b"/", host=b"\xff\xfe")[0] == 403
    for raw in (b"BREW / HTTP/1.1\r\n\r\n", b"GET\r\n\r\n", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"):
        answer = ask(port, raw)
        # an HTTP/0.9-style request ("GET" alone) gets its error page without a status line
        assert answer == b"" or re.match(rb"HTTP/1\.[01] [45]\d\d", answer) or b"Error code: 400" in answer
    assert get(port, b"/")[0] == 200  # still answering
    _stop(process)  # read the log once the server has exited: all of it is written then
    log = errors.read_text()
    assert "Traceback" not in log and "Exception" not in log, log


def test_idle_connections_are_dropped(server: tuple[int, Path, subprocess.Popen[str]]) -> None:
    port, _, _ = server
    with socket.create_connection(("127.0.0.1", port), timeout=IDLE_SECONDS + 20) as half_sent:
        half_sent.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
        started = time.monotonic()
        assert half_sent.recv(100) == b""  # closed by the server
        assert time.monotonic() - started < IDLE_SECONDS + 10
    assert get(port, b"/")[0] == 200


def test_preview_sends_a_content_security_policy(server: tuple[int, Path, subprocess.Popen[str]]) -> None:
    port, _, _ = server
    status, page = get(port, b"/")
    assert status == 200
    policy = re.search(rb"\r\nContent-Security-Policy: ([^\r]+)", page)
    assert policy and b"script-src 'self' 'sha256-" in policy.group(1) and b"object-src 'none'" in policy.group(1)
    assert b"unsafe-inline" not in policy.group(1).split(b"style-src")[0]  # no inline script but the hashed ones
    script = get(port, b"/__guidegen__/reload.js")[1]
    assert b"text/javascript" in script
