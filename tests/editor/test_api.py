"""The editor's API as a browser reaches it: the preview's real server on 127.0.0.1, a copy of
the default guide, and every refusal (origin, host, paths, links, sizes, bad content, a file
changed meanwhile) checked with the file on disk unchanged afterwards."""

from __future__ import annotations

import base64
import http.client
import io
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from ruamel.yaml import YAML

from generator.checks import check_guide
from generator.content.roundtrip import split_front_matter
from generator.preview.editor_http import MAX_REQUEST, Editor
from generator.preview.http import PreviewServer, PreviewState

REPO = Path(__file__).resolve().parents[2]
ACTIVITY = "content/activities/good-facilitation.yml"


class Client:
    def __init__(self, root: Path, port: int) -> None:
        self.root, self.port = root, port
        self.saved: list[list[str]] = []

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def raw(self, body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.putrequest("POST", "/api/v1", skip_host=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        connection.send(body)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, json.loads(data)

    def post(self, action: str, **params: Any) -> tuple[int, Any]:
        body = json.dumps({"action": action, "params": {"branch": "main", **params}}).encode()
        return self.raw(body, self.headers(len(body)))

    def headers(self, length: int, **changed: str) -> dict[str, str]:
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "Origin": self.origin,
            "Content-Type": "application/json; charset=utf-8",
            "Content-Length": str(length),
        }
        return {**headers, **changed}

    def entry(self, path: str) -> str:
        status, answer = self.post("getEntry", path=path)
        assert status == 200, answer
        return str(answer["data"])

    def save(self, path: str, raw: str, **extra: Any) -> tuple[int, Any]:
        return self.post("persistEntry", dataFiles=[{"slug": Path(path).stem, "path": path, "raw": raw}], **extra)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    guide = tmp_path / "guide"
    guide.mkdir()
    shutil.copytree(REPO / "content", guide / "content")
    shutil.copy(REPO / "site_config.yml", guide / "site_config.yml")
    editor = Editor(guide)
    server = PreviewServer(0, PreviewState(), editor)
    client = Client(guide, server.port)
    editor.on_saved = client.saved.append
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield client
    server.shutdown()
    server.server_close()


def _yaml() -> YAML:
    return YAML(typ="safe", pure=True)


def _load(text: str) -> Any:
    return _yaml().load(text)


def _dump(data: Any) -> str:
    """As Decap writes a file: its own YAML, no comments, its own order."""
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def _edited(client: Client, path: str, **changes: Any) -> str:
    data = _load(client.entry(path))
    data.update(changes)
    return _dump(dict(sorted(data.items())))


def test_info_answers_the_editor_on_its_own_origin(client: Client) -> None:
    status, answer = client.post("info")
    assert status == 200
    assert answer == {"repo": "guide", "publish_modes": ["simple"], "type": "local_fs"}


@pytest.mark.parametrize(
    "changed",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "http://127.0.0.1:1"},  # another port is another origin
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
def test_another_origin_is_refused(client: Client, changed: dict[str, str]) -> None:
    body = json.dumps({"action": "deleteFile", "params": {"path": ACTIVITY}}).encode()
    status, answer = client.raw(body, client.headers(len(body), **changed))
    assert status == 403
    assert "own /admin/" in answer["error"]
    assert (client.root / ACTIVITY).is_file()


def test_a_request_without_an_origin_is_refused(client: Client) -> None:
    body = json.dumps({"action": "info"}).encode()
    headers = client.headers(len(body))
    del headers["Origin"]
    assert client.raw(body, headers)[0] == 403


def test_another_host_name_is_refused_even_with_a_matching_origin(client: Client) -> None:
    """A page whose name was rebound to 127.0.0.1 sends its own name as Host and Origin."""
    body = json.dumps({"action": "getEntry", "params": {"path": ACTIVITY}}).encode()
    host = f"attacker.example:{client.port}"
    status, answer = client.raw(body, client.headers(len(body), Host=host, Origin=f"http://{host}"))
    assert status == 403
    assert "127.0.0.1 or localhost" in answer["error"]


@pytest.mark.parametrize(
    "path",
    [
        "../outside.yml",
        "content/../../outside.yml",
        "/etc/passwd",
        "pyproject.toml",
        "templates/site/page.md.j2",
        "content/.hidden.yml",
        "content\\activities\\x.yml",
    ],
)
def test_paths_outside_the_content_are_refused(client: Client, path: str) -> None:
    (client.root.parent / "outside.yml").write_text("secret: 1\n")
    status, answer = client.post("getEntry", path=path)
    assert status == 403, answer
    status, _ = client.save(path, "id: x\n")
    assert status == 403
    assert (client.root.parent / "outside.yml").read_text() == "secret: 1\n"


def test_a_link_out_of_the_guide_is_neither_read_nor_written(client: Client, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yml"
    outside.write_text("id: elsewhere\n")
    (client.root / "content/activities/linked.yml").symlink_to(outside)
    (tmp_path / "folder").mkdir()
    (client.root / "content/pages/more").symlink_to(tmp_path / "folder", target_is_directory=True)
    assert client.post("getEntry", path="content/activities/linked.yml")[0] == 403
    assert client.save("content/activities/linked.yml", "id: linked\n")[0] == 403
    assert client.save("content/pages/more/new.md", "---\ntitle: New\n---\nText\n")[0] == 403
    assert outside.read_text() == "id: elsewhere\n"
    assert not (tmp_path / "folder" / "new.md").exists()


def test_too_large_a_request_or_file_is_refused(client: Client) -> None:
    headers = client.headers(MAX_REQUEST + 1)
    assert client.raw(b"{}", headers)[0] == 413
    before = (client.root / ACTIVITY).read_bytes()
    raw = _edited(client, ACTIVITY, aim="x" * 1_100_000)
    assert client.save(ACTIVITY, raw)[0] == 413
    assert (client.root / ACTIVITY).read_bytes() == before


def test_invalid_content_is_refused_with_checks_message_and_nothing_written(client: Client) -> None:
    before = (client.root / ACTIVITY).read_bytes()
    data = _load(client.entry(ACTIVITY))
    data["steps"][1]["minutes"] = 500
    status, answer = client.save(ACTIVITY, _dump(data))
    assert status == 422
    assert f"{ACTIVITY}:" in answer["error"]
    assert "duration_minutes: the steps' minutes add up to 540, more than the 45 minutes" in answer["error"]
    assert "Nothing was saved" in answer["error"]
    assert (client.root / ACTIVITY).read_bytes() == before
    assert client.saved == []


def test_a_broken_link_elsewhere_in_the_guide_is_found_in_context(client: Client) -> None:
    """Changing an activity's id breaks the sessions and activities that name it: check says so."""
    before = (client.root / ACTIVITY).read_bytes()
    status, answer = client.save(ACTIVITY, _edited(client, ACTIVITY, id="renamed-activity"))
    assert status == 422
    assert "content/sessions/first-meeting.yml" in answer["error"] or "good-facilitation" in answer["error"]
    assert (client.root / ACTIVITY).read_bytes() == before


def test_a_file_changed_on_disk_since_it_was_opened_is_not_overwritten(client: Client) -> None:
    raw = _edited(client, ACTIVITY, title="Changed in the browser")
    path = client.root / ACTIVITY
    by_hand = path.read_text().replace("group_size: 4 to 12 people", "group_size: 5 to 12 people")
    path.write_text(by_hand)
    status, answer = client.save(ACTIVITY, raw)
    assert status == 409
    assert "changed by someone else" in answer["error"]
    assert path.read_text() == by_hand


def test_a_new_entry_never_replaces_an_existing_file(client: Client) -> None:
    before = (client.root / ACTIVITY).read_bytes()
    data = _load(client.entry(ACTIVITY))
    del data["guidegen_version"]  # what a new entry with the same id sends
    status, answer = client.save(ACTIVITY, _dump(data))
    assert status == 409
    assert "already exists" in answer["error"]
    assert (client.root / ACTIVITY).read_bytes() == before


def test_a_save_keeps_comments_order_and_layout_and_check_stays_clean(client: Client) -> None:
    path = client.root / ACTIVITY
    before = path.read_text()
    data = _load(client.entry(ACTIVITY))
    data["title"] = "What makes facilitation good?"
    data["steps"][1]["minutes"] = 4
    status, answer = client.save(ACTIVITY, _dump(dict(sorted(data.items()))))
    assert status == 200, answer
    after = path.read_text()
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [
        ("title: What makes good facilitation?", "title: What makes facilitation good?"),
        ("    minutes: 5", "    minutes: 4"),
    ]
    assert "guidegen_version" not in after
    check_guide(client.root, remember=False)  # raises ContentError on any problem
    assert client.saved == [[str(client.root / ACTIVITY)]]


def test_settings_and_a_page_keep_their_comments(client: Client) -> None:
    config = client.root / "site_config.yml"
    comments = [line for line in config.read_text().splitlines() if line.lstrip().startswith("#")]
    status, answer = client.save("site_config.yml", _edited(client, "site_config.yml", paper="Letter"))
    assert status == 200, answer
    text = config.read_text()
    assert "paper: Letter" in text
    assert [line for line in text.splitlines() if line.lstrip().startswith("#")] == comments

    page = "content/pages/what-is-peer-leadership.md"
    front, body = split_front_matter(client.entry(page))
    data = {**_load(front or ""), "title": "Peer leadership, simply"}
    raw = f"---\n{_dump(data)}---\n" + body.replace("## A simple starting point", "## Where to start")
    assert client.save(page, raw)[0] == 200
    text = (client.root / page).read_text()
    assert text.startswith("---\ntitle: Peer leadership, simply\nsummary:")
    assert "## Where to start" in text


def test_a_new_activity_is_created_and_checked(client: Client) -> None:
    """As "Publish and duplicate" sends it: a copy of another file, with that file's version."""
    data = _load(client.entry(ACTIVITY))
    assert data["guidegen_version"].startswith(f"{ACTIVITY}@")
    data.update(id="a-new-one", title="A new one", handout=[])
    data.pop("next", None)
    path = "content/activities/a-new-one.yml"
    status, answer = client.save(path, _dump(data))
    assert status == 200, answer
    saved = _load((client.root / path).read_text())
    assert saved["id"] == "a-new-one" and "handout" not in saved
    guide, _ = check_guide(client.root, remember=False)
    assert "a-new-one" in [a.id for a in guide.activities]


def test_the_handout_is_one_item_of_a_list_in_the_editor_and_one_object_in_the_file(client: Client) -> None:
    data = _load(client.entry(ACTIVITY))
    assert [item["kind"] for item in data["handout"]] == ["three-circles"]
    data["handout"][0]["rings"][0] = "Most important"
    assert client.save(ACTIVITY, _dump(data))[0] == 200
    handout = _load((client.root / ACTIVITY).read_text())["handout"]
    assert handout["kind"] == "three-circles" and handout["rings"][0] == "Most important"


def _png() -> str:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "navy").save(out, format="PNG")
    return base64.b64encode(out.getvalue()).decode()


def test_an_image_upload_goes_to_the_assets_through_the_asset_checks(client: Client) -> None:
    status, answer = client.post(
        "persistMedia", asset={"path": "content/assets/photo.png", "content": _png(), "encoding": "base64"}
    )
    assert status == 200, answer
    assert (client.root / "content/assets/photo.png").read_bytes() == base64.b64decode(_png())
    status, media = client.post("getMedia", mediaFolder="content/assets")
    assert "content/assets/photo.png" in [item["path"] for item in media]


@pytest.mark.parametrize(
    ("name", "content", "status", "words"),
    [
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 422, "script"),
        ("broken.png", b"not a png at all", 422, "could not be read"),
        ("page.html", b"<p>hi</p>", 403, "PNG, JPEG"),
        ("../escape.png", b"", 403, "not a file of this guide"),
    ],
)
def test_a_bad_upload_is_refused(client: Client, name: str, content: bytes, status: int, words: str) -> None:
    asset = {"path": f"content/assets/{name}", "content": base64.b64encode(content).decode(), "encoding": "base64"}
    answer = client.post("persistMedia", asset=asset)
    assert answer[0] == status, answer
    assert words in answer[1]["error"]
    assert not (client.root / "content/assets" / name).exists()


def test_deleting_what_the_guide_still_uses_is_refused(client: Client) -> None:
    status, answer = client.post("deleteFile", path="content/assets/logo.svg")
    assert status == 422 and "brand.logo" in answer["error"]
    assert (client.root / "content/assets/logo.svg").is_file()
    page = "content/pages/running-groups-online.md"  # home.md links to it
    status, answer = client.post("deleteFiles", paths=[page])
    assert status == 422 and "content/home.md" in answer["error"]
    assert (client.root / page).is_file()


def test_the_settings_cannot_be_deleted(client: Client) -> None:
    status, answer = client.post("deleteFile", path="site_config.yml")
    assert status == 403 and "cannot be deleted" in answer["error"]
    assert (client.root / "site_config.yml").is_file()


def test_deleting_what_nothing_uses_is_allowed(client: Client) -> None:
    page = "content/pages/a-page-of-our-own.md"
    status, answer = client.save(page, "---\ntitle: A page of our own\n---\nSome text.\n")
    assert status == 200, answer
    assert (client.root / page).read_text() == "---\ntitle: A page of our own\n---\nSome text.\n"
    status, answer = client.post("deleteFile", path=page)
    assert status == 200, answer
    assert not (client.root / page).exists()
