"""The translated sample guide with a session, support contacts and an adaptation, in English and in
Welsh: what issue 26 point 7 makes translatable, for the unit tests and the real build alike.

The numbers are made up (0800 000 ...): crisis numbers live only in the repository's content/support.yml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "translated"
WELSH = Path("content") / "translations" / "cy"
NUMBERS = ("0800 000 1111", "0800 000 2222")

SESSION = """\
id: evening
title: Our evening
start: "18:30"
notes: Set the chairs out in a circle.
items:
  - item: Welcome and names
    minutes: 10
    notes: Say where the toilets are.
  - activity: circles
  - break: 10
  - activity: questions
    notes: Go gently.
"""

SUPPORT = f"""\
heading: If someone needs help now
intro: If a life is at risk, call {NUMBERS[0]}.
checked: 2026-12-01
contacts:
  - name: Helpline One
    how: Call {NUMBERS[1]}
    when: Free, day or night
    section: Anywhere
    checked_at: https://example.org/helpline-one
  - name: Text Line
    how: Text TALK to {NUMBERS[1]}
    section: Anywhere
    checked_at: https://example.org/text-line
"""

ADAPTATIONS = """\
adaptations:
  online: Share a whiteboard on the call.
  hearing: Write each idea where everyone can see it.
"""

WELSH_SESSION = """\
id: evening
title: Ein noson
notes: Gosodwch y cadeiriau mewn cylch.
items: [Croeso ac enwau]
item_notes: [Dywedwch ble mae'r toiledau., Ewch yn dyner.]
"""

WELSH_SUPPORT = f"""\
heading: Os oes angen help ar rywun nawr
intro: Os oes bywyd mewn perygl, ffoniwch {NUMBERS[0]}.
names: [Llinell Gymorth Un, Llinell Destun]
when: ["Am ddim, ddydd neu nos"]
sections: [Unrhyw le]
"""

WELSH_ADAPTATIONS = """\
adaptations:
  online: Rhannwch fwrdd gwyn ar yr alwad.
"""


def write_translated_words(dest: Path) -> Path:
    """A copy of the translated sample with a session, support contacts and adaptations, each in Welsh."""
    guide = Path(shutil.copytree(SAMPLE, dest))
    content = guide / "content"
    (content / "sessions").mkdir()
    (content / "sessions" / "evening.yml").write_text(SESSION, encoding="utf-8")
    (content / "support.yml").write_text(SUPPORT, encoding="utf-8")
    with (content / "activities" / "circles.yml").open("a", encoding="utf-8") as file:
        file.write(ADAPTATIONS)
    (guide / WELSH / "sessions").mkdir()
    (guide / WELSH / "sessions" / "evening.yml").write_text(WELSH_SESSION, encoding="utf-8")
    (guide / WELSH / "support.yml").write_text(WELSH_SUPPORT, encoding="utf-8")
    with (guide / WELSH / "activities" / "circles.yml").open("a", encoding="utf-8") as file:
        file.write(WELSH_ADAPTATIONS)
    return guide
