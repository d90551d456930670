"""QR codes from paper to page (render/qr.py): the page's address, its words, a titled vector code."""

from __future__ import annotations

from typing import Any

from generator.content.model import SiteConfig
from generator.render.qr import QR_ALT, page_url, qr_code

LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


def config(**extra: Any) -> SiteConfig:
    return SiteConfig.model_validate({"title": "A", "slug": "a", "organisation": "O", "licence": LICENCE, **extra})


def test_a_code_holds_the_pages_address_and_prints_it_without_https() -> None:
    code = qr_code(config(site_url="https://example.org/guide"), "/activities/circles/", "this activity")
    assert code is not None and code.url == "https://example.org/guide/activities/circles/"
    assert code.address == "example.org/guide/activities/circles/"
    assert code.label == "Scan, or type this address, to open this activity online:"
    alt = QR_ALT % {"what": "this activity", "address": code.address}
    assert code.svg.startswith(f'<svg role="img" viewBox="0 0 37 37" class="qr-code"><title>{alt}</title>')


def test_no_code_without_an_address_or_when_codes_are_off() -> None:
    assert page_url(config(), "activities/circles/") is None
    assert qr_code(config(), "activities/circles/", "this activity") is None
    assert qr_code(config(site_url="https://example.org/", qr_codes=False), "x/", "this activity") is None
