"""The benchmark notes which code it measures and refuses figures whose code changed during
the run (benchmarks/codebase.py): an edit made while a long run went on once made a no-op
rebuild look 20 times slower."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def codebase(benchmark_script: Callable[[str], ModuleType]) -> ModuleType:
    return benchmark_script("codebase")


def test_the_code_is_the_package_the_builds_import(codebase: ModuleType) -> None:
    code = codebase.code_under_test({**os.environ, "PYTHONPATH": str(REPO)})
    assert code.root == REPO
    assert codebase.changed_since(code) is None


def test_an_edit_during_the_run_is_reported(codebase: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "generator").mkdir()
    (tmp_path / "templates").mkdir()
    module = tmp_path / "generator" / "cache.py"
    module.write_text("KEY = 1\n")
    before = codebase.Code(tmp_path, "abc1234", codebase._digest(tmp_path))
    (tmp_path / "generator" / "__pycache__").mkdir()
    (tmp_path / "generator" / "__pycache__" / "cache.cpython-311.pyc").write_bytes(b"compiled")
    assert codebase.changed_since(before) is None, "compiled files are not the code"
    module.write_text("KEY = 2\n")
    message = codebase.changed_since(before)
    assert message is not None and "changed during the run" in message and str(tmp_path) in message
