"""Every kind of edit an editor makes while `guidegen serve` runs (issue 32), and how to see it.

Each kind changes the guide's files as an editor would and names the page an editor would
have open: the edited activity's page for a change to its text, another activity's page (whose
menu lists the edited one) for a change that reaches every menu, the home page for a page
added, renamed or deleted; the edited activity's translated page (at <lang>/) for a change
to its translation. `shown(html, marker)` says whether that page shows the change yet.
Each marker gives a different edit, so a run can repeat a kind.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from synthetic import edit_activity

from generator.content.loader import load_guide

MENU = "md-nav--primary"  # Material's class for the menu
TRANSLATION = "cy"  # the language the "translation" kind's copy of the guide is translated into
NEW_PAGE = "bench-page"  # the page the "new page" kind adds, "rename" moves and "delete" removes


@dataclass(frozen=True)
class Guide:
    """The guide being edited and the activities an edit is watched from.

    All three are among the first activities in order, so one group of the menu (50 activities,
    site/mkdocs_config.py) lists them: a page's menu shows its own group only.
    """

    root: Path
    edited: str  # the activity whose files change
    watched: str  # another activity: its page's menu lists the edited one
    anchor: str  # the first other activity: the edited one moves before it and back after it
    after: int  # an order that puts the edited activity after the anchor (the watched one's)


@dataclass(frozen=True)
class EditKind:
    name: str
    save: Callable[[Guide, str], None]  # make the edit (marker: what makes it unique)
    page: Callable[[Guide], str]  # the open page, relative to the preview's address
    shown: Callable[[Guide, str, str], bool]  # (guide, page's HTML, marker) -> the change is visible
    translated: bool = False  # made in a translation's files: timed on a copy of the guide with one


def guide_for(root: Path, edited: str) -> Guide:
    others = [a for a in load_guide(root).activities if a.id != edited]
    return Guide(root, edited, others[1].id, others[0].id, others[1].order)


def _activity(guide: Guide, name: str | None = None) -> str:
    return f"activities/{name or guide.edited}/"


def _contains(guide: Guide, html: str, marker: str) -> bool:
    return marker in html


def _lacks(guide: Guide, html: str, marker: str) -> bool:
    return marker not in html


def _edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _activity_file(guide: Guide, name: str | None = None) -> Path:
    return guide.root / "content" / "activities" / f"{name or guide.edited}.yml"


def _marked(text: str, marker: str) -> str:
    return f"{str(text).split(' [')[0]} [{marker}]"


def _title(guide: Guide, marker: str) -> None:
    _edit_yaml(_activity_file(guide), lambda data: data.update(title=_marked(data["title"], marker)))


def _first(marker: str) -> bool:
    """Markers end in a count: the edited activity goes first for an even one, back for an odd one."""
    return int(re.sub(r"\D", "", marker)[-1:] or 0) % 2 == 0


def _order(guide: Guide, marker: str) -> None:
    _edit_yaml(_activity_file(guide), lambda data: data.update(order=0 if _first(marker) else guide.after))


def _moved(guide: Guide, html: str, marker: str) -> bool:
    first = _first(marker)
    menu = html[html.find(MENU) :]  # the head's rel="prev" and rel="next" links come before it
    edited, anchor = menu.find(f'href="../{guide.edited}/"'), menu.find(f'href="../{guide.anchor}/"')
    return MENU in html and edited >= 0 and anchor >= 0 and (edited < anchor) == first


def _new_activity(guide: Guide, marker: str) -> None:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    data = yaml.load(_activity_file(guide).read_text(encoding="utf-8"))
    data.update(id="bench-new-activity", title=f"New activity [{marker}]", order=0)
    data.pop("next", None)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    _activity_file(guide, "bench-new-activity").write_text(buffer.getvalue(), encoding="utf-8")


def _delete_activity(guide: Guide, marker: str) -> None:
    _activity_file(guide, "bench-new-activity").unlink()


def _activity_gone(guide: Guide, html: str, marker: str) -> bool:
    return "bench-new-activity" not in html


def _page_file(guide: Guide, name: str) -> Path:
    return guide.root / "content" / "pages" / f"{name}.md"


def _new_page(guide: Guide, marker: str) -> None:
    text = f"---\ntitle: New page [{marker}]\norder: 5000\n---\nA page added while the preview runs.\n"
    _page_file(guide, NEW_PAGE).write_text(text, encoding="utf-8")


def _rename_page(guide: Guide, marker: str) -> None:
    _page_file(guide, NEW_PAGE).rename(_page_file(guide, f"{NEW_PAGE}-{marker}"))


def _renamed(guide: Guide, html: str, marker: str) -> bool:
    return f'href="{NEW_PAGE}-{marker}/"' in html and f'href="{NEW_PAGE}/"' not in html


def _delete_page(guide: Guide, marker: str) -> None:
    """Delete the page "rename" moved (the one new name among the pages)."""
    for path in (guide.root / "content" / "pages").glob(f"{NEW_PAGE}-*.md"):
        path.unlink()


def _page_gone(guide: Guide, html: str, marker: str) -> bool:
    return f'href="{NEW_PAGE}-' not in html


def _config(guide: Guide, marker: str) -> None:
    _edit_yaml(guide.root / "site_config.yml", lambda data: data.update(title=_marked(data["title"], marker)))


def _translated_text(guide: Guide, marker: str) -> None:
    """A translator's save: the Welsh text of the edited activity's aim (synthetic.add_translation)."""
    path = guide.root / "content" / "translations" / TRANSLATION / "activities" / f"{guide.edited}.yml"
    _edit_yaml(path, lambda data: data.update(aim=_marked(data["aim"], marker)))


def _support(guide: Guide, marker: str) -> None:
    def change(data: Any) -> None:
        contact = data["contacts"][0]
        contact["when"] = _marked(contact["when"], marker)

    _edit_yaml(guide.root / "content" / "support.yml", change)


KINDS = (
    EditKind("text", lambda g, m: edit_activity(g.root, g.edited, m), _activity, _contains),
    EditKind("title", _title, lambda g: _activity(g, g.watched), _contains),
    EditKind("order", _order, lambda g: _activity(g, g.watched), _moved),
    EditKind("new activity", _new_activity, lambda g: _activity(g, g.watched), _contains),
    EditKind("deleted activity", _delete_activity, lambda g: _activity(g, g.watched), _activity_gone),
    EditKind("new page", _new_page, lambda g: "", _contains),
    EditKind("renamed page", _rename_page, lambda g: "", _renamed),
    EditKind("deleted page", _delete_page, lambda g: "", _page_gone),
    EditKind("site_config.yml", _config, lambda g: _activity(g, g.watched), _contains),
    EditKind("support.yml", _support, lambda g: _activity(g, g.watched), _contains),
    EditKind("translation", _translated_text, lambda g: f"{TRANSLATION}/{_activity(g)}", _contains, translated=True),
)
