"""The second website engine: Zensical, mkdocs-material's successor, on the same generated project.

Zensical reads mkdocs.yml, runs our Markdown extensions (the sanitiser among them) and Material's
templates through MiniJinja. What it does differently, and how guidegen meets it (see the README,
"Website engines"): it has no in-process build call, so it runs as a command; `site_dir` must lie
inside the project, so it builds there and the site is moved out; it leaves a `.cache/` folder,
which is removed; its warnings come on stderr in colour, so NO_COLOR is set. It ignores `hooks:`
and MkDocs' `validation:` without a word: the sanitiser marker check (common/sanitiser.py's check_sanitised)
is what proves the pages were cleaned.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from ..common.sanitiser import check_sanitised
from ..content.source_date import DEFAULT_EPOCH
from ..content.source_date import VARIABLE as SOURCE_DATE_VARIABLE
from ..errors import SiteBuildError, UsageError

VERSION = "0.0.73"  # the version that installs from the package index here (later ones need zensical-ui)
SECONDS = 600
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class EngineMissing(UsageError):
    """The engine asked for is not installed (an environment problem: exit code 2)."""


def require() -> None:
    """Refuse early, before anything is built, when Zensical is not installed."""
    if importlib.util.find_spec("zensical") is None:
        raise EngineMissing(
            "the website engine 'zensical' is not installed: run `pip install 'guidegen[zensical]'` "
            f"(Zensical {VERSION}), or build with the default engine (`--engine mkdocs`)"
        )


def run_zensical(config_file: Path, site_dir: Path) -> None:
    """`zensical build --strict` on the project, then its site moved to site_dir."""
    require()
    project = config_file.parent
    built = project / "site"  # mkdocs.yml's site_dir: Zensical refuses one outside the project
    shutil.rmtree(built, ignore_errors=True)
    env = {**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault(SOURCE_DATE_VARIABLE, str(DEFAULT_EPOCH))
    command = [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", config_file.name]
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=SECONDS)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    output = ANSI.sub("", done.stderr + done.stdout).strip()
    if done.returncode != 0 or not (built / "index.html").is_file():
        details = "\n".join(f"  {line}" for line in output.splitlines()) or f"  exit code {done.returncode}"
        raise SiteBuildError(f"Zensical could not build {config_file}:\n{details}")
    shutil.rmtree(site_dir, ignore_errors=True)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(built, site_dir)
    check_sanitised(site_dir, "Zensical")
