"""Synthetic guides for the benchmark: the default guide plus generated pages and activities.

Generated files reuse the default content's own text (rotated and renumbered), so their
lengths are realistic, and every link in them points at something that exists. Activities
cycle through the four handout kinds; pages number half the activities (at least the
default's own). Everything is deterministic: the same size gives the same files.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generator.content.loader import load_guide
from generator.content.model import HANDOUT_KINDS, Activity, Guide, Page

REPO = Path(__file__).resolve().parent.parent


def make_guide(dest: Path, activities: int, source: Path = REPO) -> Path:
    """Copy the guide at source to dest and add generated files up to `activities` activities."""
    base = load_guide(source)
    if activities < len(base.activities):
        raise ValueError(f"a synthetic guide needs at least {len(base.activities)} activities")
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "site_config.yml", dest / "site_config.yml")
    shutil.copytree(source / "content", dest / "content")
    _add_activities(base, dest / "content" / "activities", activities - len(base.activities))
    _add_pages(base, dest / "content" / "pages", max(0, activities // 2 - len(base.pages)))
    return dest


def add_translation(root: Path, language: str = "cy") -> Path:
    """Translate every text of the guide at root into `language`, as a translator's tool would
    (export, fill in, import): each text marked with the language, its links kept."""
    import polib

    from generator.translate.po import export_po, import_po

    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"translations: [{language}]\n", encoding="utf-8")
    guide = load_guide(root)
    po = polib.pofile(export_po(guide, language))
    for entry in po:
        # Marked with the language where it stays short enough for any field (titles: 200 letters).
        long = "\n" in entry.msgid or len(entry.msgid) > 190
        entry.msgstr = entry.msgid if long else f"[{language}] {entry.msgid}"
    path = root / f"{language}.po"
    po.save(str(path))
    import_po(guide, language, path)
    path.unlink()
    return root


def _add_activities(base: Guide, folder: Path, count: int) -> None:
    templates = {kind: [a for a in base.activities if a.handout and a.handout.kind == kind] for kind in HANDOUT_KINDS}
    missing = [kind for kind, found in templates.items() if not found]
    if missing:
        raise ValueError(f"the default guide has no activity with a {', '.join(missing)} handout to copy")
    for number in range(1, count + 1):
        kind = HANDOUT_KINDS[(number - 1) % len(HANDOUT_KINDS)]
        choices = templates[kind]
        template = choices[(number - 1) // len(HANDOUT_KINDS) % len(choices)]
        following = _activity_id(number + 1) if number < count else None
        data = _activity_data(template, number, following)
        (folder / f"{data['id']}.yml").write_text(_dump(data), encoding="utf-8")


def _activity_id(number: int) -> str:
    return f"practice-session-{number:04d}"


def _activity_data(template: Activity, number: int, following: str | None) -> dict[str, Any]:
    """The template's fields, renumbered, with the steps rotated so no two files are the same."""
    data = template.model_dump(mode="json", exclude_none=True)
    shift = number % len(template.steps)
    data.update(
        id=_activity_id(number),
        title=f"{template.title} (session {number})",
        order=1000 + number,
        steps=data["steps"][shift:] + data["steps"][:shift],
    )
    data.pop("next", None)
    if following:
        data["next"] = following
    return data


def _add_pages(base: Guide, folder: Path, count: int) -> None:
    for number in range(1, count + 1):
        template = base.pages[(number - 1) % len(base.pages)]
        (folder / f"more-reading-{number:04d}.md").write_text(_page_text(template, number), encoding="utf-8")


def _page_text(template: Page, number: int) -> str:
    front: dict[str, Any] = {"title": f"{template.title} (part {number})", "order": 1000 + number}
    if template.summary:
        front["summary"] = template.summary
    return f"---\n{_dump(front)}---\n{template.body}"


def _dump(data: dict[str, Any]) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def edit_activity(guide_root: Path, activity_id: str, marker: str) -> None:
    """Change one activity's aim, as an editor would; each marker gives a different edit."""
    path = guide_root / "content" / "activities" / f"{activity_id}.yml"
    yaml = YAML(typ="rt")
    yaml.width = 4096
    data = yaml.load(path.read_text(encoding="utf-8"))
    data["aim"] = f"{str(data['aim']).split(' [edit')[0]} [edit {marker}]"
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")
