"""Alternative text of images (checks/images.py): missing or vague words, at the image's place."""

from __future__ import annotations

import pytest

from generator.checks.images import missing_alt_text
from generator.checks.prose import Prose

PATH = "content/pages/a.md"


def block(text: str, line: int = 7) -> Prose:
    """A one-line block of a page's body, as page_body makes it, on that line of the file."""
    return Prose(PATH, "body", text, ((0, line, 1),), ("",) * (line - 1) + (text,))


def test_an_image_without_words_is_named_at_its_column() -> None:
    (problem,) = missing_alt_text(block("See this: ![](assets/group.jpg) and more."))
    assert (problem.path, problem.line, problem.column, problem.field) == (PATH, 7, 11, "body")
    assert problem.message.startswith("the image 'assets/group.jpg' has no alternative text")
    assert problem.source_line == "See this: ![](assets/group.jpg) and more."


@pytest.mark.parametrize("alt", ["image", "Photo.", "group.jpg", "group"])
def test_words_that_name_only_the_kind_or_the_file_are_vague(alt: str) -> None:
    (problem,) = missing_alt_text(block(f"![{alt}](assets/group.jpg)"))
    assert f"the alternative text '{alt}' does not say what the image shows" in problem.message


def test_described_images_and_images_in_code_say_nothing() -> None:
    assert missing_alt_text(block("![Six people talking in a circle](assets/group.jpg)")) == []
    assert missing_alt_text(block("Write `![](assets/x.png)` to show a picture.")) == []
