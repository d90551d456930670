"""Paper sizes every output agrees on: a poster is twice the handout's paper.

The guide's `paper` (A4 or Letter) is the handouts' and the booklet's; the posters, and the
large-print edition's three circles, are printed on the paper twice its size: A3 for A4,
Tabloid for Letter. The website names the poster's paper in its download links, the PDFs lay it
out: both ask here.
"""

from __future__ import annotations

TWICE = {"A4": "A3", "Letter": "Tabloid"}


def poster_paper(handout_paper: str) -> str:
    """The paper twice the size of the handouts' (a key of pdf/layout.py's PAGE_SIZES)."""
    return TWICE[handout_paper]
