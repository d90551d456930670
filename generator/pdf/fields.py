"""The fillable parts of the handouts other than three circles: field names, tooltips and rows.

Names are stable (derived from ids and wording, not positions where avoidable) so a filled-in
form can be read back by name; tooltips are what a screen reader announces for each field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ..common.messages import N_, Messages
from ..content.model import ChecklistHandout, Guide, QuestionsHandout, TableHandout
from ..render.markdown import plain_text

ENGLISH = Messages("en")

FieldKind = Literal["text", "textarea", "checkbox"]


@dataclass(frozen=True)
class FormField:
    name: str
    tooltip: str
    kind: FieldKind


@dataclass(frozen=True)
class Question:
    text: str  # content Markdown
    field: FormField


@dataclass(frozen=True)
class Row:
    label: str | None  # None: a blank row whose first cell is a field too
    first: FormField | None
    cells: tuple[FormField, ...]


def key(text: str, fallback: str) -> str:
    """A field-name part: 'Booking the venue' -> 'booking_the_venue'."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or fallback


def unique(keys: Iterable[str]) -> list[str]:
    """Make repeated keys distinct by numbering the repeats, so every field name is unique."""
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        seen[k] = seen.get(k, 0) + 1
        out.append(k if seen[k] == 1 else f"{k}_{seen[k]}")
    return out


def column_keys(headings: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name part, heading) for each column."""
    keys = unique(key(heading, f"column_{n}") for n, heading in enumerate(headings, start=1))
    return list(zip(keys, headings, strict=True))


def questions(handout: QuestionsHandout, messages: Messages = ENGLISH) -> list[Question]:
    wording = N_("Answer to question %(number)s: %(question)s")
    return [
        Question(
            q, FormField(f"question_{n:02d}", messages.gettext(wording, number=n, question=plain_text(q)), "textarea")
        )
        for n, q in enumerate(handout.questions, start=1)
    ]


def checklist_rows(handout: ChecklistHandout, guide: Guide, messages: Messages = ENGLISH) -> list[Row]:
    """One row per skill (when from_skills) and per item, one tick box per column."""
    labels = [s.name for s in guide.skills] if handout.from_skills else []
    raw = [s.id.replace("-", "_") for s in guide.skills] if handout.from_skills else []
    labels += list(handout.items)
    raw += [key(item, f"item_{n}") for n, item in enumerate(handout.items, start=1)]
    columns = column_keys(handout.columns)
    return [
        Row(
            label,
            None,
            tuple(FormField(f"{row}__{col}", _cell(messages, label, head), "checkbox") for col, head in columns),
        )
        for row, label in zip(unique(raw), labels, strict=True)
    ]


def _cell(messages: Messages, row: str, column: str) -> str:
    return messages.gettext("%(row)s: %(column)s", row=row, column=column)


def table_rows(handout: TableHandout, messages: Messages = ENGLISH) -> list[Row]:
    """One row per task, then blank rows whose task name is written in too."""
    columns = column_keys(handout.columns)
    task_keys = [key(r, f"row_{n}") for n, r in enumerate(handout.rows, 1)]
    blank_keys = [f"extra_{n:02d}" for n in range(1, handout.blank_rows + 1)]
    names = unique(task_keys + blank_keys)  # one pass, so a task called "Extra 01" cannot clash
    rows = []
    for n, row in enumerate(names):
        blank = n >= len(handout.rows)
        number = n - len(handout.rows) + 1
        label = messages.gettext("Extra task %(number)s", number=number) if blank else handout.rows[n]
        first = FormField(row, messages.gettext("%(task)s: what the task is", task=label), "text") if blank else None
        cells = tuple(FormField(f"{row}__{col}", _cell(messages, label, heading), "text") for col, heading in columns)
        rows.append(Row(None if blank else label, first, cells))
    return rows
