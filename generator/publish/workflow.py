"""`guidegen publish github-actions`: a workflow that checks, builds and publishes the guide on GitHub.

GitHub builds the guide itself and deploys it with its own Pages actions, so no token ever
passes through guidegen. Every pull request and push runs `guidegen check --format github`,
which puts each problem on the changed line of the pull request; a push to the default branch
then builds and publishes. The file is written once; a later run replaces it only if guidegen
wrote it (its first line says so).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import __version__
from .source import PublishError

WORKFLOW = Path(".github/workflows/guidegen.yml")
HEADER = "# Written by `guidegen publish github-actions`."
PYTHON = "3.11"
# What WeasyPrint needs from Ubuntu (its documentation's list for Ubuntu 20.04 and later).
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"

TEMPLATE = """{header} Commit it; then in the repository's
# Settings -> Pages, set "Source" to "GitHub Actions".
# Pull requests: `guidegen check` marks each problem on its line. The default branch: the guide is
# checked, built and published to GitHub Pages. No token passes through guidegen.
name: Guide

on:
  pull_request:
  push:
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: guide-${{{{ github.ref }}}}
  cancel-in-progress: ${{{{ github.event_name == 'pull_request' }}}}  # never stop a deployment half-way

jobs:
  check:
    name: Check the content
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "{python}"
      - name: Install guidegen
        run: python -m pip install "{install}"
      - name: Check
        run: guidegen check --format github

  build:
    name: Build the guide
    needs: check
    if: github.event_name != 'pull_request' && github.ref_name == github.event.repository.default_branch
    runs-on: ubuntu-latest
    timeout-minutes: 60
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "{python}"
      - name: Install guidegen and what WeasyPrint needs
        run: |
          sudo apt-get update
          sudo apt-get install --yes {packages}
          python -m pip install "{install}"
      - name: Build
        run: |
          export SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"
          guidegen build --only site,pdf
      - uses: actions/configure-pages@v5
      - uses: actions/upload-pages-artifact@v3
        with:
          path: build/site

  deploy:
    name: Publish to GitHub Pages
    needs: build
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""


def workflow_text(install: str) -> str:
    if any(char in install for char in '"\n\\$`'):
        raise PublishError("--install takes a pip requirement without quotes, backslashes, $ or backticks")
    return TEMPLATE.format(header=HEADER, python=PYTHON, install=install, packages=SYSTEM_PACKAGES)


def default_install() -> str:
    return f"guidegen=={__version__}"


def write_workflow(root: Path, install: str, *, dry_run: bool, say: Callable[[str], None]) -> Path:
    """Write root/.github/workflows/guidegen.yml (never over a workflow guidegen did not write)."""
    path = root / WORKFLOW
    text = workflow_text(install)
    if path.exists() and not path.read_text(encoding="utf-8").startswith(HEADER):
        raise PublishError(f"{path} exists and was not written by guidegen: move it away or choose another name")
    state = "unchanged" if path.exists() and path.read_text(encoding="utf-8") == text else "written"
    if dry_run:
        say(f"Would write {path} ({'no change' if state == 'unchanged' else 'new or changed'}):")
        say(text)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    say(f"Wrote {path} ({state}).")
    return path
