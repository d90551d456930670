"""What the join needs of each part (pdf/join/shape.py): a part without it is named, up front."""

from __future__ import annotations

from collections.abc import Callable

import pikepdf
import pytest
from helpers.join_parts import A5, tagged
from pikepdf import Array, Dictionary, Name

from generator.errors import JoinError
from generator.pdf.join.shape import check_destination, check_part, check_same_paper


def test_a_tagged_part_gives_its_paper_size() -> None:
    assert check_part(tagged(A5, A5), "skills") == A5


@pytest.mark.parametrize(
    ("spoil", "found"),
    [
        (lambda pdf: pdf.Root.__delattr__("StructTreeRoot"), "has no structure tree (it is not a tagged PDF)"),
        (lambda pdf: pdf.Root.StructTreeRoot.K.append(Dictionary(S=Name.Part)), "has 2 elements at the root"),
        (
            lambda pdf: pdf.Root.StructTreeRoot.K[0].__setattr__("S", Name.Part),
            "whose first element is a /Part element",
        ),
        (lambda pdf: pdf.Root.StructTreeRoot.__delattr__("ParentTree"), "has a structure tree without a parent tree"),
        (lambda pdf: pdf.pages[1].obj.__delattr__("StructParents"), "has a page (2) without a StructParents key"),
    ],
)
def test_a_part_without_the_tagging_the_join_needs_is_named(spoil: Callable[[pikepdf.Pdf], object], found: str) -> None:
    pdf = tagged(A5, A5)
    spoil(pdf)
    with pytest.raises(JoinError, match=r"^the booklet could not be joined: its part 'skills' ") as raised:
        check_part(pdf, "skills")
    assert found in str(raised.value)


def test_pages_of_two_sizes_or_another_paper_are_named_in_millimetres() -> None:
    with pytest.raises(JoinError, match=r"has pages of 2 sizes \(148 x 210 mm, 210 x 297 mm\)"):
        check_part(tagged(A5, (595.3, 841.9)), "circles")
    check_same_paper((419.6, 595.0), A5, "circles")  # within half a point
    with pytest.raises(
        JoinError, match=r"'circles' has pages of 210 x 297 mm; the join needs the cover's paper size, 148 x 210 mm"
    ):
        check_same_paper((595.3, 841.9), A5, "circles")


def test_a_destination_must_name_one_of_the_parts_pages() -> None:
    pdf = tagged(A5, A5)
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    assert check_destination(Array([pdf.pages[1].obj, Name.Fit]), pages, "a link", "skills") == 1
    with pytest.raises(JoinError, match="has a bookmark that does not point at one of its pages"):
        check_destination(Array([1, Name.Fit]), pages, "a bookmark", "skills")
