"""Decap CMS's local-backend API (`POST /api/v1` with `{action, params}`), in Python.

The actions decap-server's file-system mode answers, so the editor needs no Node.js. The HTTP
side (origin, host, size of the request) is checked by the preview's server before this runs;
every path is checked again here (editor/paths.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .local_config import LocalConfig
from .paths import Refused
from .store import Store


class Api:
    def __init__(self, root: Path, known: Callable[[], dict[str, Any]] | None = None) -> None:
        """known: what YAML texts parsed to in the preview's own loads (see editor/checking.py)."""
        self.root = root
        self.store = Store(root, known)
        self.config = LocalConfig(root, self.store.checker.guide)

    def answer(self, request: object) -> Any:
        """The JSON answer to one request, or Refused with its status and plain reason."""
        if not isinstance(request, dict) or not isinstance(request.get("action"), str):
            raise Refused(400, "The editor sent a request guidegen does not understand.")
        params = request.get("params") or {}
        if not isinstance(params, dict):
            raise Refused(400, "The editor sent a request guidegen does not understand.")
        handler = getattr(self, "_" + request["action"], None) if request["action"].isalpha() else None
        if handler is None:
            raise Refused(422, f"The editor asked for '{request['action'][:40]}', which this guide does not offer.")
        answer = handler(params)
        if request["action"] in ("entriesByFolder", "entriesByFiles", "getEntry"):
            self.store.shown.set()
        return answer

    def _info(self, params: dict[str, Any]) -> Any:
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def _entriesByFolder(self, params: dict[str, Any]) -> Any:
        return self.store.folder_entries(params.get("folder"), params.get("extension"))

    def _entriesByFiles(self, params: dict[str, Any]) -> Any:
        return self.store.files_entries(params.get("files"))

    def _getEntry(self, params: dict[str, Any]) -> Any:
        return self.store.entry(params.get("path"))

    def _persistEntry(self, params: dict[str, Any]) -> Any:
        files = params.get("dataFiles")
        if not isinstance(files, list):  # older Decap versions send one entry
            files = [params.get("entry")]
        if len(files) != 1 or not isinstance(files[0], dict):
            raise Refused(400, "The editor sent a save guidegen does not understand.")
        (entry,) = files
        self.store.save_entry(entry.get("path"), entry.get("raw"), entry.get("newPath"), params.get("assets") or [])
        return {"message": "entry persisted"}

    def _getMedia(self, params: dict[str, Any]) -> Any:
        return self.store.media(params.get("mediaFolder"))

    def _getMediaFile(self, params: dict[str, Any]) -> Any:
        return self.store.media_file(params.get("path"))

    def _persistMedia(self, params: dict[str, Any]) -> Any:
        return self.store.save_media(params.get("asset"))

    def _deleteFile(self, params: dict[str, Any]) -> Any:
        self.store.delete(params.get("path"))
        return {"message": "file deleted"}

    def _deleteFiles(self, params: dict[str, Any]) -> Any:
        self.store.delete(params.get("paths"))
        return {"message": "files deleted"}

    def _getDeployPreview(self, params: dict[str, Any]) -> Any:
        return None
