"""Orchestration: load and validate, then render each output into a staging folder,
then swap it into place. Nothing under build/ changes unless every step succeeded.
"""

from __future__ import annotations

import argparse
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, Problem
from .load import load_guide
from .model import Guide
from .swap import staging_dir, swap_into_place

ALL_OUTPUTS = ("site", "pdf", "offline")


class UsageError(ValueError):
    """The command line asked for something that cannot be done (exit code 2)."""


@dataclass(frozen=True)
class BuildOptions:
    out: Path | None = None
    only: tuple[str, ...] | None = None
    jobs: int | None = None
    quiet: bool = False
    verbose: bool = False

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> BuildOptions:
        only = None
        if args.only:
            only = tuple(part.strip() for part in args.only.split(",") if part.strip())
            unknown = [part for part in only if part not in ALL_OUTPUTS]
            if unknown:
                raise UsageError(f"--only takes {', '.join(ALL_OUTPUTS)}; not {', '.join(unknown)}")
        if args.jobs is not None and args.jobs < 1:
            raise UsageError("--jobs takes a whole number of at least 1")
        return cls(out=args.out, only=only, jobs=args.jobs, quiet=args.quiet, verbose=args.verbose)


@dataclass
class BuildReport:
    out: Path
    built: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        made = ", ".join(self.built) if self.built else "nothing"
        return f"Built {made} into {self.out} in {self.seconds:.1f} s."


Log = Callable[[str], None]


def build(root: Path, options: BuildOptions, log: Log | None = None) -> BuildReport:
    """Build the outputs; raise ContentError (and leave build/ untouched) on any content problem."""
    started = time.perf_counter()
    say: Log = log or ((lambda _msg: None) if options.quiet else print)
    guide = load_guide(root)
    outputs = _outputs_to_build(guide, options)
    out = (options.out or guide.root / "build").resolve()
    report = BuildReport(out=out)
    staging = staging_dir(out)
    try:
        _render_all(guide, outputs, staging, report, say)
        swap_into_place(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def _outputs_to_build(guide: Guide, options: BuildOptions) -> tuple[str, ...]:
    wanted = options.only or guide.config.outputs
    if "offline" in wanted and "pdf" not in wanted and options.only is None:
        wanted = (*wanted, "pdf")  # the offline bundle carries the PDFs
    return tuple(name for name in ALL_OUTPUTS if name in wanted)


def _render_all(guide: Guide, outputs: tuple[str, ...], staging: Path, report: BuildReport, say: Log) -> None:
    pdf_dir = staging / "pdf"
    handouts: dict[str, str] | None = None
    if "pdf" in outputs or "offline" in outputs:
        say("Rendering PDF handouts and the booklet...")
        handouts = _render_pdfs(guide, pdf_dir)
        report.built.append(f"{len(handouts)} PDFs")
    if "site" in outputs:
        say("Building the website...")
        from .site import run_mkdocs, write_mkdocs_project

        config_file = write_mkdocs_project(guide, staging / "mkdocs", handouts=handouts, pdf_dir=pdf_dir)
        run_mkdocs(config_file, staging / "site")
        report.built.append("the website")
    if "offline" in outputs:
        say("Making the offline bundle...")
        from .offline import build_offline

        bundle = build_offline(guide, staging, handouts=handouts or {}, pdf_dir=pdf_dir)
        report.built.append(f"{bundle.name} ({bundle.stat().st_size / 1_000_000:.1f} MB)")
        say(f"Offline bundle: {bundle.name}, {bundle.stat().st_size / 1_000_000:.1f} MB")
    if "pdf" not in outputs:
        shutil.rmtree(pdf_dir, ignore_errors=True)


def _render_pdfs(guide: Guide, pdf_dir: Path) -> dict[str, str]:
    """Render every PDF; return activity id (and 'guide' for the booklet) -> file name."""
    from .pdf import build_pdfs

    written = build_pdfs(guide, pdf_dir)
    names = {path.name for path in written}
    handouts = {a.id: f"{a.id}.pdf" for a in guide.activities if f"{a.id}.pdf" in names}
    if "guide.pdf" in names:
        handouts["guide"] = "guide.pdf"
    if not handouts:
        raise ContentError([Problem("site_config.yml", 1, 1, "outputs", "no PDFs were made")])
    return handouts
