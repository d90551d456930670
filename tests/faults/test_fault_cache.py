"""A damaged cache: outputs of the last build are verified by content hash before they are
reused, and --force makes everything again (issue 14)."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import MINIMAL, Run, run_cli  # type: ignore[import-not-found]

pytestmark = pytest.mark.slow
HANDOUT = "circles.pdf"


def edit(guide: Path) -> None:
    page = guide / "content" / "pages" / "first-page.md"
    page.write_text(page.read_text() + "\nOne more line.\n")


def every_copy(out: Path, tmp_path: Path, name: str) -> list[Path]:
    """The handout in pdf/, in the website, and in the offline zip (extracted)."""
    copies = [out / "pdf" / name, *sorted((out / "site").rglob(name))]
    (zip_path,) = out.glob("*-offline.zip")
    extracted = tmp_path / f"zip-{time.monotonic_ns()}"
    with zipfile.ZipFile(zip_path) as bundle:
        for member in bundle.namelist():
            if member.endswith("/" + name):
                copies.append(Path(bundle.extract(member, extracted)))
    assert len(copies) >= 3, copies
    return copies


def assert_valid_everywhere(out: Path, tmp_path: Path, name: str) -> None:
    for path in every_copy(out, tmp_path, name):
        check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, f"{path}: {check.stdout}{check.stderr}"


def spoil(path: Path) -> None:
    """Same size, junk bytes: what a half-synced folder or a bad disk leaves."""
    size = path.stat().st_size
    path.unlink()  # a new file, so other hard links to the old one keep the good bytes
    path.write_bytes(b"junk" * (size // 4) + b"j" * (size % 4))


@dataclass(frozen=True)
class FirstBuild:
    guide: Path
    seconds: float  # how long the full build took (wall time, as a user waits for it)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> FirstBuild:
    """One real `guidegen build` of the minimal guide, made once: each test damages its own copy."""
    guide = Path(shutil.copytree(MINIMAL, tmp_path_factory.mktemp("first-build") / "guide"))
    started = time.monotonic()
    result = run_cli("build", "--guide", guide, "--quiet")
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    return FirstBuild(guide, seconds)


@pytest.fixture
def built(first_build: FirstBuild, tmp_path: Path) -> Path:
    """A private copy of the first build, guide and build/ as that build left them: `cp -a` keeps
    the hard links, symbolic links, modes and times (the cache trusts only content hashes)."""
    guide = tmp_path / "guide"
    subprocess.run(["cp", "-a", str(first_build.guide), str(guide)], check=True)
    return guide


def test_junk_pdf_is_made_again_after_an_edit(cli: Run, built: Path, tmp_path: Path) -> None:
    out = built / "build"
    spoil(out / "pdf" / HANDOUT)
    edit(built)
    result = cli("build", "--guide", built)
    assert result.returncode == 0, result.stderr
    assert f"pdf/{HANDOUT}" in result.stdout and "changed since the last build" in result.stdout
    assert_valid_everywhere(out, tmp_path, HANDOUT)


def test_junk_pdf_without_an_edit_is_not_up_to_date(cli: Run, built: Path, tmp_path: Path) -> None:
    spoil(built / "build" / "pdf" / HANDOUT)
    result = cli("build", "--guide", built)
    assert result.returncode == 0, result.stderr
    assert "Nothing has changed" not in result.stdout
    assert_valid_everywhere(built / "build", tmp_path, HANDOUT)


def test_force_rebuilds_every_output(cli: Run, built: Path, tmp_path: Path) -> None:
    out = built / "build"
    for copy in every_copy(out, tmp_path, HANDOUT)[:2]:
        spoil(copy)
    result = cli("build", "--guide", built, "--force")
    assert result.returncode == 0, result.stderr
    assert "reused" not in result.stdout.splitlines()[-1]
    assert_valid_everywhere(out, tmp_path, HANDOUT)


def test_junk_in_the_website_copy_is_made_again(cli: Run, built: Path, tmp_path: Path) -> None:
    out = built / "build"
    site_copy = next((out / "site").rglob(HANDOUT))
    spoil(site_copy)
    result = cli("build", "--guide", built)
    assert result.returncode == 0, result.stderr
    assert "site" in result.stdout and "changed since the last build" in result.stdout
    assert_valid_everywhere(out, tmp_path, HANDOUT)


@pytest.mark.parametrize("damage", ["missing", "folder", "link", "manifest"])
def test_missing_or_odd_cached_files_are_made_again(cli: Run, built: Path, tmp_path: Path, damage: str) -> None:
    out = built / "build"
    target = out / "pdf" / HANDOUT
    if damage == "missing":
        target.unlink()
    elif damage == "folder":
        target.unlink()
        target.mkdir()
    elif damage == "link":
        target.unlink()
        target.symlink_to("/etc/hostname")
    else:
        (out / ".guidegen-manifest.json").write_text("{not json")
    edit(built)
    result = cli("build", "--guide", built)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert target.is_file() and not target.is_symlink()
    assert_valid_everywhere(out, tmp_path, HANDOUT)


def test_manifest_records_a_hash_for_every_output(built: Path) -> None:
    out = built / "build"
    manifest = json.loads((out / ".guidegen-manifest.json").read_text())
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {".guidegen-manifest.json"}
    assert set(manifest["files"]) == files
    assert all(len(digest) == 64 for _, digest in manifest["files"].values())


def test_noop_rebuild_stays_fast(cli: Run, first_build: FirstBuild, built: Path) -> None:
    """The no-op rebuild of a copy of the first build, against that full build's time (the one
    full build of this file: a second, for this test alone, cost 10 s of CPU)."""
    full = first_build.seconds
    started = time.monotonic()
    result = cli("build", "--guide", built)
    noop = time.monotonic() - started
    assert "Nothing has changed" in result.stdout
    print(f"full build {full:.1f} s, no-op rebuild {noop:.2f} s ({100 * noop / full:.1f} %)")
    assert noop < 0.1 * full  # 3 % when the machine is quiet; shared CI cores make it noisier


def test_a_damaged_working_copy_is_made_again_when_it_is_next_needed(cli: Run, built: Path) -> None:
    """A no-op looks only at what readers get (builder/cache.py, WORKING_FOLDERS); a booklet part
    damaged in build/.booklet-parts is found by the next build that reuses it, and laid out again."""
    out = built / "build"
    part = next(path for path in sorted((out / ".booklet-parts").glob("activity-*.pdf")))
    spoil(part)
    assert "Nothing has changed" in cli("build", "--guide", built).stdout
    edit(built)  # a page: the activity's part is unchanged, so this build would reuse it
    result = cli("build", "--guide", built)
    assert result.returncode == 0, result.stderr
    assert "changed since the last build" in result.stdout
    for pdf in (part, out / "pdf" / "guide.pdf"):
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert check.returncode == 0, f"{pdf}: {check.stdout}{check.stderr}"
