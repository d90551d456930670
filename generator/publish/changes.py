"""What publishing would change: files added, changed and removed, for progress and --dry-run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @classmethod
    def between(cls, new: Mapping[str, bytes | str], old: Mapping[str, bytes | str]) -> Changes:
        """new and old map each file (relative path) to its content or a hash of it."""
        changes = cls()
        for name in sorted(new):
            if name not in old:
                changes.added.append(name)
            elif old[name] != new[name]:
                changes.changed.append(name)
        changes.removed = sorted(set(old) - set(new))
        return changes

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        if not self:
            return "nothing has changed since the last time it was published"
        counts = [(self.added, "new"), (self.changed, "changed"), (self.removed, "removed")]
        return ", ".join(f"{len(files)} {word}" for files, word in counts if files) + " files"

    def listing(self) -> list[str]:
        """One line per file, like `git status --short`: A added, M changed, D removed."""
        marked = [("A", self.added), ("M", self.changed), ("D", self.removed)]
        return [f"  {mark} {name}" for mark, names in marked for name in names]
