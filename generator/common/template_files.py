"""Where each template, stylesheet and asset comes from: the guide's own `templates/` folder
first, then the package's (`generator/templates/`, installed with guidegen).

A guide overrides any file by putting one at the same path in its own folder, e.g.
`templates/pdf/handout.css` or `templates/site/activity.md.j2`; every file it does not
override comes from the package. Used by the Jinja loader (render/environments.py), the PDF
fetcher (pdf/fetcher.py), the files copied into the website, and the cache keys, so that
editing an override rebuilds what uses it. Imports nothing heavy.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
GUIDE_TEMPLATES = "templates"  # the folder, inside a guide, that holds its own overrides

Roots = tuple[Path, ...]  # template folders, the first that has a file wins


def template_roots(guide_root: Path | None = None) -> Roots:
    """The guide's own templates folder (when it has one), then the package's."""
    if guide_root is not None:
        own = (guide_root / GUIDE_TEMPLATES).resolve()
        if own.is_dir() and own != PACKAGE_TEMPLATES:
            return (own, PACKAGE_TEMPLATES)
    return (PACKAGE_TEMPLATES,)


def template_file(roots: Roots, rel: str) -> Path:
    """The file at rel (e.g. "pdf/handout.css") in the first root that has it."""
    for root in roots:
        candidate = root / rel
        if candidate.is_file() and not candidate.is_symlink():
            return candidate
    return roots[-1] / rel


def template_tree(roots: Roots, rel: str) -> dict[str, Path]:
    """Every file below rel (e.g. "site/overrides"), by its path inside it, overrides applied.

    Hidden files and links are left out: a guide's folder may hold editor backups and links
    that point anywhere."""
    files: dict[str, Path] = {}
    for root in reversed(roots):
        folder = root / rel
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            inside = path.relative_to(folder)
            hidden = any(part.startswith(".") or part == "__pycache__" for part in inside.parts)
            if path.is_file() and not path.is_symlink() and not hidden:
                files[inside.as_posix()] = path
    return files


def overriding(roots: Roots, path: Path) -> Path:
    """A file inside one of the roots -> the file at the same path in the first root that has it.

    A stylesheet refers to fonts and images by relative URLs: an overriding stylesheet still
    gets the package's fonts, and an overriding font replaces the package's everywhere."""
    for root in roots:
        if path.is_relative_to(root):
            return template_file(roots, path.relative_to(root).as_posix())
    return path


def overrides_digest(guide_root: Path) -> str:
    """A hash of the guide's own templates folder ("" when it has none), for the up-to-date check."""
    roots = template_roots(guide_root)
    if len(roots) == 1:
        return ""
    h = hashlib.sha256()
    for rel, path in sorted(template_tree(roots[:1], ".").items()):
        h.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()
