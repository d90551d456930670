"""The website to publish: the last successful build, if it still matches the guide."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..builder.cache import Manifest, inputs_digest
from ..builder.record import BuildRecord

SITE = "site"  # build/site/: the hosted website (the offline copy lives only in the zip)


class PublishError(Exception):
    """Publishing cannot go ahead; the message says why and what to do (exit code 2)."""


@dataclass(frozen=True)
class BuiltSite:
    root: Path  # the guide
    folder: Path  # build/site
    inputs: str  # the hash of everything the build was made from

    def files(self) -> list[str]:
        """Every file of the site, relative to it, in a stable order."""
        return sorted(p.relative_to(self.folder).as_posix() for p in self.folder.rglob("*") if p.is_file())


def last_build(root: Path, out: Path) -> BuiltSite:
    """build/site of the last successful build; refuse a missing, stale or offline-only one."""
    manifest, record = Manifest.read(out), BuildRecord.read(out)
    if not manifest.inputs or record is None:
        raise PublishError(f"there is no finished build in {out} to publish: run `guidegen build` first")
    if SITE not in record.outputs or not (out / SITE / "index.html").is_file():
        raise PublishError(
            "the last build made no website (only " + ", ".join(record.outputs) + "); the offline copy is made "
            "for opening from a USB stick and cannot be hosted. Run `guidegen build` (with the site), then publish"
        )
    if inputs_digest(root, record.request) != manifest.inputs:
        raise PublishError(
            "the guide has changed since the last successful build (or the last build failed), so build/ is "
            "out of date: run `guidegen build`, fix anything it reports, then publish again (with the same "
            "SOURCE_DATE_EPOCH, if the build had one)"
        )
    missing = [name for name in ("404.html", "sitemap.xml") if not (out / SITE / name).is_file()]
    if missing:
        raise PublishError(f"{out / SITE} has no {' or '.join(missing)}: run `guidegen build --force`, then publish")
    return BuiltSite(root, out / SITE, manifest.inputs)


def _git(root: Path, *args: str) -> str | None:
    """A read-only git command in the guide's folder (never refreshing its index); None if it fails."""
    try:
        done = subprocess.run(
            ["git", "--no-optional-locks", "-C", str(root), *args], capture_output=True, text=True, timeout=30
        )
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def guide_version(site: BuiltSite) -> str:
    """What names this version of the guide: `git describe` where the guide is in git, and its hash."""
    described = _git(site.root, "describe", "--always", "--tags")
    if not described:
        return f"content {site.inputs[:12]}"
    dirty = "-dirty" if _git(site.root, "status", "--porcelain", "--untracked-files=no") else ""
    return f"git {described}{dirty}, content {site.inputs[:12]}"
