"""Images the PDF engine could not use: a damaged file, or one too large to decode.

WeasyPrint logs such an image and leaves it out of the PDF, so without this check a guide
builds with its pictures silently missing. Pillow is what WeasyPrint decodes them with.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.etree import ElementTree

RASTER = {".png", ".jpg", ".jpeg", ".gif", ".webp"}


def image_problem(path: Path) -> str | None:
    """None if the PDFs can show the image at path, else what is wrong and what to do."""
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return _svg_problem(path)
    if suffix in RASTER:
        return _raster_problem(path)
    return None


def _raster_problem(path: Path) -> str | None:
    from PIL import Image

    limit = Image.MAX_IMAGE_PIXELS or 0
    try:
        with _no_pixel_limit(), Image.open(path) as image:
            width, height = image.size  # read from the header: nothing is decoded yet
            if limit and width * height > limit:
                return (
                    f"image '{path.name}' is {width} x {height} pixels, more than the PDFs can use "
                    f"(at most {limit // 1_000_000} million pixels); save a smaller copy, e.g. 2000 pixels wide"
                )
            image.verify()  # reads the whole file: a damaged or cut-off file fails here
    except Exception:  # Pillow raises many kinds of error for a damaged file
        kind = path.suffix.lstrip(".").upper()
        return f"image '{path.name}' could not be read (the file is damaged or not really a {kind}); save it again"
    return None


@contextmanager
def _no_pixel_limit() -> Iterator[None]:
    """Pillow refuses to open a huge image at all; we want its size, to say so in the message."""
    from PIL import Image

    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def _svg_problem(path: Path) -> str | None:
    try:
        # expat 2.4+ (Python 3.11 ships 2.5) refuses entity-expansion bombs.
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError):
        return f"image '{path.name}' is not a valid SVG file; export it again from your drawing program"
    if not root.tag.endswith("svg"):
        return f"image '{path.name}' is not an SVG drawing; export it again as SVG"
    return None
