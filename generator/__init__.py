"""guidegen: turn a peer-leadership guide written in Markdown and YAML into a website,
fillable PDF handouts and an offline bundle.

The public API is small: load_guide() reads and validates a guide, build() makes its outputs.
Both are imported lazily so that `import generator` stays cheap.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .builder.pipeline import BuildOptions, BuildReport
    from .content.model import Guide

__all__ = ["__version__", "build", "load_guide"]


def load_guide(root: str | PathLike[str]) -> Guide:
    """Load and validate the guide whose site_config.yml lives in root (raises ContentError)."""
    from .content.loader import load_guide as _load

    return _load(Path(root))


def build(root: str | PathLike[str], options: BuildOptions | None = None) -> BuildReport:
    """Build the guide's outputs into root/build (or options.out); see generator.builder.pipeline."""
    from .builder.pipeline import BuildOptions
    from .builder.pipeline import build as _build

    return _build(Path(root), options or BuildOptions())
