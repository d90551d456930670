"""One WeasyPrint layout (pdf/layout.py): every PDF kind has its stylesheets, and a layout
that WeasyPrint cannot finish is the content's problem, not a traceback."""

from __future__ import annotations

import io
from typing import get_args

import pikepdf
import pytest

from generator.common.template_files import PACKAGE_TEMPLATES
from generator.content.model import Guide
from generator.errors import ContentError
from generator.pdf.layout import STYLESHEETS, Pages, layout
from generator.pdf.variants import STYLESHEETS as VARIANT_STYLESHEETS
from generator.render.job import JobKind


def test_every_pdf_kind_has_stylesheets_that_exist() -> None:
    pdf_kinds = set(get_args(JobKind)) - {"epub", "booklet-part"}  # a part is laid out as the booklet
    assert set(STYLESHEETS) == pdf_kinds
    names = {name for sheets in (*STYLESHEETS.values(), *VARIANT_STYLESHEETS.values()) for name in sheets}
    assert [name for name in sorted(names) if not (PACKAGE_TEMPLATES / "pdf" / name).is_file()] == []


@pytest.mark.slow
def test_a_layout_is_a_tagged_pdf_and_deep_nesting_a_content_problem(default_guide: Guide) -> None:
    pdf = layout(default_guide, "handout", "content/x.yml", "<html lang='en'><p>Hello</p></html>", Pages())
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert "/StructTreeRoot" in document.Root
    with pytest.raises(ContentError) as raised:
        layout(default_guide, "handout", "content/x.yml", "<div>" * 3000 + "deep", Pages())
    assert raised.value.problems[0].path == "content/x.yml"
