"""Digests (common/digest.py): the cache keys every output is reused by."""

from __future__ import annotations

from pathlib import Path

from generator.common.digest import digest_bytes, digest_tree


def test_parts_keep_their_boundaries() -> None:
    """Each part is length-prefixed: moving a letter from one part to the next changes the key."""
    assert digest_bytes("ab", "c") != digest_bytes("a", "bc")
    assert digest_bytes("ab", b"c") == digest_bytes(b"ab", "c")


def test_a_tree_is_keyed_by_relative_paths_and_bytes(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / "a.txt").write_text("words", encoding="utf-8")
    (two / "__pycache__").mkdir()
    (two / "__pycache__" / "x.pyc").write_bytes(b"compiled")  # left out: it changes on every run
    assert digest_tree(one) == digest_tree(two)  # where the tree lies does not count
    (two / "sub" / "a.txt").write_text("other words", encoding="utf-8")
    assert digest_tree(one) != digest_tree(two)
    assert digest_tree(tmp_path / "missing") == digest_tree()
