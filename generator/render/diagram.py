"""Three-circle geometry, shared by the PDF handouts and the website's SVG.

Everything is in millimetres with the origin at the diagram's top-left corner, so CSS
absolute positioning can use the numbers directly. Fields are horizontal bands that
double as handwriting lines when printed blank; a band crossing the inner circle of its
ring becomes two fields, left and right. A rectangle lies in r_in <= r <= r_out when its
farthest corner is within r_out and its nearest point (0 on an axis it straddles) is at
least r_in: `ring_distance_range` is that rule, and `layout` only emits fields that pass it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..common.messages import N_, Messages

# Outer radius of each ring as a share of the diagram's radius, centre first.
RADIUS_SHARES = (0.37, 0.69, 1.0)
INSET = 1.5  # mm kept clear between a field and a circle line, so ink never touches it
STROKE_ROOM = 1.0  # mm left around the outer circle for its line
MIN_FIELD_WIDTH = 14.0  # mm; narrower slivers are not worth writing in
RING_NAMES = (N_("centre circle"), N_("middle ring"), N_("outer ring"))
SIDES = {"left": N_("left"), "right": N_("right")}
ENGLISH = Messages("en")
# Greyscale-safe looks: fills differ in lightness, lines differ in width and dash.
RING_FILLS = ("#d9d9d9", "#ffffff", "#efefef")
FONT_FAMILY = "Atkinson Hyperlegible Next, sans-serif"  # the PDFs pass their whole list of fonts
RING_LINES = (("0.8", ""), ("0.5", "3 1.5"), ("0.8", ""))


@dataclass(frozen=True)
class Ring:
    index: int  # 0 = centre
    label: str
    r_inner: float
    r_outer: float
    field_prefix: str


@dataclass(frozen=True)
class FieldBox:
    name: str
    ring: int
    x: float
    y: float
    width: float
    height: float
    multiline: bool
    tooltip: str


@dataclass(frozen=True)
class Label:
    """A ring's label: text centred on x, the baseline of its last line at y; size is the font size
    in mm. lines is the text as drawn (one line, or two when shrinking alone would make it too
    small); top, width and line_height place it as a box (the PDFs lay it out as HTML)."""

    ring: int
    text: str
    x: float
    y: float
    size: float
    lines: tuple[str, ...] = ()
    top: float = 0.0
    width: float = 0.0
    line_height: float = 0.0


@dataclass(frozen=True)
class Diagram:
    size: float
    band: float
    rings: tuple[Ring, ...]
    fields: tuple[FieldBox, ...]
    labels: tuple[Label, ...]

    @property
    def centre(self) -> float:
        """x and y of the circles' centre (the diagram is square)."""
        return self.size / 2

    def ring(self, index: int) -> Ring:
        return self.rings[index]


def slug(label: str, index: int, taken: set[str]) -> str:
    """A field-name prefix from a ring label: 'Less important' -> 'less_important'."""
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40] or f"ring_{index}"
    if base in taken or re.fullmatch(r".*_\d\d", base):
        base = f"{base}_ring{index}"
    return base


def ring_distance_range(x: float, y: float, width: float, height: float) -> tuple[float, float]:
    """Nearest and farthest distance from the origin to a rectangle (origin-centred coordinates)."""
    near_x = 0.0 if x <= 0 <= x + width else min(abs(x), abs(x + width))
    near_y = 0.0 if y <= 0 <= y + height else min(abs(y), abs(y + height))
    far_x = max(abs(x), abs(x + width))
    far_y = max(abs(y), abs(y + height))
    return math.hypot(near_x, near_y), math.hypot(far_x, far_y)


def label_metrics(band: float) -> tuple[float, float]:
    """Font size (mm) of ring labels and the height of the row they sit in."""
    size = band * 0.6
    return size, size * 1.35


def make_rings(labels: Sequence[str], size: float) -> tuple[Ring, ...]:
    if len(labels) != len(RADIUS_SHARES):
        raise ValueError(f"three-circle diagrams need {len(RADIUS_SHARES)} labels, got {len(labels)}")
    radius = size / 2 - STROKE_ROOM
    rings: list[Ring] = []
    taken: set[str] = set()
    inner = 0.0
    for index, (label, share) in enumerate(zip(labels, RADIUS_SHARES, strict=True)):
        prefix = slug(label, index, taken)
        taken.add(prefix)
        rings.append(Ring(index, label, inner, radius * share, prefix))
        inner = radius * share
    return tuple(rings)


Measure = Callable[[str], float]  # a text's width in em, in the font it will be drawn with


def estimated_width(text: str) -> float:
    """Without the fonts at hand: bold Atkinson Hyperlegible Next averages about 0.58 em a letter."""
    return 0.58 * max(len(text), 1)


def fitted_font(text: str, font: float, chord: float, measure: Measure = estimated_width) -> float:
    """Shrink a label (down to half size) until its width fits the chord it sits on."""
    return max(font / 2, min(font, chord / max(measure(text), 0.01)))


