"""What one build knows while it runs, and the report it gives at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.model import Guide
from .cache import Manifest, link_same, reuse
from .options import BuildOptions
from .progress import Progress


@dataclass
class BuildReport:
    out: Path
    built: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    remade: list[str] = field(default_factory=list)  # cached outputs found changed since, made again
    sections: tuple[int, int] = (0, 0)  # booklet sections laid out again, of all its sections
    seconds: float = 0.0

    def summary(self) -> str:
        made = _describe(self.built, self.sections) or "nothing new"
        kept = f"; reused {_describe(self.reused)}" if self.reused else ""
        remade = ""
        if self.remade:
            remade = f" Made again because they had changed since the last build: {', '.join(self.remade)}."
        return f"Built {made}{kept}. Output in {self.out} ({self.seconds:.1f} s).{remade}"


def _describe(items: list[str], sections: tuple[int, int] = (0, 0)) -> str:
    """['a.pdf', 'guide.pdf', 'the website'] -> '2 PDFs (the booklet: 1 of its 9 sections laid out,
    the rest reused), the website'."""
    pdfs = [item for item in items if item.endswith(".pdf")]
    others = [item for item in items if not item.endswith(".pdf")]
    parts = [f"{len(pdfs)} PDF{'s' if len(pdfs) != 1 else ''}"] if pdfs else []
    laid_out, total = sections
    if "guide.pdf" in pdfs and total:
        if laid_out == total:
            parts[0] += f" (the booklet: all {total} sections laid out)"
        else:
            parts[0] += f" (the booklet: {laid_out} of its {total} sections laid out, the rest reused)"
    return ", ".join(parts + others)


@dataclass
class BuildRun:
    """State of one build: where to write, what the last build had, what happened."""

    guide: Guide
    staging: Path
    previous_out: Path
    previous: Manifest
    manifest: Manifest
    report: BuildReport
    progress: Progress
    options: BuildOptions

    def reused(self, name: str, key: str, dest: Path) -> bool:
        """Record output `name`'s key; copy it from the last build to dest if that key matches."""
        self.manifest.keys[name] = key
        if self.options.force:  # --force: every output from scratch
            return False
        if reuse(self.previous, self.previous_out, name, key, dest):
            return True
        if name in self.previous.damaged:
            self.report.remade.append(name)
            self.progress.step(f"{name} in {self.previous_out} had changed since the last build: making it again")
        return False

    def linked_from_last(self, path: Path, data: bytes) -> bool:
        """True when path (in the staging folder) now links the last build's file of the same
        name and bytes; False: the caller writes it."""
        if self.options.force:
            return False
        return link_same(self.previous, self.previous_out, path.relative_to(self.staging).as_posix(), data, path)
