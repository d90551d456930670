"""The example text of the skeletons `guidegen new` and `guidegen init` write, read from the skeletons.

An editor who forgets to replace an example leaves a reader with words that mean nothing (an
activity's aim about "one topic") or, worse, a safeguarding contact that reaches nobody. The
examples are read from templates/scaffold/ itself, so the check cannot drift from what the
skeletons say; renderers use `is_example_safeguarding` to keep that placeholder out of every output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

from .model import SafeguardingContact
from .parse_cache import ParseCache

SCAFFOLD = Path(__file__).resolve().parent.parent / "templates" / "scaffold"
# The default guide's placeholder before the skeleton had one: guides made then still carry it.
OLD_PLACEHOLDER = "Put their phone number or email address here"
# Values for the skeletons' $placeholders: never compared, only there so the YAML parses.
_FILLERS = {"id": "x", "id_value": "x", "title": "x", "order": "1", "handout": "", "activity_line": ""}
_FILLERS |= {"slug": "x", "organisation": "x"}


@dataclass(frozen=True)
class Examples:
    """The example values a skeleton gives each field an editor must replace."""

    activity: dict[str, Any]
    page_summary: str
    page_body: tuple[str, ...]
    session_summary: str
    safeguarding_how: str


def _load(text: str, store: ParseCache | None) -> Any:
    """The YAML's data: from store when it holds the same text (a warm check parses no skeleton)."""
    key = "skeleton\0" + text  # never the key of a guide's file: that is read another way
    found = store.get(key) if store is not None else None
    if found is None:
        from ruamel.yaml import YAML  # here: a warm check takes the examples from the store

        found = YAML(typ="safe", pure=True).load(text)
        if store is not None and isinstance(found, dict):
            store.put(key, found)
    return found


def _skeleton(name: str, store: ParseCache | None) -> Any:
    text = Template((SCAFFOLD / name).read_text(encoding="utf-8")).safe_substitute(_FILLERS)
    return _load(text, store)


def _page(store: ParseCache | None) -> tuple[str, tuple[str, ...]]:
    """The page skeleton's summary and its body's sentences (the lines an editor writes over)."""
    text = (SCAFFOLD / "page.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    summary = _load(Template(front).safe_substitute(_FILLERS), store)["summary"]
    lines = tuple(line.strip("- ").strip() for line in body.splitlines() if line.strip() and not line.startswith("#"))
    return str(summary), lines


def examples(store: ParseCache | None = None) -> Examples:
    """The skeletons' examples, read once per process; store: a parse cache to read them through."""
    if not _read:
        _read.append(_examples(store))
    return _read[0]


_read: list[Examples] = []  # the one answer: the skeletons are guidegen's own files


def _examples(store: ParseCache | None) -> Examples:
    activity = _skeleton("activity.yml", store)
    page_summary, page_body = _page(store)
    session = _skeleton("session.yml", store)
    site_config = _skeleton("guide/site_config.yml", store)
    return Examples(
        activity={key: activity[key] for key in ("summary", "aim", "facilitator_notes")},
        page_summary=page_summary,
        page_body=page_body,
        session_summary=str(session["summary"]),
        safeguarding_how=str(site_config["safeguarding"]["how_to_reach"]),
    )


def same_text(a: str | None, b: str | None) -> bool:
    """Equal once spaces are tidied: folding a YAML paragraph differently is not an edit."""
    return a is not None and b is not None and " ".join(a.split()) == " ".join(b.split())


def is_example_safeguarding(contact: SafeguardingContact) -> bool:
    """True while how_to_reach is the skeleton's example (or the placeholder guides made earlier carry)."""
    how = contact.how_to_reach
    return same_text(how, examples().safeguarding_how) or how.startswith(OLD_PLACEHOLDER)