def _chord(ring: Ring, y: float) -> float:
    """The width inside the ring at height y (centre origin), less the inset on both sides."""
    return 2 * math.sqrt(max(ring.r_outer**2 - y**2, 0.0)) - 2 * INSET


def two_lines(text: str) -> tuple[str, str] | None:
    """text split at the space nearest its middle, or None for a single word."""
    spaces = [i for i, char in enumerate(text) if char == " "]
    if not spaces:
        return None
    cut = min(spaces, key=lambda i: abs(len(text) - 2 * i))
    return text[:cut].rstrip(), text[cut + 1 :].lstrip()


def fit_label(ring: Ring, font: float, row: float, measure: Measure) -> tuple[tuple[str, ...], float]:
    """(lines, font size) of a ring's label in its row: shrunk to fit on one line down to half
    size; past that, two lines (each at most 0.58 of the row's font, so both fit the row), shrunk
    as far as they must. Never wider than the ring at the top of its letters: it cannot spill."""
    top = -ring.r_outer + INSET
    one_line = min(font, _chord(ring, letters_top(top, row, font)) / max(measure(ring.label), 0.01))
    halves = two_lines(ring.label)
    if one_line >= font / 2 or halves is None:
        return (ring.label,), one_line
    wider = max(measure(half) for half in halves)
    size = min(font * 0.58, _chord(ring, letters_top(top, row / 2, font * 0.58)) / max(wider, 0.01))
    return (halves if size > one_line else (ring.label,)), max(size, one_line)


def letters_top(top: float, line_height: float, size: float) -> float:
    """About where the tops of a line's capitals are, in a line box whose top is top."""
    return top + (line_height - 0.7 * size) / 2


def make_labels(
    rings: Sequence[Ring], size: float, band: float, measure: Measure = estimated_width
) -> tuple[Label, ...]:
    """Each label is centred at the top of its ring, above the ring's first band."""
    font, row = label_metrics(band)
    c = size / 2
    labels = []
    for ring in rings:
        lines, fitted = fit_label(ring, font, row, measure)
        top = -ring.r_outer + INSET
        line_height = row / len(lines)
        em = font if len(lines) == 1 else fitted  # one line sits where it always has
        baseline = top + row - line_height + (line_height + em) / 2 - em * 0.1  # the last line's
        width = _chord(ring, letters_top(top, line_height, fitted))
        labels.append(Label(ring.index, ring.label, c, c + baseline, fitted, lines, c + top, width, line_height))
    return tuple(labels)


def centre_field(ring: Ring, band: float, messages: Messages = ENGLISH) -> FieldBox:
    """The multi-line field: a rectangle inside the centre circle, below its label."""
    _, row = label_metrics(band)
    top = -ring.r_outer + INSET + row + INSET
    bottom = -top * 0.9
    limit = ring.r_outer - INSET
    half = math.sqrt(limit**2 - max(top**2, bottom**2))
    tooltip = messages.gettext("%(label)s (%(place)s)", label=ring.label, place=messages.gettext(RING_NAMES[0]))
    return FieldBox(ring.field_prefix, 0, -half, top, 2 * half, bottom - top, True, tooltip)


def band_spans(ring: Ring, top: float, bottom: float) -> list[tuple[float, float, str]]:
    """The (left x, width, side) pieces of one band that fit inside the ring; origin at the centre."""
    far_y = max(abs(top), abs(bottom))
    near_y = 0.0 if top <= 0 <= bottom else min(abs(top), abs(bottom))
    outer = ring.r_outer - INSET
    if far_y >= outer:
        return []
    x_out = math.sqrt(outer**2 - far_y**2)
    inner = ring.r_inner + INSET
    if near_y >= inner:
        return [(-x_out, 2 * x_out, "")]
    x_in = math.sqrt(inner**2 - near_y**2)
    if x_out - x_in < MIN_FIELD_WIDTH:
        return []
    return [(-x_out, x_out - x_in, "left"), (x_in, x_out - x_in, "right")]


def ring_fields(ring: Ring, band: float, messages: Messages = ENGLISH) -> list[FieldBox]:
    """Single-line fields in horizontal bands from the ring's label down to its bottom."""
    _, row = label_metrics(band)
    top = -ring.r_outer + INSET + row
    fields: list[FieldBox] = []
    line = 0
    while top + band <= ring.r_outer:
        spans = band_spans(ring, top, top + band)
        line += 1 if spans else 0
        for x, width, side in spans:
            name = f"{ring.field_prefix}_{len(fields) + 1:02d}"
            tooltip = _band_tooltip(ring, line, side, messages)
            fields.append(FieldBox(name, ring.index, x, top, width, band, False, tooltip))
        top += band
    return fields


