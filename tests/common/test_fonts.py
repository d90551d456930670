"""Font files read without a guide (common/fonts.py): names, widths, the fontconfig file."""

from __future__ import annotations

import os
from pathlib import Path

from generator.common.fonts import advances, drawn_letter, environment_variable, family_name, fontconfig_file
from generator.content.font_coverage import shipped_file


def test_a_shipped_font_names_its_family_and_measures_its_letters() -> None:
    path = str(shipped_file("latin", "700", "normal", "woff"))
    assert family_name(path, 0.0) == "Atkinson Hyperlegible Next"
    widths = advances(path, 0.0)
    assert 0 < widths[ord("i")] < widths[ord("W")] < 1.5  # in em: a narrow letter, a wide one
    assert ord("ب") not in widths  # Arabic is another font's


def test_letters_marks_and_digits_decide_a_script_and_nothing_else_does() -> None:
    assert all(drawn_letter(c) for c in "aب5\u0301")
    assert not any(drawn_letter(c) for c in " .,-\n\u200f")


def test_the_fontconfig_file_names_only_existing_folders_and_is_written_once(tmp_path: Path) -> None:
    fonts, missing = tmp_path / "a&b", tmp_path / "missing"
    fonts.mkdir()
    path = fontconfig_file([fonts, missing], tmp_path / "cache")
    text = path.read_text(encoding="utf-8")
    assert f"<dir>{tmp_path.resolve()}/a&amp;b</dir>" in text and "missing" not in text
    assert text.count("<dir>") == 1
    assert fontconfig_file([fonts], tmp_path / "cache") == path  # the same folders, the same file
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [path.name]  # no temporary left


def test_an_environment_variable_is_put_back_as_it_was() -> None:
    name = "GUIDEGEN_TEST_FONTS_VARIABLE"
    assert name not in os.environ
    with environment_variable(name, "inside"):
        assert os.environ[name] == "inside"
    assert name not in os.environ
    os.environ[name] = "before"
    try:
        with environment_variable(name, "inside"):
            assert os.environ[name] == "inside"
        assert os.environ[name] == "before"
    finally:
        del os.environ[name]
