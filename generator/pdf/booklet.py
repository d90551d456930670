"""The booklet: its cover and contents laid out (and kept for the next build), then joined
with its parts (pdf/join/booklet.py) into one PDF.

The contents' page numbers count the cover and contents' own pages, so the front is laid out
again when its guessed length was wrong; a front made from the same HTML (page numbers
included) last time is reused from the parts' folder, and a guess the last build found wrong
is known to be wrong without laying it out again (the same steps, so the same front).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from ..common.digest import digest_bytes
from ..common.messages import messages_for
from ..content.model import Guide
from ..render.direction import text_direction
from ..render.job import A5, Job
from .html import BookletPart, contents_entries
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
FRONT_SLICE = "front-{}.pdf"  # a later slice of a long guide's contents, by its first entry, kept beside them
CONTENTS_SLICE = 400  # contents entries laid out at once (_lay_out_front): some 11 pages
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


class SliceEnd:
    """Where a slice of the contents ends: before its last page, whose first entry begins the
    next slice (unless it is the last slice, or has no page to spare)."""

    def __init__(self, index: dict[str, int], start: int, count: int) -> None:
        self.index, self.start = index, start  # index: each entry's anchor -> its place in the contents
        self.last = start + CONTENTS_SLICE >= count
        self.next = count if self.last else start + CONTENTS_SLICE
        self.pages = 0

    def __call__(self, laid_out: list[Any]) -> int:
        """How many of the laid-out pages to write."""
        self.pages = len(laid_out)
        if not self.last and self.pages > 2:  # the cover and one page of contents at least
            on_last = [self.index.get(target, -1) for kind, target, *_ in laid_out[-1].links if kind == "internal"]
            first = min((i for i in on_last if i > self.start), default=None)
            if first is not None:
                self.next, self.pages = first, self.pages - 1
        return self.pages


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
    count = len(contents_entries(guide))
    front_pages = FrontLength(1 + -(-count // 36))
    kept, kept_starts, wrong = _kept_keys(job)
    tried: dict[str, int] = {}  # fronts laid out to another length than guessed: key -> their length
    for _ in range(3):
        numbers = page_numbers(parts, front_pages.found + 1)
        whole = variant_front(guide, job.source_date, numbers, job.variant).html
        key = digest_bytes(job.front_cache[0] if job.front_cache else "", whole)
        cached = _cached_front(job, kept_starts, partial(_front_slice, guide, job, numbers)) if key == kept else []
        if not cached and key in wrong:  # the last build laid this one out: too long or too short
            front_pages.found, slices = wrong[key], []
        else:
            slices = cached or _lay_out_front(guide, job, numbers, count, front_pages)
        if slices:
            if not cached or tried != wrong:  # laid out, or other wrong guesses: kept as a fresh build keeps them
                _keep_front(job, key, slices, tried)
            fronts = [Part.open(data, targets) for _, data, targets in slices]
            break
        tried[key] = front_pages.found
        front_pages.guess = front_pages.found
    else:
        raise RuntimeError("the booklet's contents changed length every time they were laid out")
    # Activities after the first sit under the "Activities" heading that the first one's part holds.
    first_activity = next((i for i, p in enumerate(parts) if "activities" in p.anchors), len(parts))
    nested = [False] * (len(fronts) - 1) + [i > first_activity for i in range(len(parts))]
    return _join(guide, job, fronts[0], fronts[1:] + parts, nested, finish_variant)


def _front_slice(guide: Guide, job: Job, numbers: dict[str, int], start: int) -> BookletPart:
    """The HTML of the slice of the contents from entry `start` (the cover with the first)."""
    return variant_front(guide, job.source_date, numbers, job.variant, slice(start, start + CONTENTS_SLICE))


# A slice of the cover and contents: its first entry, its PDF and its link targets.
FrontSlice = tuple[int, bytes, tuple[str, ...]]


def _lay_out_front(
    guide: Guide, job: Job, numbers: dict[str, int], count: int, length: FrontLength
) -> list[FrontSlice]:
    """The cover and contents laid out, slice by slice, or [] when their length was not the one
    guessed (length.found says what it was).

    WeasyPrint holds every element's style until the document is written: some 2 MiB a page of
    contents, 190 MiB for a guide of 2,000 activities. A longer guide's are laid out in slices
    of CONTENTS_SLICE entries, each written up to its last full page, the entries of the page
    left out beginning the next slice, so the slices' pages are as full as one layout's."""
    if count <= CONTENTS_SLICE:  # one layout, not written when its length is wrong
        part = _front_slice(guide, job, numbers, 0)
        data = layout(guide, "booklet", "content/", part.html, length, job.variant)
        return [(0, data, part.link_targets)] if data else []
    index = {entry.anchor: i for i, entry in enumerate(contents_entries(guide))}
    slices: list[FrontSlice] = []
    start, pages = 0, 0
    while start < count:
        end = SliceEnd(index, start, count)
        part = _front_slice(guide, job, numbers, start)
        data = layout(guide, "booklet", "content/", part.html, Pages(), job.variant, until=end)
        slices.append((start, data, part.link_targets))
        start, pages = end.next, pages + end.pages
    return slices if length.accept(pages) else []


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


def _kept_keys(job: Job) -> tuple[str, list[int], dict[str, int]]:
    """The kept front's key and its slices' first entries, and the fronts the last build laid
    out to a length other than guessed (key -> length), so that guessing again takes the same
    steps without laying them out: one variant's first guess was wrong on every build, and each
    wrong guess is a whole layout."""
    if not job.front_cache:
        return "", [], {}
    try:
        lines = (Path(job.front_cache[1]) / FRONT_KEY).read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        return "", [], {}
    wrong: dict[str, int] = {}
    for line in lines[1:]:
        key, _, pages = line.partition(" ")
        if pages.isdigit():
            wrong[key] = int(pages)
    kept, *starts = lines[0].split(" ") if lines else [""]
    if not all(each.isdigit() for each in starts):
        return "", [], wrong
    return kept, [int(each) for each in starts] or [0], wrong


def _slice_file(start: int) -> str:
    return FRONT if start == 0 else FRONT_SLICE.format(start)


def _cached_front(job: Job, starts: list[int], front_slice: Callable[[int], BookletPart]) -> list[FrontSlice]:
    """The last build's cover and contents, slice by slice (the build links them in; their key
    was checked), or [] if one is missing; front_slice(start) gives a slice's HTML, for its link targets."""
    if not job.front_cache:
        return []
    try:
        found = [(start, (Path(job.front_cache[1]) / _slice_file(start)).read_bytes()) for start in starts]
    except OSError:
        return []
    return [(start, data, front_slice(start).link_targets) for start, data in found]


def _keep_front(job: Job, key: str, slices: list[FrontSlice], wrong: dict[str, int]) -> None:
    """Keep a newly laid-out front for the next build, with its key, its slices' first entries
    and the keys of the fronts laid out to a wrong length before it (unlinking the last build's,
    never writing through it)."""
    if not job.front_cache:
        return
    folder = Path(job.front_cache[1])
    for old in folder.glob(FRONT_SLICE.format("*")):  # a longer contents' slices, from the last build
        old.unlink()
    keys = "".join(f"{each} {pages}\n" for each, pages in wrong.items())
    first_line = " ".join([key, *(str(start) for start, _, _ in slices)]) if len(slices) > 1 else key
    files = [(_slice_file(start), data) for start, data, _ in slices]
    for name, content in (*files, (FRONT_KEY, f"{first_line}\n{keys}".encode("ascii"))):
        (folder / name).unlink(missing_ok=True)
        (folder / name).write_bytes(content)


def is_front_file(name: str) -> bool:
    """A file of the kept cover and contents (the build carries them over from the last build)."""
    return name in (FRONT, FRONT_KEY) or (name.startswith("front-") and name.endswith(".pdf"))
