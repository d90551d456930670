"""The digests of reused outputs: read once per build when verified, never trusted across builds
or for a file written during the build."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

import generator.builder.cache as cache
from generator.builder.cache import Manifest, copy_verified


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file whose bytes are read for a digest."""
    read: list[Path] = []
    real = cache.file_digest

    def counted(path: Path) -> str:
        read.append(path)
        return real(path)

    monkeypatch.setattr(cache, "file_digest", counted)
    monkeypatch.setattr(cache, "KNOWN_DIGESTS", cache.KNOWN_DIGESTS.__class__())
    return read


def old_file(path: Path, data: bytes) -> Path:
    """A file as the last build left it: written a minute ago."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    past = time.time_ns() - 60_000_000_000
    os.utime(path, ns=(past, past))
    return path


def test_an_unchanged_old_file_is_read_once_per_build(tmp_path: Path, reads: list[Path]) -> None:
    path = old_file(tmp_path / "a.pdf", b"%PDF one")
    cache.KNOWN_DIGESTS.begin()
    assert cache.KNOWN_DIGESTS.digest(path) == hashlib.sha256(b"%PDF one").hexdigest()
    assert cache.KNOWN_DIGESTS.digest(path) == hashlib.sha256(b"%PDF one").hexdigest()
    assert reads == [path]
    cache.KNOWN_DIGESTS.begin()  # the next build reads it again
    cache.KNOWN_DIGESTS.digest(path)
    assert reads == [path, path]


def test_a_file_written_during_the_build_or_changed_is_always_read(tmp_path: Path, reads: list[Path]) -> None:
    cache.KNOWN_DIGESTS.begin()
    new = tmp_path / "new.pdf"
    new.write_bytes(b"%PDF new")
    cache.KNOWN_DIGESTS.digest(new)
    cache.KNOWN_DIGESTS.digest(new)
    assert reads == [new, new]
    old = old_file(tmp_path / "old.pdf", b"%PDF old")
    assert cache.KNOWN_DIGESTS.digest(old) == hashlib.sha256(b"%PDF old").hexdigest()
    old.unlink()
    old_file(old, b"%PDF 2nd")  # replaced (same size, another time)
    assert cache.KNOWN_DIGESTS.digest(old) == hashlib.sha256(b"%PDF 2nd").hexdigest()


def test_without_a_build_nothing_is_remembered(tmp_path: Path, reads: list[Path]) -> None:
    path = old_file(tmp_path / "a.pdf", b"%PDF one")
    cache.KNOWN_DIGESTS.digest(path)
    cache.KNOWN_DIGESTS.digest(path)
    assert reads == [path, path]


def test_a_reused_output_is_hashed_once_for_its_check_and_the_manifest(tmp_path: Path, reads: list[Path]) -> None:
    last, staging = tmp_path / "build", tmp_path / "staging"
    part = old_file(last / "parts" / "a.pdf", b"%PDF part")
    previous = Manifest(files={"parts/a.pdf": (part.stat().st_size, hashlib.sha256(b"%PDF part").hexdigest())})
    cache.KNOWN_DIGESTS.begin()
    assert copy_verified(previous, last, "parts", staging / "parts")
    made = Manifest()
    made.record_files(staging)
    assert made.files == previous.files
    assert len(reads) == 1
