"""The other variants travel with the offline bundle, and its pages link to them."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
VARIANTS = (
    "pdf/guide-a5-booklet.pdf",
    "pdf/large-print/guide.pdf",
    "pdf/large-print/good-facilitation.pdf",
    "pdf/large-print/skills-self-check.pdf",
    "pdf/peer-leadership.epub",
)


def test_the_bundle_holds_every_variant(unzipped: Path, offline_build: Path) -> None:
    for rel in VARIANTS:
        assert (unzipped / rel).is_file(), rel
    assert (unzipped / "pdf/peer-leadership.epub").read_bytes() == (offline_build / "peer-leadership.epub").read_bytes()


def test_the_home_and_activity_pages_link_to_the_variants(unzipped: Path) -> None:
    home = (unzipped / "index.html").read_text(encoding="utf-8")
    for rel in VARIANTS[:2] + VARIANTS[-1:]:
        assert f'href="{rel}"' in home, rel
    activity = (unzipped / "activities" / "good-facilitation.html").read_text(encoding="utf-8")
    assert 'href="../pdf/large-print/good-facilitation.pdf"' in activity
    assert "in large print" in activity
