"""The site's scripts re-implement two Python rules; they must give the same answers (issue 30).

- circles.js `bandSpans`: the parts of a horizontal band inside a ring, where the on-screen
  diagram puts notes, as render/diagram.py `band_spans` cuts the handout's fields;
- planner.js `clockAt`: the clock time an offset from the start falls on, as
  content/agenda.py `clock_at` times a published session's agenda.

Each function is taken from the shipped script as it is and run in Chromium, so a change to
either side that the other does not follow fails here.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from playwright.sync_api import Page

from generator.content.agenda import clock_at
from generator.pdf.html import BOOKLET_DIAGRAM, HANDOUT_DIAGRAM, POSTER_DIAGRAM
from generator.render.diagram import INSET, MIN_FIELD_WIDTH, Ring, band_spans, label_metrics, make_rings

pytestmark = pytest.mark.browser

SITE_TEMPLATES = Path(__file__).resolve().parents[2] / "generator" / "templates" / "site"
# The function's source made into a function again, then called once for each list of arguments.
CALL_ALL = """([source, name, calls]) => {
  const f = new Function(`${source}; return ${name};`)();
  return calls.map((args) => f(...args));
}"""


def script_function(path: Path, name: str) -> str:
    """The source of `function name(...) {...}` in a shipped script, up to its matching brace."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"function {name}(")
    depth = 0
    for end in range(text.index("{", start), len(text)):
        depth += {"{": 1, "}": -1}.get(text[end], 0)
        if depth == 0:
            return text[start : end + 1]
    raise AssertionError(f"{name} in {path.name} has no closing brace")


def run_in_browser(page: Page, path: Path, name: str, calls: list[list[object]]) -> list[object]:
    return page.evaluate(CALL_ALL, [script_function(path, name), name, calls])


def _bands(ring: Ring, band: float) -> list[tuple[float, float]]:
    """Every band the handout cuts (from below the label down), and bands at odd offsets too."""
    _, row = label_metrics(band)
    tops = []
    top = -ring.r_outer + INSET + row
    while top + band <= ring.r_outer:
        tops.append(top)
        top += band
    tops += [-ring.r_outer + step * 1.1 for step in range(int(2 * ring.r_outer / 1.1))]
    return [(top, top + band) for top in tops]


@pytest.mark.parametrize(("size", "band"), [HANDOUT_DIAGRAM, POSTER_DIAGRAM, BOOKLET_DIAGRAM])
def test_band_spans_in_circles_js_are_the_handouts_fields(page: Page, size: float, band: float) -> None:
    rings = make_rings(("Important", "Less important", "Not important"), size)[1:]  # the centre is one box
    cases = [(ring, top, bottom) for ring in rings for top, bottom in _bands(ring, band)]
    calls = [[top, bottom, ring.r_inner + INSET, ring.r_outer - INSET, MIN_FIELD_WIDTH] for ring, top, bottom in cases]
    from_js = run_in_browser(page, SITE_TEMPLATES / "assets" / "circles.js", "bandSpans", calls)
    from_python = [[[x, width] for x, width, _ in band_spans(ring, top, bottom)] for ring, top, bottom in cases]
    assert len(from_js) == len(from_python) > 40
    assert sum(len(spans) == 2 for spans in from_python) > 0  # bands cut in two by the inner circle
    assert sum(len(spans) == 0 for spans in from_python) > 0  # and bands with no room at all
    for case, js, python in zip(cases, from_js, from_python, strict=True):
        assert len(js) == len(python), case  # type: ignore[arg-type]
        flat = [number for span in js for number in span]  # type: ignore[attr-defined]
        assert flat == pytest.approx([number for span in python for number in span], abs=1e-9), case


def test_clock_at_in_planner_js_is_the_agendas_clock(page: Page) -> None:
    starts = ["0:00", "00:00", "7:05", "09:59", "12:00", "18:30", "23:59"]
    offsets = [0, 1, 29, 60, 75, 599, 1439, 1440, 1441, 2999, -1, -90, -1441]
    calls: list[list[object]] = [[start, offset] for start, offset in itertools.product(starts, offsets)]
    from_js = run_in_browser(page, SITE_TEMPLATES / "planner" / "planner.js", "clockAt", calls)
    assert from_js == [clock_at(start, offset) for start, offset in itertools.product(starts, offsets)]


SHARED_HELPERS = ("el", "clean", "messages", "download")


def test_the_scripts_share_one_copy_of_their_helpers(page: Page) -> None:
    """shared.js holds the helpers; the circles and the planner take them from it, never a copy of their own."""
    shared = SITE_TEMPLATES / "assets" / "shared.js"
    for name in SHARED_HELPERS:
        script_function(shared, name)  # defined there
    for script in (SITE_TEMPLATES / "assets" / "circles.js", SITE_TEMPLATES / "planner" / "planner.js"):
        text = script.read_text(encoding="utf-8")
        assert "window.guidegenShared" in text
        assert [n for n in ("el", "download", "messages") if f"function {n}(" in text] == [], script.name
    page.set_content("<body></body>")
    page.add_script_tag(path=str(shared))
    made = page.evaluate(
        """() => {
          const { el, clean, messages } = window.guidegenShared;
          const { t, tn } = messages({ "%(num)s note": "%(num)s nodyn", "Hello": "Helo" });
          const node = el("p", { title: "<b>", hidden: false }, "<i>x</i>", null);
          return [node.outerHTML, clean("  a\\u0000\\n  b  "), clean("abcdef", 3),
                  t("Hello"), t("Other %(x)s", { x: 1 }),
                  tn(1, "%(num)s note", "%(num)s notes"), tn(2, "%(num)s note", "%(num)s notes")];
        }"""
    )
    expected = ['<p title="&lt;b&gt;">&lt;i&gt;x&lt;/i&gt;</p>', "a b", "abc", "Helo", "Other 1", "1 nodyn", "2 notes"]
    assert made == expected
