"""An installed library's version, for cache keys, without importing importlib.metadata.

`guidegen check` keys what it remembers by the versions of ruamel.yaml, Babel and lxml.
importlib.metadata imports email, zipfile and csv and scans every folder of sys.path: about a
tenth of a warm check's CPU time, to learn three strings. The version is in the name of the
package's `<name>-<version>.dist-info` folder beside it, found with importlib.util (imported
by Python's start-up already). Anything unusual (no such folder, or two) asks
importlib.metadata, so the answer is always the one it gives.
"""

from __future__ import annotations

import os
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path


def _normalised(name: str) -> str:
    """A distribution's name as wheels spell it in folder names (PEP 503, '-' as '_')."""
    return re.sub(r"[-_.]+", "_", name).lower()


@cache
def installed_version(distribution: str, module: str) -> str:
    """The version of `distribution`, whose code is imported as `module` ('ruamel.yaml', 'lxml')."""
    spec = find_spec(module)
    origin = spec.origin if spec is not None else None
    if origin:
        folder = Path(origin).parents[module.count(".") + (1 if origin.endswith("__init__.py") else 0)]
        wanted = _normalised(distribution)
        with os.scandir(folder) as entries:
            found = [
                entry.name.removesuffix(".dist-info").rsplit("-", 1)
                for entry in entries
                if entry.name.endswith(".dist-info")
            ]
        versions = [parts[1] for parts in found if len(parts) == 2 and _normalised(parts[0]) == wanted]
        if len(versions) == 1:
            return versions[0]
    from importlib import metadata

    return metadata.version(distribution)
