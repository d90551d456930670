"""Which paper each variant's jobs are laid out on, for A4 and Letter guides."""

from __future__ import annotations

import pytest

from generator.content.model import Guide, ThreeCirclesHandout
from generator.pdf import job_list, variants
from generator.render.paper import PAGE_SIZES, job_paper
from generator.site.downloads import A5_FILE


def with_paper(guide: Guide, paper: str) -> Guide:
    return guide.model_copy(update={"config": guide.config.model_copy(update={"paper": paper})})


@pytest.mark.parametrize(
    ("paper", "circles", "other", "a5", "css"),
    [("A4", "A3", "A4", "A5", "A5"), ("Letter", "Tabloid", "Letter", "half-letter", "5.5in 8.5in")],
)
def test_each_variant_is_laid_out_on_its_paper(
    default_guide: Guide, paper: str, circles: str, other: str, a5: str, css: str
) -> None:
    guide = with_paper(default_guide, paper)
    found = {}
    for job in job_list.pdf_jobs(guide):
        found[job.filename] = job_paper(guide, job.kind, job.variant, job.activity_id)
    for activity in guide.activities:
        large = circles if isinstance(activity.handout, ThreeCirclesHandout) else other
        assert found[f"large-print/{activity.id}.pdf"] == large
        assert found[f"{activity.id}.pdf"] == paper
    assert found["large-print/guide.pdf"] == paper and found["guide.pdf"] == paper
    assert found[A5_FILE] == a5 and PAGE_SIZES[a5] == css


def test_the_large_circles_fit_tabloid_within_its_margins() -> None:
    tabloid_width = 11 * 25.4
    assert variants.LARGE_CIRCLES[0] <= tabloid_width - 2 * 15


def test_variants_can_be_turned_off_one_by_one(default_guide: Guide) -> None:
    for left_out in ("a5-booklet", "large-print"):
        kept = tuple(e for e in default_guide.config.variants if e != left_out)
        guide = default_guide.model_copy(update={"config": default_guide.config.model_copy(update={"variants": kept})})
        variants = {job.variant for job in job_list.pdf_jobs(guide)}
        assert left_out not in variants and variants - {""}
