"""The `guidegen publish` command line: where to, and what it printed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..common.arguments import guide_argument
from ..errors import EXIT_OK, EXIT_USAGE

DEFAULT_BRANCH = "gh-pages"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    publish = commands.add_parser(
        "publish",
        help="put the last build's website online: a folder, a git branch, or GitHub Actions",
        description="Publish the website of the last successful `guidegen build`. A build that no longer "
        "matches the content (you edited since, or the last build failed) is refused: build first.",
    )
    targets = publish.add_subparsers(dest="target", required=True, metavar="WHERE")
    folder = targets.add_parser(
        "folder",
        help="copy the website into a folder",
        description="Copy the website into DIR, for any "
        "web server or Netlify Drop. DIR is made to match the website exactly.",
    )
    folder.add_argument("dir", type=Path, metavar="DIR", help="a new or empty folder, or one published to before")
    git = targets.add_parser(
        "git",
        help="commit the website to a branch of a git remote (e.g. gh-pages)",
        description="Commit the website, with .nojekyll, to a branch of any git remote and push it. "
        "Your guide's own folder and git repository are not touched.",
    )
    git.add_argument("--remote", required=True, metavar="URL", help="the git remote, e.g. git@github.com:org/guide.git")
    git.add_argument("--branch", default=DEFAULT_BRANCH, help=f"the branch to publish to (default: {DEFAULT_BRANCH})")
    actions = targets.add_parser(
        "github-actions",
        help="write a GitHub Actions workflow that checks, builds and publishes the guide",
        description="Write .github/workflows/guidegen.yml: pull requests are checked (each problem shown on "
        "its line), and the default branch is built and published with GitHub Pages.",
    )
    actions.add_argument(
        "--install", default=None, metavar="REQUIREMENT", help="what pip installs (default: this version of guidegen)"
    )
    for parser in (folder, git, actions):
        guide_argument(parser)
        parser.add_argument(
            "--out", type=Path, default=None, metavar="DIR", help="the build folder (default: build/ inside the guide)"
        )
        parser.add_argument("--dry-run", action="store_true", help="only list what would change")


def _say(line: str) -> None:
    print(line, flush=True)


def run(args: argparse.Namespace) -> int:
    """Publish; exit 0, or 2 with the reason when it cannot (there is no content error here)."""
    from .source import PublishError

    try:
        return _publish(args)
    except PublishError as error:
        print(f"guidegen publish: {error}", file=sys.stderr)
        return EXIT_USAGE


def _publish(args: argparse.Namespace) -> int:
    from .source import last_build

    root = args.guide.resolve()
    if args.target == "github-actions":
        from .workflow import default_install, write_workflow

        write_workflow(root, args.install or default_install(), dry_run=args.dry_run, say=_say)
        return EXIT_OK
    _refuse_example_contact(root)  # before anything else: no build of such a guide is published
    site = last_build(root, (args.out or root / "build").resolve())
    address = _address(root)
    if args.target == "folder":
        from .folder import publish_folder

        publish_folder(site, args.dir, dry_run=args.dry_run, say=_say)
        where = str(args.dir.resolve())
    else:
        from .git import publish_git
        from .source import guide_version

        message = f"Publish the guide ({guide_version(site)})"
        publish_git(site, args.remote, args.branch, message, dry_run=args.dry_run, say=_say)
        where = f"branch {args.branch} of {args.remote}"
    if args.dry_run:
        _say(f"Dry run: nothing was changed in {where}.")
    else:
        _say(f"Published to {where}" + (f"; readers will find it at {address}" if address else "") + ".")
    return EXIT_OK


def _refuse_example_contact(root: Path) -> None:
    """A guide whose safeguarding contact is still the example is not published: readers would reach nobody."""
    from ..checks.examples import example_safeguarding
    from ..content.loader import Sources, load_guide
    from ..errors import ContentError
    from .source import PublishError

    sources: Sources = {}
    try:
        guide = load_guide(root, field_sources=sources)
    except ContentError:
        return  # content that does not load has no good build either: last_build says so
    problems = example_safeguarding(guide, sources)
    if problems:
        raise PublishError(
            f"{problems[0].render()}\nNothing was published. Fix site_config.yml, build again, then publish."
        )


def _address(root: Path) -> str:
    """The site_url, after printing a warning if it is missing or an example."""
    from ..checks.formats import publishing_notes
    from ..content.loader import load_guide

    for note in publishing_notes(root):
        print(f"Warning: {note.render()}", file=sys.stderr)
    url = load_guide(root).config.site_url
    return str(url) if url else ""
