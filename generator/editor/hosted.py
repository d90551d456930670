"""The editor on the published website: /admin/ with Decap CMS's GitHub backend, written into
the built site when site_config.yml has `editing:`.

The collections are the local editor's (editor/config.py), so both edit the same fields with the
same hints. There is no local backend: Decap logs the editor in with GitHub and, in the editorial
workflow, turns each change into a pull request, which the `publish github-actions` workflow
checks like any other. Only the source guide's website gets it (a translation's files are
collections of the same editor), and never the offline zip: from file:// there is no GitHub login.

A static host (GitHub Pages, a shared folder) cannot send headers, so the page carries its own
policy as a `<meta>`, which the website's strict policy (site/csp.py) leaves alone. It is the
local editor's policy plus GitHub's API (entries, pull requests) and its images (avatars, media).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from functools import partial
from html import escape
from pathlib import Path
from typing import Any

from ..common.messages import messages_for
from ..content.model import EditingSettings, Guide
from ..content.reserved import EDITOR_FOLDER
from ..content.translations import source_items
from .admin import VENDOR, VENDORED
from .config import common_config

LICENCES = ("LICENSE", "decap-cms.js.LICENSE.txt")  # published beside the code they cover (MIT)
GITHUB_API = "https://api.github.com"  # Decap's GitHub backend's default api_root
GITHUB_IMAGES = "https://avatars.githubusercontent.com https://raw.githubusercontent.com"
POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    f"img-src 'self' data: blob: {GITHUB_IMAGES}; font-src 'self' data:; connect-src 'self' blob: data: {GITHUB_API}; "
    "frame-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'none'"
)  # no frame-ancestors: browsers ignore it in a <meta>

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Edit: {title}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="decap-cms.js"></script>
</body>
</html>
"""


def hosted_config(guide: Guide, editing: EditingSettings) -> dict[str, Any]:
    """Decap's configuration for the published site: GitHub, pull requests, the model's collections."""
    backend: dict[str, Any] = {"name": editing.backend, "repo": editing.repo, "branch": editing.branch}
    if editing.base_url:
        backend["base_url"] = editing.base_url.rstrip("/")
    if editing.auth_endpoint:
        backend["auth_endpoint"] = editing.auth_endpoint
    config: dict[str, Any] = {"backend": backend, "publish_mode": "editorial_workflow"}
    if guide.config.site_url:
        config["site_url"] = config["display_url"] = guide.config.site_url
    languages = tuple(item.language for item in guide.config.translations)
    sources = source_items(guide) if languages else None
    written = partial(_written, guide.root)  # GitHub opens only files that are in the repository
    return config | common_config(languages, messages_for(guide.config), sources, written)


def _written(root: Path, rel: str) -> bool:
    return (root / rel).is_file()


def generated_files(guide: Guide) -> dict[str, bytes]:
    """admin/index.html and admin/config.yml, or nothing when the guide has no `editing:`."""
    editing = guide.config.editing
    if editing is None:
        return {}
    config = json.dumps(hosted_config(guide, editing), ensure_ascii=False, indent=1)  # JSON is YAML
    page = PAGE.format(policy=POLICY, title=escape(guide.config.title))
    return {"index.html": page.encode("utf-8"), "config.yml": config.encode("utf-8")}


def vendored_files() -> list[Path]:
    """Decap CMS as shipped in the package: its code and its licences."""
    return sorted(p for p in VENDOR.iterdir() if p.is_file() and (VENDORED.match(p.name) or p.name in LICENCES))


def admin_key(guide: Guide) -> str:
    """What the published /admin/ is made of, for the website's cache key ('' without `editing:`)."""
    files = generated_files(guide)
    if not files:
        return ""
    digest = hashlib.sha256()
    for name, data in sorted(files.items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    for path in vendored_files():  # a new Decap version in the package rebuilds the site (6 MB: ~20 ms)
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def write_admin(guide: Guide, site_dir: Path) -> None:
    """The editor into a built website's admin/, if the guide asks for it."""
    files = generated_files(guide)
    if not files:
        return
    folder = site_dir / EDITOR_FOLDER
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    for path in vendored_files():
        shutil.copyfile(path, folder / path.name)
