"""Bad environment variables and options: exit 2 and a sentence naming the setting (issue 14)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import Run  # type: ignore[import-not-found]
from fault_checks import assert_plain  # type: ignore[import-not-found]

BAD_VALUES = ["abc", "0", "-1", "nan", "inf", "99999999999", "1e400", " "]


@pytest.mark.parametrize("value", BAD_VALUES[:-1])
def test_bad_source_date_epoch_is_named(cli: Run, guide: Path, value: str) -> None:
    result = cli("build", "--guide", guide, env={"SOURCE_DATE_EPOCH": value})
    assert_plain(result, 2, "SOURCE_DATE_EPOCH", "git log -1 --format=%ct")
    assert not (guide / "build").exists()


@pytest.mark.parametrize("value", BAD_VALUES[:-1])
def test_bad_time_limit_is_named(cli: Run, guide: Path, value: str) -> None:
    result = cli("build", "--guide", guide, env={"GUIDEGEN_TIME_LIMIT": value})
    output = assert_plain(result, 2, "GUIDEGEN_TIME_LIMIT", "seconds one PDF may take")
    assert "skills.yml" not in output and "long words" not in output  # not blamed on the content


def test_bad_settings_stop_serve_too(cli: Run, guide: Path) -> None:
    result = cli("serve", "--guide", guide, "--port", "0", env={"GUIDEGEN_TIME_LIMIT": "nan"}, timeout=60)
    assert_plain(result, 2, "GUIDEGEN_TIME_LIMIT")


@pytest.mark.parametrize("args", [["--jobs", "0"], ["--jobs", "-3"], ["--only", "epub"], ["--jobs", "many"]])
def test_bad_options_exit_2(cli: Run, guide: Path, args: list[str]) -> None:
    assert_plain(cli("build", "--guide", guide, *args), 2)


def test_out_inside_content_is_refused(cli: Run, guide: Path) -> None:
    result = cli("build", "--guide", guide, "--out", guide / "content" / "assets" / "out")
    assert_plain(result, 2, "--out cannot be inside", "content")
    assert not (guide / "content" / "assets" / "out").exists()


def test_out_that_is_the_guide_is_refused(cli: Run, guide: Path) -> None:
    before = sorted(p.name for p in guide.iterdir())
    assert_plain(cli("build", "--guide", guide, "--out", guide), 2, "holds the guide itself")
    assert_plain(cli("build", "--guide", guide, "--out", guide.parent), 2, "holds the guide itself")
    assert sorted(p.name for p in guide.iterdir()) == before


def test_out_that_is_a_file_is_refused(cli: Run, guide: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder\n")
    assert_plain(cli("build", "--guide", guide, "--out", blocker), 2, "is a file, not a folder", str(blocker))
    assert_plain(cli("build", "--guide", guide, "--out", blocker / "deeper"), 2, "is a file, not a folder")
    assert blocker.read_text() == "not a folder\n"


def test_missing_guide_folder(cli: Run, tmp_path: Path) -> None:
    for command in ("check", "build"):
        result = cli(command, "--guide", tmp_path / "nowhere")
        assert result.returncode in (1, 2)
        assert_plain(result, result.returncode, "nowhere")


# --- files the user running guidegen may not read ---
# Root reads everything, so these run guidegen in a user namespace (`unshare --user`): the same
# files, but without root's right to ignore permissions.


@pytest.fixture
def without_root() -> list[str]:
    if os.geteuid() != 0:
        return []  # an ordinary user already meets permissions
    if shutil.which("unshare") is None:
        pytest.skip("running as root and `unshare` is missing, so permissions cannot be tested here")
    probe = subprocess.run(["unshare", "--user", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"running as root and user namespaces are not allowed here: {probe.stderr.strip()}")
    return ["unshare", "--user"]


def test_unreadable_content_file_is_named_by_check_and_build(cli: Run, guide: Path, without_root: list[str]) -> None:
    page = guide / "content" / "pages" / "first-page.md"
    page.chmod(0o000)
    for command in ("check", "build"):
        result = cli(command, "--guide", guide, wrapper=without_root)
        assert_plain(result, 1, "first-page.md", "read")
    assert not (guide / "build").exists()


def test_unreadable_content_folder_is_named(cli: Run, guide: Path, without_root: list[str]) -> None:
    folder = guide / "content" / "activities"
    folder.chmod(0o000)
    try:
        for command in ("check", "build"):
            assert_plain(cli(command, "--guide", guide, wrapper=without_root), 1, "activities")
    finally:
        folder.chmod(0o755)


def test_out_without_write_permission(cli: Run, guide: Path, tmp_path: Path, without_root: list[str]) -> None:
    out = tmp_path / "locked"
    out.mkdir()
    out.chmod(0o555)
    result = cli("build", "--guide", guide, "--out", out, "--only", "site", wrapper=without_root)
    assert_plain(result, 2, str(out), "--out")
    assert list(out.iterdir()) == []


def test_jobs_are_capped_at_the_cores_with_a_note() -> None:
    from generator.builder.settings import available_cores, jobs_to_use

    cores = available_cores()
    assert jobs_to_use(None, False) == (None, "")
    assert jobs_to_use(cores, False) == (cores, "")
    jobs, note = jobs_to_use(1000, False)
    assert jobs == cores and "not 1000" in note and "--force-jobs" in note
    assert jobs_to_use(1000, True) == (1000, "")


@pytest.mark.slow
def test_many_jobs_build_with_a_note(cli: Run, guide: Path) -> None:
    result = cli("build", "--guide", guide, "--only", "pdf", "--jobs", "1000", "--quiet")
    assert result.returncode == 0, result.stderr
    assert "not 1000" in result.stderr and "--force-jobs" in result.stderr


@pytest.mark.slow
def test_out_whose_parent_is_read_only_is_filled_in_place(
    cli: Run, guide: Path, tmp_path: Path, without_root: list[str]
) -> None:
    """A build folder someone made for us in a folder we may not change (e.g. /srv/www/guide)."""
    parent = tmp_path / "srv"
    out = parent / "guide"
    out.mkdir(parents=True)
    parent.chmod(0o555)
    try:
        for _ in range(2):
            result = cli("build", "--guide", guide, "--out", out, "--only", "site", "--quiet", wrapper=without_root)
            assert result.returncode == 0, result.stderr
            (guide / "content" / "pages" / "first-page.md").write_text(
                (guide / "content" / "pages" / "first-page.md").read_text() + "\nMore.\n"
            )
        assert (out / "site" / "index.html").is_file()
        assert sorted(p.name for p in parent.iterdir()) == ["guide"]
    finally:
        parent.chmod(0o755)


def test_a_file_name_that_is_not_utf8_is_a_content_problem(cli: Run, guide: Path) -> None:
    """Files unpacked from an old zip can have names in another encoding."""
    os.close(os.open(os.fsencode(guide / "content" / "assets") + b"/caf\xe9.png", os.O_CREAT | os.O_WRONLY))
    for command in ("check", "build"):
        assert_plain(cli(command, "--guide", guide), 1, "content/assets/caf", "file name: is not written in UTF-8")
