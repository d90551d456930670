"""QR codes from paper to page: a vector QR code (segno) with the page's short address.

Printed on every handout, poster and session agenda when site_config.yml has a site_url and
`qr_codes` is not turned off. The code holds the page's full web address; the text beside it
is the same address without "https://", short enough to type. The SVG's <title> is its
alternative text in the tagged PDF (WeasyPrint reads an inline SVG's alt text only there).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from ..common.messages import N_, messages_for
from ..content.model import SiteConfig

# Fixed words printed with the code (kept here, in one place, for the message catalogue).
QR_ALT = N_("QR code: scan it to open %(what)s on the website, at %(address)s")
QR_LABEL = N_("Scan, or type this address, to open %(what)s online:")


@dataclass(frozen=True)
class QrCode:
    url: str  # what the code holds
    address: str  # the url without its scheme, printed beside the code
    label: str
    svg: Markup  # vector, sized by CSS


def page_url(config: SiteConfig, path: str) -> str | None:
    """The hosted site's address of a page (path like 'activities/x/'), or None without site_url."""
    if not config.site_url:
        return None
    return config.site_url.rstrip("/") + "/" + path.lstrip("/")


def qr_code(config: SiteConfig, path: str, what: str) -> QrCode | None:
    """The QR code for the page at path, or None when there is no site_url or codes are off.

    what: a message (N_("this activity")), said in the guide's language."""
    url = page_url(config, path)
    if url is None or not config.qr_codes:
        return None
    address = url.split("://", 1)[1]
    messages = messages_for(config)
    what = messages.gettext(what)
    alt = messages.gettext(QR_ALT, what=what, address=address)
    return QrCode(url, address, messages.gettext(QR_LABEL, what=what), Markup(_svg(url, alt)))


# A page's handout and its large-print variant carry the same code: encoding is the costly part.
@lru_cache(maxsize=8192)
def _svg(url: str, alt: str) -> str:
    import segno  # only when a PDF is made with a code

    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr-code", lineclass=None, title=alt)  # escaped
    return str(svg.replace("<svg ", '<svg role="img" ', 1))
