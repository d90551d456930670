"""A rebuild's manifest takes the digest of a file linked from the last build, checked then,
instead of reading it again, unless the file may have changed since."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from generator.builder.cache import (
    WORKING_FOLDERS,
    Manifest,
    copy_verified,
    inputs_digest,
    link_same,
    regular_files,
    up_to_date,
)


def _last_build(tmp_path: Path) -> tuple[Path, Manifest]:
    out = tmp_path / "build"
    (out / "site").mkdir(parents=True)
    (out / "site" / "a.html").write_text("one", encoding="utf-8")
    (out / "site" / "b.html").write_text("two", encoding="utf-8")
    made = Manifest()
    made.record_files(out)
    made.write(out)
    return out, Manifest.read(out)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_linked_files_keep_their_checked_digest(tmp_path: Path) -> None:
    out, previous = _last_build(tmp_path)
    staging = tmp_path / "staging"
    assert copy_verified(previous, out, "site", staging / "site")
    assert len(previous.verified) == 2
    fresh = Manifest()
    fresh.record_files(staging, previous)
    assert fresh.files == previous.files


def test_a_file_changed_after_the_check_is_read_again(tmp_path: Path) -> None:
    out, previous = _last_build(tmp_path)
    staging = tmp_path / "staging"
    assert copy_verified(previous, out, "site", staging / "site")
    # Written through the link (which a build never does) and dated back: the size differs.
    target = staging / "site" / "a.html"
    stat = target.stat()
    target.write_text("ONE!", encoding="utf-8")
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    # The same size, but newer than the last build's manifest (dated so: the clock's ticks are coarse).
    (staging / "site" / "b.html").write_text("TWO", encoding="utf-8")
    later = previous.written_ns + 1_000_000_000
    os.utime(staging / "site" / "b.html", ns=(later, later))
    fresh = Manifest()
    fresh.record_files(staging, previous)
    assert fresh.files["site/a.html"] == (4, _sha("ONE!"))
    assert fresh.files["site/b.html"] == (3, _sha("TWO"))


def test_known_digest_is_given_only_for_an_untouched_linked_file(tmp_path: Path) -> None:
    out, previous = _last_build(tmp_path)
    staging = tmp_path / "staging"
    assert copy_verified(previous, out, "site", staging / "site")
    assert previous.known_digest(staging / "site" / "a.html") == _sha("one")
    later = previous.written_ns + 1_000_000_000
    os.utime(staging / "site" / "b.html", ns=(later, later))
    assert previous.known_digest(staging / "site" / "b.html") is None
    (staging / "other.html").write_text("one", encoding="utf-8")  # the same bytes, never checked
    assert previous.known_digest(staging / "other.html") is None


def test_a_file_with_the_last_builds_bytes_is_linked_from_it_and_checked(tmp_path: Path) -> None:
    out, previous = _last_build(tmp_path)
    staging = tmp_path / "staging"
    dest = staging / "site" / "a.html"
    assert link_same(previous, out, "site/a.html", b"one", dest)
    assert dest.stat().st_ino == (out / "site" / "a.html").stat().st_ino
    assert previous.known_digest(dest) == _sha("one")  # hashed once: neither the manifest nor the site reads it again
    # Other bytes, or a name the last build did not have: nothing is made, the caller writes it.
    assert not link_same(previous, out, "site/b.html", b"TWO", staging / "site" / "b.html")
    assert not link_same(previous, out, "site/c.html", b"one", staging / "site" / "c.html")
    assert sorted(p.name for p in (staging / "site").iterdir()) == ["a.html"]


def test_a_last_build_file_damaged_since_is_not_linked(tmp_path: Path) -> None:
    out, previous = _last_build(tmp_path)
    (out / "site" / "b.html").write_text("TWO", encoding="utf-8")  # the size it had, other bytes
    dest = tmp_path / "staging" / "site" / "b.html"
    assert not link_same(previous, out, "site/b.html", b"two", dest)
    assert not dest.exists()


def test_files_are_listed_in_path_order_with_links_left_out(tmp_path: Path) -> None:
    out, _ = _last_build(tmp_path)
    (out / "site-x").mkdir()
    (out / "site-x" / "c.html").write_text("three", encoding="utf-8")
    (out / "site" / "sub").mkdir()
    (out / "site" / "sub" / "d.html").write_text("four", encoding="utf-8")
    (out / "site" / "link.html").symlink_to(out / "site" / "a.html")
    (out / "linked-folder").symlink_to(out / "site")
    expected = [p.relative_to(out).as_posix() for p in sorted(out.rglob("*")) if p.is_file() and not p.is_symlink()]
    assert [rel for rel, _ in regular_files(out)] == expected
    assert expected.index("site/sub/d.html") < expected.index("site-x/c.html")  # part by part, not as text


def _spoil(out: Path, how: str) -> None:
    page = out / "site" / "a.html"
    if how == "missing":
        page.unlink()
    elif how == "folder":
        page.unlink()
        page.mkdir()
    elif how == "other size":
        page.write_text("three", encoding="utf-8")
        os.utime(page, ns=(0, 0))  # dated long before the manifest: the size alone tells
    elif how == "written after":  # the same size, newer than the manifest
        page.write_text("ONE", encoding="utf-8")
        later = Manifest.read(out).written_ns + 1_000_000_000
        os.utime(page, ns=(later, later))


@pytest.mark.parametrize("how", ["missing", "folder", "other size", "written after"])
def test_up_to_date_while_every_output_is_the_file_it_was_made(tmp_path: Path, how: str) -> None:
    root = tmp_path / "guide"
    (root / "content").mkdir(parents=True)
    (root / "site_config.yml").write_text("title: A guide\n", encoding="utf-8")
    out, made = _last_build(tmp_path)
    made.inputs = inputs_digest(root, "every output")
    made.write(out)
    assert up_to_date(root, out, "every output")
    assert not up_to_date(root, out, "the website only")  # asked for something else
    _spoil(out, how)
    assert not up_to_date(root, out, "every output")


def test_engine_versions_are_the_ones_importlib_metadata_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read from the dist-info folders' names (no importlib.metadata), the same string, so that
    caches made before stay valid; an engine that is not installed is "none"."""
    from importlib import metadata

    from generator import __version__
    from generator.builder import cache

    expected = ";".join(f"{name}={metadata.version(name)}" for name, _ in cache.ENGINES)
    cache.engine_versions.cache_clear()
    assert cache.engine_versions() == f"guidegen={__version__};{expected}"

    monkeypatch.setattr(cache, "ENGINES", (*cache.ENGINES, ("no-such-engine", "no_such_engine")))
    cache.engine_versions.cache_clear()
    try:
        assert cache.engine_versions().endswith(f"{expected};no-such-engine=none")
    finally:
        cache.engine_versions.cache_clear()


@pytest.mark.parametrize("folder", sorted(WORKING_FOLDERS))
def test_a_no_op_looks_at_what_readers_get_not_at_the_working_copies(tmp_path: Path, folder: str) -> None:
    """A damaged working copy does not stop a no-op (the build that reuses it checks its bytes:
    tests/faults/test_fault_cache.py); the same damage to a file readers get does."""
    root = tmp_path / "guide"
    (root / "content").mkdir(parents=True)
    out = tmp_path / "build"
    for name in (f"{folder}/part.pdf", "pdf/handout.pdf", f"site/{folder}/page.html"):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text("as made", encoding="utf-8")
    made = Manifest(inputs=inputs_digest(root, "every output"))
    made.record_files(out)
    made.write(out)
    assert up_to_date(root, out, "every output")

    (out / folder / "part.pdf").write_text("damaged", encoding="utf-8")
    assert up_to_date(root, out, "every output")
    (out / "site" / folder / "page.html").unlink()  # the same name deeper down is not a working copy
    assert not up_to_date(root, out, "every output")
