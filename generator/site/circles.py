"""The interactive three circles on activity pages: the script's files and its data.

The script (templates/site/assets/circles.js) builds the interactive diagram in the browser,
above the static SVG that stays for readers without JavaScript. It reads what it needs from
two generated scripts, loaded with <script src>, because a page opened from file:// cannot
fetch() another local file in Chromium:

- circles/data.js: for each three-circles activity, its ring labels and field-name prefixes;
- circles/handout-<id>.js: the blank fillable handout as base64, only when the PDFs were built,
  for pdf-lib to fill in the browser (written with the PDFs, which may come after MkDocs ran);
- circles/handout-font.js: Atkinson Hyperlegible Next (its latin and latin-ext subsets merged into
  one TrueType font), then the guide's fonts under `fonts:`, as base64, for pdf-lib and fontkit
  to draw the notes in the handout's fields (each field in the first font that has all its
  letters): PDF's built-in Helvetica cannot draw letters such as Ł, ŵ or Ő.

Both are data in JavaScript files, never page markup, so the page sanitiser is not involved
and content text cannot become HTML (JSON with every non-ASCII character and '<' escaped).
"""

from __future__ import annotations

import base64
import hashlib
import io
import shutil
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from fontTools.merge import Merger
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont

from ..common.messages import CIRCLES_SCRIPT, indefinite, messages_for
from ..common.template_files import PACKAGE_TEMPLATES, template_file, template_roots
from ..common.user_cache import keep, user_cache
from ..content.font_coverage import SUBSETS, declared_files, shipped_file
from ..content.model import Activity, Guide, ThreeCirclesHandout
from ..render import diagram
from .scripts import js_value, script_js, script_words, write_script

SCRIPT_FILES = ("circles.js", "circles.css")
VENDOR = PACKAGE_TEMPLATES / "assets" / "vendor"  # libraries we ship as they are
PDF_LIB = VENDOR / "pdf-lib"
FONTKIT = VENDOR / "fontkit"
# Each subset alone lacks letters a note may have (latin has no Ł, latin-ext no ASCII).
HANDOUT_FONTS = tuple(shipped_file(subset, suffix="woff") for subset in SUBSETS)


def circles_data(guide: Guide, activity: Activity, *, handout: bool) -> dict[str, Any]:
    """What the script needs about one activity: rings centre first, with their PDF field prefixes,
    and what people write in them ('a quality', 'a need') in the guide's language."""
    assert isinstance(activity.handout, ThreeCirclesHandout)
    messages = messages_for(guide.config)
    rings = diagram.make_rings(activity.handout.rings, 100.0)
    note = activity.handout.note_name or messages.gettext("note")
    return {
        "guide": guide.config.slug,
        "activity": activity.id,
        "title": activity.handout.title or activity.title,
        "rings": [
            {"label": ring.label, "place": messages.gettext(diagram.RING_NAMES[ring.index]), "field": ring.field_prefix}
            for ring in rings
        ],
        "note_label": note[:1].upper() + note[1:],
        "a_note": indefinite(note, messages.code),
        "handout": handout,
        "filename": f"{activity.id}-filled.pdf",
    }


def write_circles_assets(guide: Guide, dest: Path, handouts: Mapping[str, str]) -> None:
    """dest/circles/ (script, styles, data) and dest/pdf-lib/ when a handout can be filled.

    The blank handouts' scripts (handout_scripts) are made from the PDFs, by site.write_pdf_files.
    """
    folder = dest / "circles"
    folder.mkdir(parents=True, exist_ok=True)
    for name in SCRIPT_FILES:
        shutil.copyfile(template_file(template_roots(guide.root), f"site/assets/{name}"), folder / name)
    data = {}
    for activity in guide.activities:
        if isinstance(activity.handout, ThreeCirclesHandout):
            data[activity.id] = circles_data(guide, activity, handout=activity.id in handouts)
    words = script_words(messages_for(guide.config), CIRCLES_SCRIPT)
    write_script(
        folder / "data.js", f"window.GUIDEGEN_CIRCLES = {js_value(data)};\nwindow.GUIDEGEN_WORDS = {js_value(words)};\n"
    )
    if any(entry["handout"] for entry in data.values()):
        _write_filling_scripts(dest, guide.content_dir, guide.config.fonts)


