"""The files of the pictures beside Easy Read points, sanitised, as every output publishes them.

The bundled OpenMoji set (its catalogue of names and descriptions is content/pictures.py) is
kept in templates/assets/vendor/openmoji/; the guide's own pictures are in content/assets/.
The licence asks for credit where the pictures are shown, so every output that shows one
prints content/pictures.py's `ATTRIBUTION`. Every SVG is rebuilt by render/svg.py's sanitiser
before it is published, ours included.
"""

from __future__ import annotations

import base64
from pathlib import Path

from ..common.template_files import PACKAGE_TEMPLATES
from ..content.pictures import MEDIA_TYPES, is_own

BUNDLED_DIR = PACKAGE_TEMPLATES / "assets" / "vendor" / "openmoji"
LICENCE_FILE = BUNDLED_DIR / "LICENSE.txt"


def picture_file(content_dir: Path, name: str) -> Path:
    """Where the picture's file is: content/assets/... or the bundled folder."""
    return content_dir / name if is_own(name) else BUNDLED_DIR / f"{name}.svg"


def published_bytes(content_dir: Path, name: str) -> bytes:
    """The picture's bytes as every output publishes them: SVGs rebuilt from the allow-list."""
    from ..common.svg import sanitise  # lxml: only when a picture is published, not on a no-op rebuild

    path = picture_file(content_dir, name)
    data = path.read_bytes()
    return sanitise(data) if path.suffix.lower() == ".svg" else data


def data_uri(content_dir: Path, name: str) -> str:
    """The picture inline, for a PDF (the PDF fetcher reads only the guide's own folders)."""
    media = MEDIA_TYPES.get(picture_file(content_dir, name).suffix.lower(), "application/octet-stream")
    return f"data:{media};base64," + base64.b64encode(published_bytes(content_dir, name)).decode("ascii")
