"""guidegen: turn a peer-leadership guide written in Markdown and YAML into a website,
fillable PDF handouts and an offline bundle."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .model import Guide

__all__ = ["__version__", "load_guide"]


def load_guide(root: str | object) -> Guide:
    """Load and validate the guide whose site_config.yml lives in root."""
    from pathlib import Path

    from .load import load_guide as _load

    return _load(Path(str(root)))
