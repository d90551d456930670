"""Which code a benchmark measures, and whether it stayed the same for the whole run.

A long run takes hours; code edited meanwhile (in this folder, or in the folder the installed
package points to) mixes two versions into one table. That happened once: a no-op rebuild of a
100-activity guide took 3.7 s instead of 0.2 s, because the code's own hash (part of every
build's inputs) changed between the full build and the no-op. So a run notes the code it
measures before it starts and refuses figures whose code changed by its end.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PROBE = "import generator, pathlib; print(pathlib.Path(generator.__file__).resolve().parent.parent)"


@dataclass(frozen=True)
class Code:
    root: Path  # the folder whose generator/ the builds import
    commit: str  # its git commit, "+ changes" when the work tree differs from it
    digest: str  # of generator/ and templates/, file by file

    def describe(self) -> str:
        return f"{self.commit} (the generator package in {self.root})"


def code_under_test(env: dict[str, str] | None = None) -> Code:
    """The code `python -m generator` imports from the current folder with env."""
    found = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    root = Path(found.stdout.strip())
    return Code(root, _commit(root), _digest(root))


def changed_since(before: Code) -> str | None:
    """A sentence saying the code changed during the run, or None."""
    if _digest(before.root) == before.digest:
        return None
    return (
        f"the code in {before.root} changed during the run: its figures mix two versions of guidegen "
        "(run benchmarks from a folder nobody edits meanwhile, e.g. `git worktree add`)"
    )


def _commit(root: Path) -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    dirty = git("status", "--porcelain", "--", "generator", "templates")
    return f"{commit} + changes" if dirty else commit


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for folder in ("generator", "templates"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
