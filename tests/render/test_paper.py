"""A poster is twice the handout's paper, said once (render/paper.py, issue 30): the website's
download link, the poster PDF and the large-print three circles agree for A4 and Letter guides."""

from __future__ import annotations

import pytest

from generator.content.model import Guide, ThreeCirclesHandout
from generator.pdf.html import poster_html
from generator.render.job import LARGE
from generator.render.paper import PAGE_SIZES, job_paper, poster_paper
from generator.site.pages import poster_paper as site_poster_paper


def _on(guide: Guide, paper: str) -> Guide:
    return guide.model_copy(update={"config": guide.config.model_copy(update={"paper": paper})})


@pytest.mark.parametrize(("handout", "poster"), [("A4", "A3"), ("Letter", "Tabloid")])
def test_every_output_puts_the_poster_on_twice_the_handouts_paper(
    default_guide: Guide, handout: str, poster: str
) -> None:
    guide = _on(default_guide, handout)
    circles = next(a for a in guide.activities if isinstance(a.handout, ThreeCirclesHandout))
    assert poster_paper(handout) == poster and poster in PAGE_SIZES
    assert site_poster_paper(guide) == poster  # the download link's words
    assert job_paper(guide, "poster", "", circles.id) == poster  # the poster PDF's page
    assert job_paper(guide, "handout", LARGE, circles.id) == poster  # large-print circles
    assert job_paper(guide, "handout", "", circles.id) == handout
    assert f": {poster} poster" in poster_html(guide, circles, None)  # the PDF's own title
