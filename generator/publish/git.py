"""`guidegen publish git --remote URL --branch gh-pages`: the website as one commit on a branch.

Like `mkdocs gh-deploy`, but the guide's own folder is never touched: the commit is made in a
temporary repository, with the built site as its work tree and a temporary index, on top of the
branch's last commit (so the branch keeps its history), then pushed. `.nojekyll` tells GitHub
Pages to serve the files as they are. Uses the git command, which editors who publish to a git
host have already; credentials are git's own business (SSH keys, a credential helper).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from .changes import Changes
from .source import BuiltSite, PublishError

NOJEKYLL = ".nojekyll"
NETWORK_SECONDS = 600


class _Git:
    """git commands against one temporary bare repository."""

    def __init__(self, repo: Path, work_tree: Path) -> None:
        git = shutil.which("git")
        if git is None:
            raise PublishError("publishing to a git branch needs the `git` command: install git, then try again")
        self.git, self.work_tree = git, work_tree
        self.env = {**os.environ, "GIT_DIR": str(repo), "GIT_WORK_TREE": str(work_tree)}
        self.env["GIT_INDEX_FILE"] = str(repo / "guidegen-index")
        self.env.setdefault("GIT_TERMINAL_PROMPT", "0")  # never wait for a password nobody sees
        bare = {key: value for key, value in self.env.items() if key != "GIT_WORK_TREE"}
        subprocess.run([git, "init", "--quiet", "--bare", str(repo)], env=bare, capture_output=True, check=True)

    def __call__(self, *args: str, stdin: str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [self.git, *args],
            cwd=self.work_tree,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=NETWORK_SECONDS,
            check=False,
        )
        if check and done.returncode != 0:
            raise PublishError(f"`git {args[0]}` failed: {(done.stderr or done.stdout).strip()}")
        return done

    def out(self, *args: str, stdin: str | None = None) -> str:
        return self(*args, stdin=stdin).stdout.strip()


def publish_git(
    site: BuiltSite, remote: str, branch: str, message: str, *, dry_run: bool, say: Callable[[str], None]
) -> Changes:
    """Commit the site (with .nojekyll) on top of remote's branch and push it; dry_run only says what changes."""
    if Path(remote).exists():  # a local repository: git runs in the site's folder, so not relative
        remote = str(Path(remote).resolve())
    with tempfile.TemporaryDirectory(prefix="guidegen-publish-") as tmp:
        git = _Git(Path(tmp), site.folder)
        say(f"Fetching branch {branch} of {remote}")
        parent = _fetch(git, remote, branch)
        tree = _site_tree(git)
        changes = Changes.between(_files(git, tree), _files(git, parent) if parent else {})
        say(f"Publishing {site.folder} to branch {branch} of {remote}: {changes.summary()}")
        if dry_run:
            for line in changes.listing():
                say(line)
            return changes
        if not changes:
            return changes
        _identity(git)
        commit = git.out("commit-tree", tree, *(["-p", parent] if parent else []), "-m", message)
        say(f"Pushing commit {commit[:12]}")
        git("push", "--quiet", remote, f"{commit}:refs/heads/{branch}")
        return changes


def _fetch(git: _Git, remote: str, branch: str) -> str | None:
    """The branch's last commit, fetched into the temporary repository; None for a new branch."""
    listed = git("ls-remote", "--heads", remote, f"refs/heads/{branch}", check=False)
    if listed.returncode != 0:
        raise PublishError(f"cannot reach the git remote {remote}: {listed.stderr.strip()}")
    if not listed.stdout.strip():
        return None
    git("fetch", "--quiet", "--depth=1", remote, f"refs/heads/{branch}")
    return git.out("rev-parse", "FETCH_HEAD")


def _site_tree(git: _Git) -> str:
    """The built site plus an empty .nojekyll, as a git tree."""
    git("add", "--all", "--force", ".")
    blob = git.out("hash-object", "-w", "--stdin", stdin="")
    git("update-index", "--add", "--cacheinfo", f"100644,{blob},{NOJEKYLL}")
    return git.out("write-tree")


def _files(git: _Git, treeish: str) -> Mapping[str, str]:
    """Each file of a tree or commit and its blob id."""
    listing = git.out("ls-tree", "-r", "-z", treeish) if treeish else ""
    files = {}
    for entry in filter(None, listing.split("\0")):
        meta, name = entry.split("\t", 1)
        files[name] = meta.split()[2]
    return files


def _identity(git: _Git) -> None:
    """Commits need an author: the editor's git identity if set, else 'guidegen'."""
    for key, config in (("NAME", "user.name"), ("EMAIL", "user.email")):
        if git("config", "--get", config, check=False).stdout.strip():
            continue
        value = "guidegen" if key == "NAME" else "guidegen@localhost"
        git.env.setdefault(f"GIT_AUTHOR_{key}", value)
        git.env.setdefault(f"GIT_COMMITTER_{key}", value)
