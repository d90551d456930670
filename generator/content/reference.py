"""The editors' reference, docs/content-format.md, generated from the content model.

Run `python -m generator.content.reference` after changing generator/model.py; a test fails when the
file in the repository no longer matches the models.
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .model import (
    Activity,
    Adaptations,
    Brand,
    ChecklistHandout,
    Checks,
    EasyRead,
    EasyReadPoint,
    EditingSettings,
    HardWord,
    Licence,
    LocalService,
    PageFrontMatter,
    QuestionsHandout,
    SafeguardingContact,
    Session,
    SessionItem,
    SiteConfig,
    Skill,
    SupportContact,
    SupportFile,
    TableHandout,
    TermSuggestion,
    ThreeCirclesHandout,
)

OUTPUT = Path(__file__).resolve().parents[2] / "docs" / "content-format.md"

SECTIONS: list[tuple[str, str, type[BaseModel]]] = [
    ("site_config.yml", "Settings for the whole guide, in the guide's top folder.", SiteConfig),
    ("licence (in site_config.yml)", "The licence the guide is published under.", Licence),
    ("brand (in site_config.yml)", "Colours and logo. Colours must be hex codes such as #1d4e89.", Brand),
    ("checks (in site_config.yml)", "Settings for `guidegen check`.", Checks),
    ("checks.extra_terms items", "Your own words for `guidegen check` to flag.", TermSuggestion),
    (
        "editing (in site_config.yml)",
        "The browser editor on the published website, at /admin/ "
        "(see the README's 'Editing on the published website').",
        EditingSettings,
    ),
    (
        "safeguarding (in site_config.yml)",
        "Who your group goes to with a worry about someone's safety. Shown in the safeguarding box above "
        "the route in content/support.yml. While `how_to_reach` is the example `guidegen init` writes, "
        "readers are not shown it, `guidegen check` warns, and `check --strict` and `guidegen publish` refuse it. "
        "A group with no safeguarding contact leaves this setting out: readers then see the route alone.",
        SafeguardingContact,
    ),
    (
        "Support contacts: content/support.yml",
        "The crisis and support contacts, kept in this one file and shown on every activity page, at the foot of "
        "every handout, in the booklets, the e-book and on pages whose front matter says `show: [support-contacts]`. "
        "`guidegen init` writes one for the UK with every contact marked `to_check: true`: check each against the "
        "service's own page, correct it, and delete that line. Never copy a number from memory or from another "
        "site: write the page you checked in `checked_at`, and the date in `checked`.",
        SupportFile,
    ),
    ("contacts items (in content/support.yml)", "One service each, most urgent first.", SupportContact),
    (
        "local items (in content/support.yml)",
        'Services near your group, such as the local crisis team or a crisis café. Shown under "Near us" '
        "only when there are any.",
        LocalService,
    ),
    (
        "Pages: content/pages/*.md",
        "A page is Markdown with front matter between two `---` lines. "
        "The file name (lowercase letters, digits and hyphens) is the page's id. "
        "content/home.md is the home page and takes the same front matter.",
        PageFrontMatter,
    ),
    ("Skills: content/skills.yml", "A list under `skills:`; each item has these fields.", Skill),
    ("Activities: content/activities/*.yml", "One file per activity.", Activity),
    (
        "adaptations (in an activity)",
        "Ways to change the activity for the people in the room; each is shown only when it is given.",
        Adaptations,
    ),
    ("handout, kind: three-circles", "Three rings with spaces to write in, centre first.", ThreeCirclesHandout),
    ("handout, kind: questions", "Questions, each with a space to answer.", QuestionsHandout),
    ("handout, kind: checklist", "Rows with tick boxes, e.g. a skills self-check.", ChecklistHandout),
    ("handout, kind: table", "A table of tasks with spaces to write names in.", TableHandout),
    (
        "Sessions: content/sessions/*.yml",
        "One file per session plan: an evening's agenda with clock times. "
        '`guidegen new session "Title"` starts one. Each session gets a page on the website, '
        "`build/pdf/sessions/<id>-agenda.pdf` (one page) and, in the facilitators' guide, "
        "`build/pdf/sessions/<id>-pack.pdf` (agenda, notes and steps, then every handout).",
        Session,
    ),
    (
        "items (in a session)",
        "Each line of the agenda has exactly one of `activity:`, `break:` or `item:`.",
        SessionItem,
    ),
    (
        "Easy Read: content/easy-read/*.yml",
        "One file per Easy Read text, for readers with a learning disability: short points, each with a "
        "picture beside it, and a list of hard words. `guidegen new easy-read PAGE` starts the Easy Read "
        "version of a page (its id, `home` or `activity:ID`). Each text gets a page on the website "
        "(under `easy-read/`, linked from the home page and from the page it is a version of); together "
        "they make `build/pdf/<slug>-easy-read.pdf` (16 pt, at most 24 pages). `guidegen check` holds the "
        "words to Easy Read's rules: 15 words or fewer a sentence, one idea each, no acronyms, numbers "
        "in words where clearer, every point with a described picture, every hard word explained.",
        EasyRead,
    ),
    ("points (in an Easy Read text)", "One idea each, with its picture.", EasyReadPoint),
    ("hard_words (in an Easy Read text)", "Each hard word (in **bold** in the points) and its meaning.", HardWord),
]

INTRO = """# Content format

