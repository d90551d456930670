"""Run MkDocs (with mkdocs-material) on a generated project, in this process.

Nothing here changes `os.environ`: a build may run from a thread (the live preview), where
another thread could read the environment at the same moment. The sitemap's dates come from
SOURCE_DATE_EPOCH (or a fixed default, so two builds are identical) through the project's hook;
Material's end-of-life notice is silenced once, when the command starts (cli.main).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ..errors import SiteBuildError

# Used for sitemap.xml dates when SOURCE_DATE_EPOCH is unset, so two builds are identical.
DEFAULT_SOURCE_DATE_EPOCH = "1735689600"  # 2025-01-01T00:00:00Z
BUILD_DATE = "guidegen_build_date"  # the key in the config's `extra` the hook reads


def build_date(environ: Mapping[str, str] = os.environ) -> str:
    """The date every page of the sitemap carries (YYYY-MM-DD)."""
    epoch = environ.get("SOURCE_DATE_EPOCH") or DEFAULT_SOURCE_DATE_EPOCH
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d")


def run_mkdocs(config_file: Path, site_dir: Path) -> None:
    """`mkdocs build --strict`, in-process; raise SiteBuildError listing MkDocs' warnings."""
    with _captured_mkdocs_log() as messages:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        try:
            config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
            config.extra[BUILD_DATE] = build_date()
            build(config)
        except MkDocsException as error:
            details = "\n".join(f"  {m}" for m in messages) or f"  {error}"
            raise SiteBuildError(f"MkDocs could not build {config_file}:\n{details}") from error


class _ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


@contextmanager
def _captured_mkdocs_log() -> Iterator[list[str]]:
    """MkDocs' warnings go into the error we raise, not onto the editor's terminal."""
    logger = logging.getLogger("mkdocs")
    handler = _ListHandler()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
