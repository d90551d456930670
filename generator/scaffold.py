"""Start new content from commented skeletons: `guidegen new` and `guidegen init`.

The skeletons are plain files in templates/scaffold/ with $placeholders (string.Template):
the values we put in are quoted for YAML first, and nothing in them is ever evaluated.
Files are created with mode 'x', so an existing file is never overwritten.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from string import Template

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .common.template_files import PACKAGE_TEMPLATES
from .content.model import HANDOUT_KINDS
from .content.reserved import reserved_message, reserved_reason
from .errors import ScaffoldError

SCAFFOLD = PACKAGE_TEMPLATES / "scaffold"
MAX_ID = 60  # as model.Slug
MAX_TITLE = 200  # as model.ShortText
PLAIN_SAFE = re.compile(r"[A-Za-z0-9][\w ,.'’?!()&/-]*")
FIRST_PAGE, FIRST_ACTIVITY = "Getting started", "Sharing ideas"


def slugify(title: str) -> str:
    """'What makes good facilitation?' -> 'what-makes-good-facilitation' (at most 60 characters)."""
    title = re.sub(r"['’]", "", title)  # who's -> whos, not who-s
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_ID:
        slug = slug[:MAX_ID].rsplit("-", 1)[0] if "-" in slug[:MAX_ID] else slug[:MAX_ID]
    return slug


def unique_id(base: str, taken: set[str]) -> str:
    """base, or base-2, base-3, ... whichever is free (still at most 60 characters)."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
    return candidate


def free_id(base: str, taken: set[str]) -> str:
    """unique_id, skipping names guidegen keeps for itself (guide, index, x-a3, ...)."""
    taken = set(taken)
    candidate = unique_id(base, taken)
    while reserved_reason(candidate):
        taken.add(candidate)
        candidate = unique_id(base, taken)
    return candidate


def chosen_id(ident: str | None, title: str, fallback: str, taken: set[str]) -> str:
    """The id asked for with --id (checked), or one made from the title."""
    if ident is None:
        return free_id(slugify(title) or fallback, taken)
    if not ID_PATTERN.fullmatch(ident) or len(ident) > MAX_ID:
        raise ScaffoldError(
            f"--id '{ident}' must be lowercase letters, digits and hyphens (at most {MAX_ID} characters), "
            "e.g. --id sharing-the-role"
        )
    reason = reserved_reason(ident)
    if reason:
        raise ScaffoldError(reserved_message(ident, reason, f"--id our-{ident}"))
    if ident in taken:
        raise ScaffoldError(f"--id '{ident}' is already used by another file; choose another id")
    return ident


def yaml_scalar(text: str) -> str:
    """text as a YAML value: plain when that reads back unchanged, else double-quoted."""
    if PLAIN_SAFE.fullmatch(text) and ": " not in text and " #" not in text:
        try:
            if YAML(typ="safe", pure=True).load(f"value: {text}") == {"value": text}:
                return text
        except YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted one


def clean_title(title: str, what: str = "title") -> str:
    """One line of text, spaces tidied, short enough for the content model."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError(f'the {what} is empty; give one in quotes, e.g. "Sharing out the role"')
    if len(title) > MAX_TITLE:
        raise ScaffoldError(f"the {what} is longer than {MAX_TITLE} characters; shorten it")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in title):
        raise ScaffoldError(f"the {what} contains control characters; type it again")
    return title


def _render(name: str, **values: str) -> str:
    return Template((SCAFFOLD / name).read_text(encoding="utf-8")).substitute(values)


def _write_new(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:  # 'x': never overwrite
        handle.write(text)
    return path


def _content_dir(root: Path) -> Path:
    content = root / "content"
    if not content.is_dir():
        raise ScaffoldError(
            f"there is no content/ folder in {root}; run this inside a guide's folder, "
            "use --guide DIR, or start a guide with: guidegen init DIR"
        )
    return content


ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_LINE = re.compile(r"^id:\s*['\"]?([a-z0-9-]+)", re.MULTILINE)
ORDER_LINE = re.compile(r"^order:\s*(\d+)\s*$", re.MULTILINE)
DEFAULT_ORDER, MAX_ORDER = 100, 10000  # as the model: the default for a file without order:, the largest


def _scan(folder: Path, suffixes: tuple[str, ...]) -> tuple[set[str], int]:
    """Ids in use (file names and id: lines) and the highest order: in a folder.

    A light look at the text, not the loader: `new` must work while other files are broken.
    """
    taken: set[str] = set()
    highest = 0
    for path in folder.glob("*") if folder.is_dir() else ():
        if path.suffix not in suffixes:
            continue
        taken.add(path.stem)
        text = path.read_text(encoding="utf-8", errors="replace")
        taken.update(ID_LINE.findall(text))
        orders = [int(n) for n in ORDER_LINE.findall(text)] or [DEFAULT_ORDER]
        highest = max(highest, *orders)
    return taken, min(highest, MAX_ORDER - 1)


def new_activity(root: Path, title: str, handout: str | None = None, ident: str | None = None) -> Path:
    """Write content/activities/<id>.yml from the skeleton; return its path."""
    if handout is not None and handout not in HANDOUT_KINDS:
        raise ScaffoldError(f"unknown handout kind '{handout}': choose one of {', '.join(HANDOUT_KINDS)}")
    title = clean_title(title)
    folder = _content_dir(root) / "activities"
    taken, highest = _scan(folder, (".yml", ".yaml"))
    activity_id = chosen_id(ident, title, "activity", taken)
    quoted = yaml_scalar(title)
    handout_text = _render(f"handouts/{handout or 'none'}.yml", title=quoted)
    text = _render(
        "activity.yml",
        id=activity_id,
        id_value=yaml_scalar(activity_id),  # an id such as 123 or null must stay text
        title=quoted,
        order=str(highest + 1),
        handout=handout_text,
    )
    return _write_new(folder / f"{activity_id}.yml", text)


def new_page(root: Path, title: str, ident: str | None = None) -> Path:
    """Write content/pages/<id>.md from the skeleton; return its path."""
    title = clean_title(title)
    folder = _content_dir(root) / "pages"
    taken, highest = _scan(folder, (".md",))
    page_id = chosen_id(ident, title, "page", taken)
    text = _render("page.md", id=page_id, title=yaml_scalar(title), order=str(highest + 1))
    return _write_new(folder / f"{page_id}.md", text)


def new_session(root: Path, title: str) -> Path:
    """Write content/sessions/<id>.yml from the skeleton (with the guide's first activity); return its path."""
    title = clean_title(title)
    content = _content_dir(root)
    folder = content / "sessions"
    taken, highest = _scan(folder, (".yml", ".yaml"))
    session_id = unique_id(slugify(title) or "session", taken)
    activities = sorted(_scan(content / "activities", (".yml", ".yaml"))[0])
    activity_line = f"  - activity: {activities[0]}\n" if activities else ""
    text = _render(
        "session.yml",
        id_value=yaml_scalar(session_id),
        title=yaml_scalar(title),
        order=str(highest + 1),
        activity_line=activity_line,
    )
    return _write_new(folder / f"{session_id}.yml", text)


TITLE_LINE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)


