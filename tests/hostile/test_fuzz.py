"""Property-based fuzzing of the loader: any YAML document or any bytes in an activity file
give either a Guide or a ContentError report, never another exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.content.loader import load_guide
from generator.content.model import Guide
from generator.errors import ContentError

MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"
FIELDS = ["id", "title", "aim", "duration_minutes", "group_size", "steps", "skills", "next", "handout", "kind", "rings"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)), inner, max_size=6),
    ),
    max_leaves=25,
)
pytestmark = pytest.mark.slow
FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load_with_activity(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        guide = Path(folder) / "guide"
        shutil.copytree(MINIMAL, guide)
        (guide / "content" / "activities" / "fuzz.yml").write_bytes(data)
        try:
            result = load_guide(guide)
        except ContentError as error:
            assert error.problems and all(p.path and p.line >= 1 for p in error.problems)
            return
        assert isinstance(result, Guide)


def _dump(document: object) -> bytes:
    from io import BytesIO

    stream = BytesIO()
    YAML(typ="safe", pure=True).dump(document, stream)
    return stream.getvalue()


@FUZZ
@given(documents)
def test_random_yaml_documents_give_a_guide_or_a_report(document: object) -> None:
    _load_with_activity(_dump(document))


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_give_a_guide_or_a_report(data: bytes) -> None:
    _load_with_activity(data)
