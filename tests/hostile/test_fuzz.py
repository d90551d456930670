"""Property-based fuzzing of the loader: any YAML document or any bytes in an activity file
give either a Guide or a ContentError report, never another exception."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.content.loader import load_guide
from generator.content.model import Guide
from generator.content.parse_cache import ParseCache
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


@dataclass(frozen=True)
class Fuzzed:
    guide: Path
    parsed: dict[str, Any]  # the parse cache's entries for the guide's own files


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Fuzzed:
    """The minimal guide, copied once: each example writes its own activity file into it and
    removes it again (loading reads the guide and writes nothing, so every example starts alike).

    Parsing the guide's own YAML texts (six) was most of each example's time (2,000 examples),
    and they never change: each load starts with them in a fresh parse cache, as the editor's
    check does (editor/checking.py), so only the fuzzed file is parsed."""
    guide = Path(shutil.copytree(MINIMAL, tmp_path_factory.mktemp("fuzz") / "guide"))
    cache = ParseCache()
    load_guide(guide, parse_cache=cache)
    return Fuzzed(guide, cache.entries_used())


def _load_with_activity(fuzzed: Fuzzed, data: bytes) -> None:
    activity = fuzzed.guide / "content" / "activities" / "fuzz.yml"
    activity.write_bytes(data)
    try:
        result = load_guide(fuzzed.guide, parse_cache=ParseCache(fuzzed.parsed))
    except ContentError as error:
        assert error.problems and all(p.path and p.line >= 1 for p in error.problems)
        return
    finally:
        activity.unlink()
    assert isinstance(result, Guide)


def _dump(document: object) -> bytes:
    from io import BytesIO

    stream = BytesIO()
    YAML(typ="safe", pure=True).dump(document, stream)
    return stream.getvalue()


@FUZZ
@given(documents)
def test_random_yaml_documents_give_a_guide_or_a_report(fuzzed: Fuzzed, document: object) -> None:
    _load_with_activity(fuzzed, _dump(document))


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_give_a_guide_or_a_report(fuzzed: Fuzzed, data: bytes) -> None:
    _load_with_activity(fuzzed, data)