def new_easy_read(root: Path, target: str) -> Path:
    """Write content/easy-read/<id>.yml, the Easy Read version of a page ("home", a page id or
    activity:ID), from the skeleton; return its path."""
    content = _content_dir(root)
    kind, _, ident = target.rpartition(":") if ":" in target else ("page", "", target)
    if target == "home":
        kind, ident, source = "home", "", content / "home.md"
    elif kind == "activity":
        source = content / "activities" / f"{ident}.yml"
    elif kind == "page":
        source = content / "pages" / f"{ident}.md"
    else:
        raise ScaffoldError(f"'{target}' is not a page: give a page's id, home, or activity:ID")
    if (kind != "home" and not ID_PATTERN.fullmatch(ident)) or not source.is_file():
        where = source.relative_to(root) if source.is_relative_to(root) else source
        raise ScaffoldError(f"there is no file {where}; give the id of a page in content/pages/, home, or activity:ID")
    found = TITLE_LINE.search(source.read_text(encoding="utf-8", errors="replace"))
    title = clean_title(found.group(1).strip("\"'") if found else ident or "Easy Read")
    folder = content / "easy-read"
    version_of = "home" if kind == "home" else f"{kind}:{ident}"
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else ():
        if re.search(
            rf"^version_of:\s*['\"]?{re.escape(version_of)}['\"]?\s*$", path.read_text("utf-8", "replace"), re.M
        ):
            raise ScaffoldError(
                f"{path.relative_to(root)} is already the Easy Read version of {version_of}; edit that file"
            )
    taken, highest = _scan(folder, (".yml", ".yaml"))
    easy_id = unique_id(ident or "home", taken)
    text = _render(
        "easy-read.yml",
        what=f"the {kind} '{title}'" if kind != "home" else "the home page",
        id_value=yaml_scalar(easy_id),
        title=yaml_scalar(title),
        version_of=version_of,
        order=str(highest + 1),
    )
    return _write_new(folder / f"{easy_id}.yml", text)


def init_guide(target: Path, title: str, organisation: str) -> list[Path]:
    """Start a new guide in an empty (or new) folder; return the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} is not an empty folder; choose a new folder name so nothing is overwritten")
    title, organisation = clean_title(title), clean_title(organisation, "organisation")
    slug = slugify(title) or slugify(target.resolve().name) or "guide"
    (target / "content" / "assets").mkdir(parents=True)
    written = [_write_new(target / "content" / "assets" / ".gitkeep", "")]
    page = new_page(target, FIRST_PAGE)
    activity = new_activity(target, FIRST_ACTIVITY, handout="questions")
    files = {
        "site_config.yml": _render(
            "guide/site_config.yml", title=yaml_scalar(title), slug=slug, organisation=yaml_scalar(organisation)
        ),
        "content/home.md": _render(
            "guide/home.md",
            title=yaml_scalar(title),
            page_title=FIRST_PAGE,
            page_id=page.stem,
            activity_title=FIRST_ACTIVITY,
            activity_id=activity.stem,
        ),
        "content/skills.yml": _render("guide/skills.yml"),
        "content/support.yml": _render("guide/support.yml"),
        "README.md": _render("guide/README.md", title=title),
    }
    written += [page, activity] + [_write_new(target / name, text) for name, text in files.items()]
    return sorted(written)
