"""The page at /admin/: its own two scripts allowed by hash and nothing else inline, Decap's code
at an address with its version (kept by the browser, so V8's compiled code is kept too), every
other answer never stored."""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.editor.admin import KEEP, POLICY, START, VENDOR, admin_file, code_version
from generator.editor.config import LOCAL_BACKEND
from generator.preview.editor_http import Editor
from generator.preview.http import PreviewServer, PreviewState

REPO = Path(__file__).resolve().parents[2]
INLINE = re.compile(r"<script>(.*?)</script>", re.S)


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    guide = tmp_path_factory.mktemp("admin") / "guide"
    shutil.copytree(REPO / "tests" / "samples" / "minimal", guide)
    server = PreviewServer(0, PreviewState(), Editor(guide))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.port
    server.shutdown()
    server.server_close()


def _get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    answer = connection.getresponse()
    return answer.status, dict(answer.getheaders()), answer.read()


def test_the_pages_own_scripts_are_allowed_by_their_hashes(port: int) -> None:
    status, headers, body = _get(port, "/admin/")
    assert status == 200
    page = body.decode("utf-8")
    scripts = INLINE.findall(page)
    assert len(scripts) == 2 and "CMS_MANUAL_INIT" in scripts[0] and "CMS.init" in scripts[1]
    policy = headers["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    hashes = re.findall(r"'sha256-([^']+)'", script_src)
    assert sorted(hashes) == sorted(base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts)
    assert "'unsafe-inline'" not in script_src
    assert headers["Cache-Control"] == "no-store"
    assert 'href="data:,"' in page  # no request for a favicon the preview has not


def test_decaps_code_is_kept_only_at_its_versioned_address(port: int) -> None:
    page = _get(port, "/admin/")[2].decode("utf-8")
    (source,) = re.findall(r'<script src="([^"]+)"', page)
    assert source == f"/admin/decap-cms.js?v={code_version()}"
    status, headers, body = _get(port, source)
    assert status == 200 and headers["Cache-Control"] == KEEP and len(body) > 1_000_000
    for other in ("/admin/decap-cms.js", "/admin/decap-cms.js?v=old", "/admin/config.yml"):
        status, headers, _ = _get(port, other)
        assert status == 200 and headers["Cache-Control"] == "no-store", other


def test_the_configuration_the_page_asks_for_is_json(port: int) -> None:
    status, headers, body = _get(port, "/admin/config.yml")
    assert status == 200 and headers["Content-Type"].startswith("text/yaml")
    config = json.loads(body)
    assert "local_backend" not in config  # Decap would ask the API whether it is there first
    assert config["backend"]["name"] == "proxy"


def test_the_local_editor_opens_with_no_login_page() -> None:
    # Decap restores a stored user of the configured backend instead of showing its Login page.
    assert f'"decap-cms-user", JSON.stringify({{backendName: "{LOCAL_BACKEND}"}})' in START


def test_the_page_has_the_title_escaped_and_the_config_made_only_when_asked() -> None:
    asked: list[bool] = []

    def config() -> bytes:
        asked.append(True)
        return b"backend: {}\n"

    page = admin_file("", "Tom & <Jerry>", config)
    assert page is not None and page.kind == "text/html; charset=utf-8"
    assert b"<title>Edit: Tom &amp; &lt;Jerry&gt;</title>" in page.data and asked == []
    made = admin_file("config.yml", "x", config)
    assert made is not None and made.data == b"backend: {}\n" and asked == [True]


def test_only_the_vendored_scripts_are_served() -> None:
    code = admin_file("decap-cms.js", "x", bytes)
    assert code is not None and code.kind == "text/javascript; charset=utf-8"
    assert code.data == (VENDOR / "decap-cms.js").read_bytes()
    for rel in ("../config.py", "decap-cms.js.map", "LICENSE", "nothing.wasm"):
        assert admin_file(rel, "x", bytes) is None, rel


def test_nothing_may_frame_the_editor() -> None:
    assert "frame-ancestors 'none'" in POLICY and "object-src 'none'" in POLICY
