"""The editor's own pages at /admin/ (editor/admin.py): the page, its lazy configuration, vendored files only."""

from __future__ import annotations

from generator.editor.admin import POLICY, VENDOR, admin_file


def test_the_page_loads_decap_with_the_title_escaped_and_the_config_made_when_asked() -> None:
    asked: list[bool] = []

    def config() -> bytes:
        asked.append(True)
        return b"backend: {}\n"

    kind, page = admin_file("", "Tom & <Jerry>", config) or ("", b"")
    assert kind == "text/html; charset=utf-8" and b"<title>Edit: Tom &amp; &lt;Jerry&gt;</title>" in page
    assert b'<script src="/admin/decap-cms.js">' in page and asked == []
    assert admin_file("config.yml", "x", config) == ("text/yaml; charset=utf-8", b"backend: {}\n") and asked == [True]


def test_only_the_vendored_scripts_are_served() -> None:
    kind, body = admin_file("decap-cms.js", "x", bytes) or ("", b"")
    assert kind == "text/javascript; charset=utf-8" and body == (VENDOR / "decap-cms.js").read_bytes()
    for rel in ("../config.py", "decap-cms.js.map", "LICENSE", "nothing.wasm"):
        assert admin_file(rel, "x", bytes) is None, rel


def test_nothing_may_frame_the_editor() -> None:
    assert "frame-ancestors 'none'" in POLICY and "object-src 'none'" in POLICY
