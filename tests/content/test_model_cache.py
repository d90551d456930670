"""The validated models `guidegen check` keeps (content/model_cache.py): the same models, read
back without validating, and never used across a change of the code or of the data."""

from __future__ import annotations

import pickle
import shutil
from datetime import date
from pathlib import Path

from generator.checks.remembered import RememberedWarnings
from generator.content.loader import load_guide
from generator.content.model import Licence, SupportContact, as_data
from generator.content.model_cache import FILE, ModelCache

MINIMAL = Path(__file__).resolve().parent.parent / "samples" / "minimal"
DATA = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


def test_a_model_kept_is_read_back_by_the_next_check_and_dropped_when_not_asked(tmp_path: Path) -> None:
    first = ModelCache.read(tmp_path)
    assert first.get(Licence, DATA) is None
    first.put(Licence, DATA, Licence.model_validate(DATA))
    first.write(tmp_path)
    second = ModelCache.read(tmp_path)
    assert second.get(Licence, DATA) == Licence.model_validate(DATA)
    assert second.get(SupportContact, DATA) is None  # another model, the same data
    assert second.get(Licence, {**DATA, "name": "CC0"}) is None
    second.write(tmp_path)
    ModelCache.read(tmp_path).write(tmp_path)  # a check that asked for nothing
    assert ModelCache.read(tmp_path).get(Licence, DATA) is None


def test_a_date_and_the_text_of_that_date_are_different_data() -> None:
    cache = ModelCache()
    cache.put(Licence, {"name": date(2026, 1, 2)}, Licence(name="x"))
    assert cache.get(Licence, {"name": "2026-01-02"}) is None


def test_a_damaged_file_or_one_of_other_code_is_ignored(tmp_path: Path) -> None:
    (tmp_path / FILE).write_bytes(b"not a pickle")
    assert ModelCache.read(tmp_path).get(Licence, DATA) is None
    cache = ModelCache()
    cache.put(Licence, DATA, Licence.model_validate(DATA))
    cache.write(tmp_path)
    assert ModelCache.read(tmp_path).get(Licence, DATA) is not None
    stored = pickle.loads((tmp_path / FILE).read_bytes())
    (tmp_path / FILE).write_bytes(pickle.dumps({**stored, "code": "another version of content/"}))
    assert ModelCache.read(tmp_path).get(Licence, DATA) is None


def test_a_guide_from_kept_models_equals_one_validated_afresh(tmp_path: Path) -> None:
    root = Path(shutil.copytree(MINIMAL, tmp_path / "guide"))
    cold = RememberedWarnings.read(tmp_path / "cache")
    first = load_guide(root, parse_cache=cold.parse_cache)
    cold.write()
    warm = RememberedWarnings.read(tmp_path / "cache")
    assert warm.parse_cache.models is not None
    assert load_guide(root, parse_cache=warm.parse_cache) == first == load_guide(root)
    assert as_data(first) == first.model_dump()
