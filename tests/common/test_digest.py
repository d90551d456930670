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


def _rglob_digest(*folders: Path) -> str:
    """The digest as it was first written, Path by Path: kept here as the judge, so that caches
    made before the quicker walk stay valid (every output's key depends on it)."""
    import hashlib
    import os

    h = hashlib.sha256()
    for index, folder in enumerate(folders):
        if not folder.exists():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(f"{index}:".encode() + os.fsencode(path.relative_to(folder).as_posix()) + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def test_the_walk_gives_the_digest_rglob_gave(tmp_path: Path) -> None:
    """Names that sort differently as strings and as parts ("a-b" and "a/x"), hidden files,
    links to a file (counted) and to a folder (not followed), a broken link, __pycache__, and
    names in another script: the same digest as the Path-by-Path walk."""
    tree = tmp_path / "tree"
    for name in ("a/x.txt", "a-b", "a.b/c", ".hidden", "b/__pycache__/m.pyc", "b/deep/er/f.md", "اردو/متن.md"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text(name, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("elsewhere", encoding="utf-8")
    (tree / "linked.txt").symlink_to(outside / "secret.txt")
    (tree / "linked-folder").symlink_to(outside, target_is_directory=True)
    (tree / "broken").symlink_to(tmp_path / "nowhere")
    other = tmp_path / "other"
    (other / "z").mkdir(parents=True)
    (other / "z" / "1").write_bytes(b"\x00\xff")

    assert digest_tree(tree, other, tmp_path / "missing") == _rglob_digest(tree, other, tmp_path / "missing")
    assert digest_tree(tree) != digest_tree(other)
