"""The Jinja2 environments, configured in one place.

Templates are ours and trusted; content reaches them only as data, never as template
source, and is autoescaped unless it went through markdown.to_html (sanitised).
The environment is sandboxed anyway, so a template that ever evaluates content-derived
text cannot reach Python internals.
"""

from __future__ import annotations

from functools import cache

import jinja2
from jinja2 import BytecodeCache, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from ..common.template_files import PACKAGE_TEMPLATES, Roots
from ..common.user_cache import private_folder
from .direction import first_strong, text_direction

TEMPLATES_DIR = PACKAGE_TEMPLATES


@cache
def environment(kind: str, roots: Roots = (PACKAGE_TEMPLATES,)) -> SandboxedEnvironment:
    """One environment per output ('site' or 'pdf') and set of template folders (the guide's
    own first: template_files.template_roots), autoescaping, strict about undefined names.

    Markdown templates (*.md.j2) are autoescaped too: content never reaches them unescaped
    unless it went through markdown.neutralise or to_html.
    """
    folders = [str(root / kind) for root in roots] + [str(root / "shared") for root in roots]
    env = SandboxedEnvironment(
        loader=FileSystemLoader(folders),
        autoescape=select_autoescape(enabled_extensions=("html", "j2", "xml", "svg"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache("guidegen"),
    )
    env.filters["direction"] = text_direction  # {{ lang | direction }}: 'ltr' or 'rtl', from CLDR
    env.filters["textdir"] = lambda text: first_strong(str(text)) or "ltr"  # what dir="auto" would decide
    return env


@cache
def bytecode_cache(flavour: str) -> BytecodeCache | None:
    """Templates compiled by an earlier build, so each build need not compile them again (at
    100 activities compiling took a tenth of a one-edit rebuild's CPU in the build's process).

    They are kept in the user's cache folder (common/user_cache.py), made private and refused if
    anyone else owns it or may write to it (compiled code is run when read). An entry is used
    only for the same template file with the same source, Python and Jinja; flavour keeps apart
    environments whose settings compile a template differently (ours; MkDocs' theme,
    site/page_reuse.py). None (compile every time) when that folder cannot be made.
    """
    folder = private_folder("templates")
    if folder is None:
        return None
    return FileSystemBytecodeCache(str(folder), pattern=f"{flavour}-{jinja2.__version__}-%s.cache")
