"""The build's load phase: the guide and its translations read and checked, in a child process.

Reading a guide makes and drops far more objects than it keeps (the YAML's trees, the Markdown's
parse, the checks), between the ones that stay. Python keeps each 1 MiB arena that still holds
one live object, so after loading a guide of 2,000 activities in the build process, 97 MB of free
blocks stayed beside 44 MB of live objects (RSS 190 MiB) for the rest of the build, and every
process it forks shares them. Loaded in a child and sent back pickled (0.1 s at 2,000), the same
guide takes 61 MiB in the build.
"""

from __future__ import annotations

from pathlib import Path

from ..content.audience import for_audience
from ..content.loader import load_guide
from ..content.model import Guide
from ..content.parse_cache import ParseCache
from ..content.translations import translated_guides
from .options import BuildOptions
from .processes import Child

# The guide for the requested audience, its translations for it, and the text of the parse
# cache to keep with the build (None when the build leaves notes out: the cache holds the
# content as written).
Loaded = tuple[Guide, tuple[Guide, ...], str | None]


def load_for_build(root: Path, options: BuildOptions, out: Path) -> Loaded:
    """Load the guide in a child (in this process when the caller has threads: processes.py)."""
    if options.in_process:
        return _load(root, options, out)
    loaded: Loaded = Child("guidegen-load", _load, root, options, out).result()
    return loaded


def _load(root: Path, options: BuildOptions, out: Path) -> Loaded:
    parse_cache = ParseCache() if options.force else ParseCache.read(out)
    source = load_guide(root, parse_cache=parse_cache)
    # The load phase's end: every language checked before any output. Translations are read over
    # the whole source (a translated note needs its source note), then given the audience's view.
    translated = tuple(for_audience(t, options.audience) for t in translated_guides(source))
    guide = for_audience(source, options.audience)
    return guide, translated, parse_cache.text() if options.audience == "facilitators" else None
