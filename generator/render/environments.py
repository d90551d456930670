"""The Jinja2 environments, configured in one place.

Templates are ours and trusted; content reaches them only as data, never as template
source, and is autoescaped unless it went through markdown.to_html (sanitised).
The environment is sandboxed anyway, so a template that ever evaluates content-derived
text cannot reach Python internals.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


@cache
def environment(kind: str, templates_dir: Path = TEMPLATES_DIR) -> SandboxedEnvironment:
    """One environment per output ('site' or 'pdf'), autoescaping, strict about undefined names.

    Markdown templates (*.md.j2) are autoescaped too: content never reaches them unescaped
    unless it went through markdown.neutralise or to_html.
    """
    env = SandboxedEnvironment(
        loader=FileSystemLoader([str(templates_dir / kind), str(templates_dir / "shared")]),
        autoescape=select_autoescape(enabled_extensions=("html", "j2", "xml", "svg"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env
