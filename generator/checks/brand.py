"""Brand colours too light for text on white: a warning, since the guide still builds.

Headings and links use a darker shade automatically (site/brand.py, pdf/brand.py, measured by common/colour.py), so the
text stays readable; the warning tells the editor their colour is not the one readers see,
and which shade would be.
"""

from __future__ import annotations

from ..common.colour import TEXT_CONTRAST, WHITE, contrast, darken_until, parse_hex, to_hex
from ..content.loader import Sources
from ..content.model import SiteConfig
from ..content.reader import position
from ..errors import Problem

USES = {"primary": "headings", "accent": "links"}


def light_brand_colours(config: SiteConfig, sources: Sources) -> list[Problem]:
    source = sources.get(("config", ""))
    problems = []
    for name, use in USES.items():
        colour = getattr(config.brand, name)
        ratio = contrast(parse_hex(colour), WHITE)
        if ratio >= TEXT_CONTRAST:
            continue
        darker = to_hex(darken_until(parse_hex(colour), WHITE, TEXT_CONTRAST))
        message = (
            f"{colour} has {ratio:.1f}:1 contrast on white, below the {TEXT_CONTRAST}:1 that text needs, so "
            f"{use} use the darker {darker} instead; choose a darker colour, e.g. {darker}, to see yours everywhere"
        )
        line, column, lines = 1, 1, tuple[str, ...]()
        if source is not None and source.node is not None:
            line, column = position(source.node, (*source.prefix, "brand", name))
            lines = source.lines
        snippet = lines[line - 1] if 0 < line <= len(lines) else ""
        path = source.path if source is not None else "site_config.yml"
        problems.append(Problem(path, line, column, f"brand.{name}", message, snippet))
    return problems