def handout_scripts(guide: Guide, handouts: Mapping[str, str]) -> dict[str, str]:
    """circles/handout-<id>.js (relative to the site's assets) -> the activity whose blank handout it holds."""
    return {
        f"circles/handout-{a.id}.js": a.id
        for a in guide.activities
        if isinstance(a.handout, ThreeCirclesHandout) and a.id in handouts
    }


def handout_script(activity_id: str, pdf: bytes) -> str:
    """The script that gives the page one blank handout, as base64."""
    encoded = base64.b64encode(pdf).decode("ascii")
    return script_js(
        "window.GUIDEGEN_HANDOUTS = window.GUIDEGEN_HANDOUTS || {};\n"
        f"window.GUIDEGEN_HANDOUTS[{js_value(activity_id)}] = {js_value(encoded)};\n"
    )


def _write_filling_scripts(dest: Path, content_dir: Path, declared: tuple[str, ...]) -> None:
    """pdf-lib, fontkit and the font they draw notes with: what filling a handout needs."""
    (dest / "pdf-lib").mkdir(exist_ok=True)
    shutil.copyfile(PDF_LIB / "pdf-lib.min.js", dest / "pdf-lib" / "pdf-lib.min.js")
    shutil.copyfile(PDF_LIB / "LICENSE.md", dest / "pdf-lib" / "LICENSE.txt")  # .md would become a page
    (dest / "fontkit").mkdir(exist_ok=True)
    shutil.copyfile(FONTKIT / "fontkit.umd.min.js", dest / "fontkit" / "fontkit.umd.min.js")
    shutil.copyfile(FONTKIT / "LICENSE", dest / "fontkit" / "LICENSE.txt")
    fonts = [handout_font(), *(declared_font(path) for path in declared_files(content_dir, declared))]
    encoded = [base64.b64encode(font).decode("ascii") for font in fonts]
    write_script(dest / "circles" / "handout-font.js", f"window.GUIDEGEN_HANDOUT_FONTS = {js_value(encoded)};\n")


def declared_font(path: Path) -> bytes:
    """An editor's font as plain TrueType/OpenType, which pdf-lib embeds as it is (not WOFF)."""
    font = TTFont(path)
    font.flavor = None
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@cache  # the site and the offline site both need it
def handout_font() -> bytes:
    """handout_font_made(), kept in the user's cache folder between builds: making it took a
    sixth of a one-edit rebuild's CPU in the build's own process (about 1 s at 100 activities)
    for the same bytes every time. The file's name holds a digest of everything they depend
    on (the shipped fonts, fontTools' version, this module's code), so a change makes a new one."""
    from importlib.metadata import version

    key = hashlib.sha256(version("fonttools").encode() + Path(__file__).read_bytes())
    for path in HANDOUT_FONTS:
        key.update(path.read_bytes())
    kept = user_cache(f"handout-font-{key.hexdigest()[:32]}.ttf")
    try:
        return kept.read_bytes()
    except OSError:
        pass
    font = handout_font_made()
    keep(kept, font)  # not kept (no cache folder): made again next time
    return font


def handout_font_made() -> bytes:
    """One TrueType font from the latin and latin-ext subsets; the same bytes on every build.

    Letters both subsets have (space, accents) are taken from latin only: fontkit picks a
    duplicate's second copy, whose width a PDF then gets wrong."""
    latin, extra = (TTFont(path) for path in HANDOUT_FONTS)
    dates = latin["head"].created, latin["head"].modified
    subsetter = Subsetter(Options(notdef_outline=True))
    subsetter.populate(unicodes=set(extra.getBestCmap()) - set(latin.getBestCmap()))
    subsetter.subset(extra)
    parts = []
    for part in (latin, extra):
        part.flavor = None  # plain TrueType, which a PDF can embed as it is
        buffer = io.BytesIO()
        part.save(buffer)
        parts.append(io.BytesIO(buffer.getvalue()))
    font = Merger().merge(parts)
    font["head"].created, font["head"].modified = dates  # the merge stamps the time of the build
    font.recalcTimestamp = False
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