def _band_tooltip(ring: Ring, line: int, side: str, messages: Messages) -> str:
    """What a screen reader says for one band field, e.g. 'Important (middle ring), line 2 (left)'."""
    place = messages.gettext(RING_NAMES[ring.index])
    if not side:
        return messages.gettext("%(label)s (%(place)s), line %(line)s", label=ring.label, place=place, line=line)
    return messages.gettext(
        "%(label)s (%(place)s), line %(line)s (%(side)s)",
        label=ring.label,
        place=place,
        line=line,
        side=messages.gettext(SIDES[side]),
    )


def shift(field: FieldBox, by: float) -> FieldBox:
    """From centre-origin to top-left-origin coordinates."""
    return FieldBox(
        field.name, field.ring, field.x + by, field.y + by, field.width, field.height, field.multiline, field.tooltip
    )


def layout(
    labels: Sequence[str],
    size_mm: float,
    band_mm: float = 8.0,
    messages: Messages = ENGLISH,
    measure: Measure = estimated_width,
) -> Diagram:
    """The whole diagram: rings, labels and fields in tab order (centre, then outwards).

    measure gives a label's width in the fonts it is drawn with (render/fonts.py text_width)."""
    rings = make_rings(labels, size_mm)
    fields = [centre_field(rings[0], band_mm, messages)]
    for ring in rings[1:]:
        fields.extend(ring_fields(ring, band_mm, messages))
    c = size_mm / 2
    return Diagram(
        size=size_mm,
        band=band_mm,
        rings=rings,
        fields=tuple(shift(f, c) for f in fields),
        labels=make_labels(rings, size_mm, band_mm, measure),
    )


def describe(diagram: Diagram, messages: Messages = ENGLISH) -> str:
    """The text alternative: names every ring from the centre outwards."""
    parts = [f"{messages.gettext(RING_NAMES[r.index]).capitalize()}: {r.label}." for r in diagram.rings]
    return messages.gettext("Three circles, one inside the other.") + " " + " ".join(parts)


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _circles(diagram: Diagram, fills: tuple[str, str, str]) -> list[str]:
    c = _num(diagram.centre)
    out = []
    for ring in reversed(diagram.rings):  # outermost first, so inner circles paint on top
        width, dash = RING_LINES[ring.index]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<circle cx="{c}" cy="{c}" r="{_num(ring.r_outer)}" fill="{fills[ring.index]}" '
            f'stroke="#000000" stroke-width="{width}"{dash_attr}/>'
        )
    return out


def _rule(x: float, y: float, width: float) -> str:
    return (
        f'<line x1="{_num(x)}" y1="{_num(y)}" x2="{_num(x + width)}" y2="{_num(y)}" '
        f'stroke="#7a7a7a" stroke-width="0.25"/>'
    )


def _lines(diagram: Diagram) -> list[str]:
    """Writing lines under every band (several in the centre), so a blank printout can be written on."""
    out = []
    for f in diagram.fields:
        rows = max(1, int(f.height // diagram.band)) if f.multiline else 1
        step = f.height / rows
        out += [_rule(f.x, f.y + step * (k + 1) - 0.6, f.width) for k in range(rows)]
    return out


def _labels(diagram: Diagram) -> list[str]:
    """One <text> per label (the site's script reads them), a <tspan> per line when it has two."""
    out = []
    for lab in diagram.labels:
        x = _num(lab.x)
        if len(lab.lines) > 1:
            up = _num(lab.line_height * (len(lab.lines) - 1))
            body = f'<tspan x="{x}" dy="-{up}">{escape(lab.lines[0])}</tspan>'
            body += "".join(f'<tspan x="{x}" dy="{_num(lab.line_height)}">{escape(t)}</tspan>' for t in lab.lines[1:])
        else:
            body = escape(lab.text)
        out.append(
            f'<text x="{x}" y="{_num(lab.y)}" font-size="{_num(lab.size)}" text-anchor="middle" '
            f'font-weight="700" fill="#000000">{body}</text>'
        )
    return out


def svg(
    diagram: Diagram,
    *,
    title: str,
    description: str | None = None,
    id_prefix: str = "tc",
    lines: bool = True,
    fills: tuple[str, str, str] = RING_FILLS,
    font_family: str = FONT_FAMILY,
    messages: Messages = ENGLISH,
    labels: bool = True,
) -> str:
    """A self-contained inline SVG (mm units) with a title and description as its text alternative.

    labels=False leaves the ring labels out: WeasyPrint lays SVG text out letter by letter (no
    shaping, no right-to-left), so the PDFs lay them out as HTML over the drawing instead."""
    size = _num(diagram.size)
    desc = description if description is not None else describe(diagram, messages)
    ident = escape(id_prefix, {'"': "&quot;"})
    family = escape(font_family, {'"': "&quot;"})
    body = _circles(diagram, fills) + (_lines(diagram) if lines else []) + (_labels(diagram) if labels else [])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}mm" height="{size}mm" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="{family}">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )
