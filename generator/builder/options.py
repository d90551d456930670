"""What `guidegen build` was asked to do. Kept free of heavy imports, so the command can
decide that nothing needs building before it loads pydantic, Jinja or any engine."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from ..common.template_files import overrides_digest
from ..errors import UsageError
from .settings import DEFAULT_TIME_LIMIT, jobs_to_use, source_date_epoch, time_limit

ALL_OUTPUTS = ("site", "pdf", "offline")

__all__ = ["ALL_OUTPUTS", "BuildOptions"]


@dataclass(frozen=True)
class BuildOptions:
    out: Path | None = None
    only: tuple[str, ...] | None = None
    jobs: int | None = None
    quiet: bool = False
    verbose: bool = False
    time_limit: float = DEFAULT_TIME_LIMIT
    audience: str = "facilitators"  # or "participants": see content/audience.py
    force: bool = False  # make every output from scratch, reusing nothing from the last build
    notes: tuple[str, ...] = ()  # said before the build starts (e.g. --jobs was capped)
    # Fork nothing: MkDocs runs in this process and PDF workers are started fresh. For callers
    # that have threads of their own (the live preview): a fork copies only the calling thread.
    in_process: bool = False
    engine: str | None = None  # the website engine; None: engine: in site_config.yml

    def request(self, root: Path | None = None) -> str:
        """What was asked for, as far as it changes the outputs; with the guide's folder, also
        its own templates (builder/cache.py hashes the package's templates and content/)."""
        asked = ",".join(self.only) if self.only else "outputs from site_config.yml"
        asked = f"{asked}, engine {self.engine}" if self.engine else asked
        asked = f"{asked};templates={overrides_digest(root)}" if root is not None else asked
        return asked if self.audience == "facilitators" else f"{asked}; for {self.audience}"

    def output_folder(self, root: Path) -> Path:
        """build/, or build-participants/ for the participants' guide (so both can be kept)."""
        default = "build" if self.audience == "facilitators" else f"build-{self.audience}"
        return (self.out or root / default).resolve()

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> BuildOptions:
        only = None
        if args.only:
            only = tuple(part.strip() for part in args.only.split(",") if part.strip())
            unknown = [part for part in only if part not in ALL_OUTPUTS]
            if unknown:
                raise UsageError(f"--only takes {', '.join(ALL_OUTPUTS)}; not {', '.join(unknown)}")
        jobs, note = jobs_to_use(args.jobs, getattr(args, "force_jobs", False))
        source_date_epoch()  # checked now, read where it is used
        old_flag = getattr(args, "old_audience", None)  # --edition, the flag's old name
        audience = getattr(args, "audience", None) or old_flag or "facilitators"
        renamed = f"--edition is now called --audience: use --audience {audience}" if old_flag else ""
        return cls(
            out=args.out,
            only=only,
            jobs=jobs,
            quiet=args.quiet,
            verbose=args.verbose,
            time_limit=time_limit(),
            force=getattr(args, "force", False),
            notes=tuple(text for text in (note, renamed) if text),
            engine=getattr(args, "engine", None),
            audience=audience,
        )
