"""Images need alternative text: the words read aloud to people who cannot see them.

The loader has already made sure each image is a file in content/assets/; here we only
look at what the square brackets say.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..errors import Problem
from .prose import Prose, mask_code

IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)")
# Alternative text that names the kind of thing but not what it shows.
VAGUE = {"image", "picture", "photo", "photograph", "graphic", "img", "icon", "screenshot", "diagram", "figure"}


def _vague(alt: str, target: str) -> bool:
    words = alt.strip().lower().strip(".")
    name = PurePosixPath(target).name.lower()
    return words in VAGUE or words in (name, PurePosixPath(name).stem)


def missing_alt_text(prose: Prose) -> list[Problem]:
    problems = []
    for match in IMAGE.finditer(mask_code(prose.raw)):
        alt, target = match.group(1), match.group(2)
        if not alt.strip():
            message = (
                f"the image '{target[:60]}' has no alternative text: write what it shows between the "
                "square brackets, e.g. ![A group of people talking in a circle](assets/group.jpg)"
            )
        elif _vague(alt, target):
            message = (
                f"the alternative text '{alt.strip()}' does not say what the image shows: describe it in a "
                "few words, as you would to someone on the phone"
            )
        else:
            continue
        problems.append(prose.problem(match.start(), message))
    return problems
