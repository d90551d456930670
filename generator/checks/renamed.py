"""Warnings for settings written with an old name (content/model.py's RENAMED_SETTINGS).

The old name still works, so existing guides build; `guidegen check` says at its line what the
key is called now, so the file can be brought up to date when convenient.
"""

from __future__ import annotations

from ..content.loader import Sources
from ..content.model import RENAMED_SETTINGS
from ..content.reader import position
from ..errors import Problem


def renamed_settings(sources: Sources) -> list[Problem]:
    """A warning at each old setting name site_config.yml still uses."""
    source = sources.get(("config", ""))
    data = source.file.data if source is not None else None  # the plain data: the YAML tree is parsed only if needed
    if source is None or not isinstance(data, dict):
        return []
    found = []
    for old, new in RENAMED_SETTINGS.items():
        if old in data and new not in data:  # both at once is already a loading problem
            line, column = position(source.node, (*source.prefix, old))
            line += source.line_offset
            text = source.lines[line - 1] if 0 < line <= len(source.lines) else ""
            found.append(Problem(source.path, line, column, old, f"is now called {new}: (rename the key)", text))
    return found
