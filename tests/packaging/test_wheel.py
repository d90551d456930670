"""guidegen installs anywhere (issue 13): a wheel, installed into a new virtual environment
outside this repository, starts and builds a guide with no clone, and installing it prints
no deprecation warning."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
WARNING = re.compile(r"deprecat", re.IGNORECASE)
# What setuptools prints when it warns: a warning class by name, or its "!!" banner.
SETUPTOOLS_WARNING = re.compile(r"\w+Warning\b|!!")


def _run(*command: str | Path, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _source(dest: Path) -> Path:
    """What a wheel is made from, copied: setuptools writes build/ beside pyproject.toml, and
    build/ in this repository is the default guide's output folder."""
    dest.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, dest / name)
    shutil.copytree(REPO / "generator", dest / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def test_a_wheel_installed_elsewhere_builds_a_new_guide(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    # -v shows what setuptools prints while it builds: no deprecation warning may be among it.
    made = _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-v",
        "--no-deps",
        "-w",
        tmp_path / "dist",
        _source(tmp_path / "source"),
        cwd=tmp_path,
        env=env,
    )
    assert not WARNING.findall(made), [line for line in made.splitlines() if WARNING.search(line)]
    (wheel,) = (tmp_path / "dist").glob("guidegen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/templates/pdf/handout.html.j2" in names and "generator/py.typed" in names

    venv = tmp_path / "elsewhere" / "venv"
    # No pip of its own: copying one in (ensurepip) cost 5.5 s of CPU, and this environment's pip
    # installs the wheel and its dependencies into the new one all the same (as below).
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path, env=env)
    installed = _run(
        sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", wheel, cwd=tmp_path, env=env
    )
    assert not WARNING.findall(installed), [line for line in installed.splitlines() if WARNING.search(line)]
    where = _run(venv / "bin" / "python", "-c", "import generator; print(generator.__file__)", cwd=tmp_path, env=env)
    assert Path(where.strip()).is_relative_to(venv), where  # the installed copy, not this repository

    guidegen = venv / "bin" / "guidegen"
    _run(guidegen, "init", "our-guide", cwd=tmp_path / "elsewhere", env=env)
    _run(guidegen, "build", "--guide", "our-guide", cwd=tmp_path / "elsewhere", env=env)
    out = tmp_path / "elsewhere" / "our-guide" / "build"
    assert (out / "site" / "index.html").is_file()
    assert (out / "pdf" / "guide.pdf").is_file() and len(list((out / "pdf").glob("*.pdf"))) >= 2
    assert len(list(out.glob("*.zip"))) == 1


def test_an_editable_install_prints_no_warning(tmp_path: Path) -> None:
    """`make` installs the repository with `pip install -e .`: setuptools has nothing to warn about."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path, env=env)
    # This environment's pip (a recent one) installs into the new venv and shows the backend's output.
    said = _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        venv / "bin" / "python",
        "install",
        "--no-deps",
        "-e",
        _source(tmp_path / "source"),
        cwd=tmp_path,
        env=env,
    )
    assert "Successfully installed guidegen" in said, said
    assert not SETUPTOOLS_WARNING.findall(said), [line for line in said.splitlines() if SETUPTOOLS_WARNING.search(line)]
