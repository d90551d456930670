"""The booklet: its cover and contents laid out (and kept for the next build), then joined
with its parts (pdf/join/booklet.py) into one PDF.

The contents' page numbers count the cover and contents' own pages, so the front is laid out
again when its guessed length was wrong; a front made from the same HTML (page numbers
included) last time is reused from the parts' folder, and a guess the last build found wrong
is known to be wrong without laying it out again (the same steps, so the same front).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from ..common.digest import digest_bytes
from ..common.messages import messages_for
from ..content.model import Guide
from ..render.direction import text_direction
from ..render.job import A5, Job
from .html import BookletPart
from .layout import Pages, layout
from .problems import section_source
from .variants import (
    FOOTER_SIZES,
    printing_sheet,
    variant_activity_part,
    variant_front,
    variant_head_parts,
    variant_parts,
)

FRONT, FRONT_KEY = "front.pdf", "front.key"  # the booklet's cover and contents, kept beside its parts
# Beside each part: what the join reads of it (join/pieces.py's SUFFIX; named here so the
# build can carry it over without importing pikepdf).
PIECES = ".join"


def part_of(guide: Guide, job: Job) -> BookletPart:
    """The part a booklet-part job lays out (an activity's HTML alone, another's with the parts before activities)."""
    if job.activity_id is not None:
        index = next(i for i, activity in enumerate(guide.activities) if activity.id == job.activity_id)
        return variant_activity_part(guide, job.source_date, job.variant, index)
    name = job.name.removeprefix("booklet:")
    return next(part for part in variant_head_parts(guide, job.source_date, job.variant) if part.name == name)


class FrontLength(Pages):
    """The contents' page numbers count the front's own pages: lay out again if the guess was wrong."""

    def __init__(self, guess: int) -> None:
        self.guess, self.found = guess, guess

    def accept(self, count: int) -> bool:
        self.found = count
        return count == self.guess


def make_booklet(guide: Guide, job: Job, finish_variant: bool = True) -> bytes:
    """The cover and contents, then every part, joined into one PDF (into job.output if given)."""
    from .join.booklet import Part, page_numbers

    if job.parts:
        # What the join reads of each part is kept beside it, for the next build (join/pieces.py);
        # the A5 booklet's parts go into sheets instead, which keep what they write of each (join/imposed_pieces.py).
        keep = "imposed" if finish_variant and job.variant == A5 else "pieces"
        parts = [Part.open(Path(path), targets, keep=keep) for path, targets in job.parts]
    else:
        parts = [
            Part.open(
                layout(guide, "booklet-part", section_source(guide, p.name), p.html, Pages(), job.variant),
                p.link_targets,
                p.name,
            )
            for p in variant_parts(guide, job.source_date, job.variant)
        ]
    # A guess at the cover and contents' length, checked below: about 36 entries fit on a page.
    entries = 3 + len(guide.pages) + len(guide.skills) + len(guide.activities)
    front_pages = FrontLength(1 + -(-entries // 36))
    kept, wrong = _kept_keys(job)
    tried: dict[str, int] = {}  # fronts laid out to another length than guessed: key -> their length
    for _ in range(3):
        numbers = page_numbers(parts, front_pages.found + 1)
        front_part = variant_front(guide, job.source_date, numbers, job.variant)
        key = digest_bytes(job.front_cache[0] if job.front_cache else "", front_part.html)
        cached = _cached_front(job) if key == kept else b""
        if not cached and key in wrong:  # the last build laid this one out: too long or too short
            front_pages.found, data = wrong[key], b""
        else:
            data = cached or layout(guide, "booklet", "content/", front_part.html, front_pages, job.variant)
        if data:
            if not cached or tried != wrong:  # laid out, or other wrong guesses: kept as a fresh build keeps them
                _keep_front(job, key, data, tried)
            front = Part.open(data, front_part.link_targets)
            break
        tried[key] = front_pages.found
        front_pages.guess = front_pages.found
    else:
        raise RuntimeError("the booklet's contents changed length every time they were laid out")
    # Activities after the first sit under the "Activities" heading that the first one's part holds.
    first_activity = next((i for i, p in enumerate(parts) if "activities" in p.anchors), len(parts))
    nested = [i > first_activity for i in range(len(parts))]
    return _join(guide, job, front, parts, nested, finish_variant)


def _join(guide: Guide, job: Job, front: Any, parts: list[Any], nested: list[bool], finishing: bool) -> bytes:
    """Join into job.output (returning b"") or into bytes; the A5 variant's parts go straight
    into sheets for printing (finishing; pdf/variants.py)."""
    from .join.booklet import join
    from .join.footer import SIZE
    from .join.imposed import join_imposed

    size = FOOTER_SIZES.get(job.variant, SIZE)
    label = messages_for(guide.config).raw("Page %(number)s of %(total)s")
    direction = text_direction(guide.config.language)  # the footer is mirrored right to left

    def write(out: Path) -> None:
        if finishing and job.variant == A5:
            join_imposed(front, parts, out, *printing_sheet(guide), guide.config.language, size, label, direction)
        else:
            join(front, parts, nested, out, size, label, direction)

    if job.output is not None:
        write(Path(job.output))
        return b""
    with tempfile.TemporaryDirectory(prefix="guidegen-join-") as folder:
        out = Path(folder) / Path(job.filename).name
        write(out)
        return out.read_bytes()


def _kept_keys(job: Job) -> tuple[str, dict[str, int]]:
    """The kept front's key, and the fronts the last build laid out to a length other than
    guessed (key -> length), so that guessing again takes the same steps without laying them out:
    one variant's first guess was wrong on every build, and each wrong guess is a whole layout."""
    if not job.front_cache:
        return "", {}
    try:
        lines = (Path(job.front_cache[1]) / FRONT_KEY).read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        return "", {}
    wrong: dict[str, int] = {}
    for line in lines[1:]:
        key, _, pages = line.partition(" ")
        if pages.isdigit():
            wrong[key] = int(pages)
    return (lines[0] if lines else ""), wrong


def _cached_front(job: Job) -> bytes:
    """The last build's cover and contents (the build links them in; their key was checked)."""
    try:
        return (Path(job.front_cache[1]) / FRONT).read_bytes() if job.front_cache else b""
    except OSError:
        return b""


def _keep_front(job: Job, key: str, data: bytes, wrong: dict[str, int]) -> None:
    """Keep a newly laid-out front for the next build, with its key and the keys of the fronts
    laid out to a wrong length before it (unlinking the last build's, never writing through it)."""
    if not job.front_cache:
        return
    folder = Path(job.front_cache[1])
    keys = "".join(f"{each} {pages}\n" for each, pages in wrong.items())
    for name, content in ((FRONT, data), (FRONT_KEY, f"{key}\n{keys}".encode("ascii"))):
        (folder / name).unlink(missing_ok=True)
        (folder / name).write_bytes(content)