This page lists every file and field an editor can write. It is generated from the
content model (`python -m generator.content.reference`), so it always matches what `guidegen check` accepts.

- Text fields may use Markdown: `**bold**`, `*italic*`, lists and links.
- Link to other parts of the guide with `[text](page:ID)`, `[text](skill:ID)` or
  `[text](activity:ID)`; to the web with `[text](https://...)`.
- Images go in `content/assets/` and are written `![what the image shows](assets/name.png)`.
  The words in the square brackets are read aloud to people who cannot see the image.
- YAML anchors and aliases (`&name`, `*name`) are not allowed, and YAML is indented with spaces.
- Every mistake is reported as `file:line:column: field: what is wrong and how to fix it`.

## Where facilitator notes appear

Facilitator notes are an activity's `facilitator_notes`, a session's `notes` and the `notes` of
each line of a session's agenda.

| output | facilitators' guide (the default) | participants' guide (`--audience participants`) |
|---|---|---|
| website: activity pages | `facilitator_notes`, in a "Notes for the facilitator" box | nowhere |
| website: session pages | session `notes` in a box; item `notes` under "Notes for each item" | nowhere |
| website: search index | every note above is searchable | nowhere |
| website: planner page | there (it shows no notes) | not built |
| handouts `pdf/<id>.pdf`, posters `pdf/<id>-a3.pdf` | never | never |
| agendas `pdf/sessions/<id>-agenda.pdf` | never | never |
| packs `pdf/sessions/<id>-pack.pdf` | every note of the session and its activities | not built |
| booklet `pdf/guide.pdf` | every activity's `facilitator_notes` | not built, and not linked |
| offline zip | as the website and PDFs above | as the website and PDFs above |

The participants' guide is written to `build-participants/` (or `--out DIR`), so both
can be kept side by side.
"""


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Literal:
        return " or ".join(f"`{a}`" for a in args)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin is tuple:
        inner = args[0] if args else Any
        return f"list of {_type_name(inner)}"
    if origin is dict:
        return f"{_type_name(args[0])} -> {_type_name(args[1])} pairs" if args else "pairs"
    if origin in (typing.Union, types.UnionType):
        names = [_type_name(a) for a in args if a is not type(None)]
        return " or ".join(dict.fromkeys(names))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "group of fields"
    return {str: "text", int: "whole number", float: "number", bool: "true or false"}.get(annotation, str(annotation))


def _row(name: str, info: FieldInfo) -> str:
    required = "yes" if info.is_required() else "no"
    example = f"`{json.dumps(info.examples[0], ensure_ascii=False)}`" if info.examples else ""
    description = (info.description or "").replace("|", "\\|")
    return f"| `{name}` | {_type_name(info.annotation)} | {required} | {description} | {example} |"


def _pictures() -> str:
    """The bundled pictures an Easy Read point can name, with what each shows."""
    from .pictures import ATTRIBUTION, BUNDLED

    rows = "\n".join(f"| `{name}` | {picture.description} |" for name, picture in BUNDLED.items())
    return (
        "\n## Pictures for Easy Read\n\nA point's `picture:` is one of these names, or your own file "
        "(`assets/name.svg` or `.png`). They come from OpenMoji; wherever they are shown guidegen prints, "
        f'as their licence asks: "{ATTRIBUTION}"\n\n| picture | what it shows |\n|---|---|\n{rows}\n'
    )


def render() -> str:
    parts = [INTRO]
    for heading, intro, model in SECTIONS:
        parts.append(f"\n## {heading}\n\n{intro}\n")
        parts.append("| field | type | required | what it is | example |\n|---|---|---|---|---|")
        parts.extend(_row(info.alias or name, info) for name, info in model.model_fields.items() if name != "kind")
    parts.append(_pictures())
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUTPUT}")
