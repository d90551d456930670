"""`guidegen publish github-actions`: a workflow GitHub's schema accepts, that checks and deploys."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def workflow(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    guide = tmp_path / "guide"
    shutil.copytree(SAMPLES / "minimal", guide)
    assert main(["publish", "github-actions", "--guide", str(guide)]) == 0
    path = guide / ".github" / "workflows" / "guidegen.yml"
    assert f"Wrote {path}" in capsys.readouterr().out
    return path


def test_github_schema_accepts_the_workflow(workflow: Path) -> None:
    """GitHub's workflow schema (vendored in check-jsonschema), and that every job has a time limit."""
    for schema in ("vendor.github-workflows", "custom.github-workflows-require-timeout"):
        done = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(workflow)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_check_job_on_pull_requests_and_a_deploy_job_on_the_default_branch(workflow: Path) -> None:
    data = yaml.safe_load(workflow.read_text())
    triggers = data[True]  # PyYAML reads the key `on` as true
    assert "pull_request" in triggers and "push" in triggers
    jobs = data["jobs"]
    check_runs = [step.get("run", "") for step in jobs["check"]["steps"]]
    assert "guidegen check --format github" in check_runs
    assert "if" not in jobs["check"]  # runs on every pull request and push
    assert "github.event_name != 'pull_request'" in jobs["build"]["if"]
    assert "github.event.repository.default_branch" in jobs["build"]["if"]
    assert jobs["deploy"]["needs"] == "build" and jobs["build"]["needs"] == "check"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("actions/deploy-pages" in step.get("uses", "") for step in jobs["deploy"]["steps"])
    assert data["permissions"] == {"contents": "read"}  # no token with more than read access elsewhere


def test_a_workflow_guidegen_did_not_write_is_never_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(SAMPLES / "minimal", guide)
    path = guide / ".github" / "workflows" / "guidegen.yml"
    path.parent.mkdir(parents=True)
    path.write_text("name: ours\n")
    assert main(["publish", "github-actions", "--guide", str(guide)]) == 2
    assert "was not written by guidegen" in capsys.readouterr().err
    assert path.read_text() == "name: ours\n"


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    guide = tmp_path / "guide"
    shutil.copytree(SAMPLES / "minimal", guide)
    assert main(["publish", "github-actions", "--dry-run", "--guide", str(guide)]) == 0
    assert "Would write" in capsys.readouterr().out
    assert not (guide / ".github").exists()
