"""publish/changes.py: what publishing would change, as `--dry-run` and the progress report it."""

from __future__ import annotations

from generator.publish.changes import Changes


def test_files_added_changed_and_removed_are_each_listed_once_in_order() -> None:
    old = {"index.html": "a", "gone.html": "b", "same.css": "c"}
    new = {"new.html": "x", "index.html": "a2", "same.css": "c"}
    changes = Changes.between(new, old)
    assert (changes.added, changes.changed, changes.removed) == (["new.html"], ["index.html"], ["gone.html"])
    assert changes.summary() == "1 new, 1 changed, 1 removed files"
    assert changes.listing() == ["  A new.html", "  M index.html", "  D gone.html"]


def test_nothing_changed_is_false_and_says_so() -> None:
    changes = Changes.between({"index.html": b"a"}, {"index.html": b"a"})
    assert not changes
    assert changes.summary() == "nothing has changed since the last time it was published"
    assert changes.listing() == []
