"""Images the PDFs could not use (content/images.py): damaged, too many pixels, not really SVG."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from generator.content.images import image_problem


def png(width: int, height: int) -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(data, "PNG")
    return data.getvalue()


def test_a_good_image_and_other_files_say_nothing(tmp_path: Path) -> None:
    (tmp_path / "good.png").write_bytes(png(4, 3))
    (tmp_path / "good.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an image", encoding="utf-8")
    assert [image_problem(tmp_path / name) for name in ("good.png", "good.svg", "notes.txt")] == [None] * 3


def test_a_cut_off_or_mislabelled_file_is_said_to_be_damaged(tmp_path: Path) -> None:
    (tmp_path / "cut.png").write_bytes(png(40, 30)[:60])
    (tmp_path / "photo.jpg").write_bytes(png(4, 3)[:20] + b"not a jpeg at all")
    for name, kind in (("cut.png", "PNG"), ("photo.jpg", "JPG")):
        message = f"image '{name}' could not be read (the file is damaged or not really a {kind}); save it again"
        assert image_problem(tmp_path / name) == message


def test_an_image_with_too_many_pixels_names_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)  # a small limit, so the test image is small
    (tmp_path / "huge.png").write_bytes(png(1200, 1000))
    message = image_problem(tmp_path / "huge.png") or ""
    assert message.startswith("image 'huge.png' is 1200 x 1000 pixels, more than the PDFs can use (at most 1 million")
    assert Image.MAX_IMAGE_PIXELS == 1_000_000  # the limit is put back after the size is read


def test_an_svg_that_is_not_one_says_so(tmp_path: Path) -> None:
    (tmp_path / "broken.svg").write_text("<svg", encoding="utf-8")
    (tmp_path / "html.svg").write_text("<html/>", encoding="utf-8")
    assert (
        image_problem(tmp_path / "broken.svg")
        == "image 'broken.svg' is not a valid SVG file; export it again from your drawing program"
    )
    assert image_problem(tmp_path / "html.svg") == "image 'html.svg' is not an SVG drawing; export it again as SVG"
