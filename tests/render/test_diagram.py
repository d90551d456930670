"""The three-circle geometry shared by the handouts and the website (no rendering: fast)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.diagram import Diagram, FieldBox, layout, ring_distance_range, svg

LABELS = ("Important", "Less important", "Not important")
SVG = "{http://www.w3.org/2000/svg}"


def distances(d: Diagram, f: FieldBox) -> tuple[float, float]:
    return ring_distance_range(f.x - d.centre, f.y - d.centre, f.width, f.height)


def sampled_distances(d: Diagram, f: FieldBox, steps: int = 60) -> tuple[float, float]:
    """Brute force: nearest and farthest of a grid of points covering the rectangle."""
    radii = [
        math.hypot(f.x + f.width * i / steps - d.centre, f.y + f.height * j / steps - d.centre)
        for i in range(steps + 1)
        for j in range(steps + 1)
    ]
    return min(radii), max(radii)


def test_a4_diagram_has_at_least_20_fields_all_inside_their_rings() -> None:
    d = layout(LABELS, 160, 8)
    assert len(d.fields) >= 20
    for f in d.fields:
        ring = d.rings[f.ring]
        near, far = distances(d, f)
        assert ring.r_inner <= near and far <= ring.r_outer, f


def test_distance_rule_agrees_with_brute_force_even_when_an_edge_cuts_the_inner_circle() -> None:
    d = layout(LABELS, 160, 8)
    # A band straddling the vertical axis whose corners are all outside the inner circle,
    # but whose top edge passes through it: corners alone would wrongly accept it.
    inner = d.rings[1].r_inner
    cutting = FieldBox("x", 1, d.centre - 30, d.centre + inner - 2, 60, 8, False, "")
    near, _ = distances(d, cutting)
    assert near < inner
    assert math.isclose(near, sampled_distances(d, cutting)[0], abs_tol=0.05)
    for f in d.fields:  # the grid's step is under 1 mm
        exact, sampled = distances(d, f), sampled_distances(d, f)
        assert math.isclose(exact[0], sampled[0], abs_tol=0.5) and math.isclose(exact[1], sampled[1], abs_tol=0.5)


@settings(max_examples=60, deadline=None)
@given(size=st.floats(80, 400), band=st.floats(5, 16))
def test_every_field_is_inside_its_ring_at_any_size(size: float, band: float) -> None:
    d = layout(LABELS, size, band)
    for f in d.fields:
        near, far = distances(d, f)
        assert d.rings[f.ring].r_inner - 1e-9 <= near and far <= d.rings[f.ring].r_outer + 1e-9
        assert f.x >= 0 and f.x + f.width <= size and f.y >= 0 and f.y + f.height <= size


def test_names_are_stable_and_tab_order_runs_from_the_centre_outwards() -> None:
    d = layout(LABELS, 160, 8)
    names = [f.name for f in d.fields]
    assert names[0] == "important" and d.fields[0].multiline
    assert len(set(names)) == len(names)
    assert [f.ring for f in d.fields] == sorted(f.ring for f in d.fields)
    for ring in d.rings[1:]:
        mine = [f for f in d.fields if f.ring == ring.index]
        assert [f.name for f in mine] == [f"{ring.field_prefix}_{n:02d}" for n in range(1, len(mine) + 1)]
        assert [(f.y, f.x) for f in mine] == sorted((f.y, f.x) for f in mine)
        assert not any(f.multiline for f in mine)
    assert [r.field_prefix for r in d.rings] == ["important", "less_important", "not_important"]


def test_bands_crossing_the_inner_circle_split_into_left_and_right() -> None:
    d = layout(LABELS, 160, 8)
    middle = [f for f in d.fields if f.ring == 1]
    lefts = [f for f in middle if f.tooltip.endswith("(left)")]
    rights = [f for f in middle if f.tooltip.endswith("(right)")]
    assert lefts and len(lefts) == len(rights)
    for left, right in zip(lefts, rights, strict=True):
        assert left.y == right.y and left.x + left.width < d.centre < right.x
        assert math.isclose(left.width, right.width)
    assert re.fullmatch(r"Less important \(middle ring\), line \d+ \(left\)", lefts[0].tooltip)


def test_the_a3_poster_has_bigger_bands_and_labels() -> None:
    a4, a3 = layout(LABELS, 160, 8), layout(LABELS, 262, 12)
    assert a3.fields[1].height > a4.fields[1].height
    assert min(label.size for label in a3.labels) > max(label.size for label in a4.labels)


def test_svg_is_self_contained_and_names_every_ring() -> None:
    d = layout(LABELS, 160, 8)
    root = ET.fromstring(svg(d, title="Three circles: what matters"))
    assert root.get("role") == "img" and root.get("viewBox") == "0 0 160 160"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Three circles: what matters"
    assert desc is not None and all(label in (desc.text or "") for label in LABELS)
    assert [t.text for t in root.iter(f"{SVG}text")] == list(LABELS)
    circles = root.findall(f"{SVG}circle")
    # Distinct in greyscale: every ring differs from its neighbour in fill or line style.
    looks = [(c.get("fill"), c.get("stroke-width"), c.get("stroke-dasharray")) for c in circles]
    assert len(set(looks)) == 3
    assert "href" not in svg(d, title="x")  # nothing to fetch


def test_labels_are_escaped_and_field_names_stay_ascii() -> None:
    labels = ('<script>alert("x")</script>', "Fish & chips", "Ça va")
    d = layout(labels, 160, 8)
    text = svg(d, title='a "quoted" <title>', id_prefix='x"y')
    root = ET.fromstring(text)  # well-formed despite the hostile text
    assert "<script>" not in text
    assert [t.text for t in root.iter(f"{SVG}text")] == list(labels)
    assert all(re.fullmatch(r"[a-z0-9_]+", f.name) for f in d.fields)
    assert len({r.field_prefix for r in d.rings}) == 3


def test_a_long_label_is_shrunk_to_fit_its_ring() -> None:
    short = layout(("A", "B", "C"), 160, 8)
    long = layout(("Things that really matter to me", "B", "C"), 160, 8)
    assert long.labels[0].size < short.labels[0].size
