"""Is the guide's `site_url` ready for publishing? A missing or example address is a warning.

MkDocs writes the address into the 404 page's links, the sitemap and every page's canonical
link, so a site built for https://example.org/guide/ and put anywhere else has a broken 404 page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..content.loader import Sources
from ..content.model import Guide
from ..errors import Problem

EXAMPLE_HOSTS = ("example.org", "example.com", "example.net", "localhost", "127.0.0.1")


def is_example(url: str) -> bool:
    """True for the reserved example domains (RFC 2606) and this computer's own addresses."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in EXAMPLE_HOSTS) or host.endswith(".example")


def address_problem(guide: Guide, sources: Sources) -> Problem | None:
    """A warning for site_config.yml when site_url is missing or an example address."""
    url = str(guide.config.site_url) if guide.config.site_url else ""
    if url and not is_example(url):
        return None
    source = sources.get(("config", ""))
    path = source.path if source else "site_config.yml"
    line, column = source.position(("site_url",)) if source and url else (1, 1)
    lines = source.lines if source else ()
    snippet = lines[line - 1] if url and 0 < line <= len(lines) else ""
    if url:
        message = (
            f"{url} is an example address; before publishing, set it to where the website will really be "
            "(e.g. https://your-org.github.io/guide/), or its 404 page and sitemap will point to the wrong place"
        )
    else:
        message = (
            "is missing; before publishing, add `site_url:` with where the website will be "
            "(e.g. https://your-org.github.io/guide/), so its 404 page, sitemap and robots.txt work there"
        )
    return Problem(path, line, column, "site_url", message, snippet)
