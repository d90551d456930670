"""The guidegen command. Exit codes: 0 ok, 1 content errors, 2 usage errors.

Heavy libraries (WeasyPrint, MkDocs) are imported inside the commands that need them,
so `guidegen check` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import ContentError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guidegen",
        description="Build a peer-leadership guide (website, fillable PDF handouts, offline zip) "
        "from Markdown and YAML in content/.",
    )
    parser.add_argument("--version", action="version", version=f"guidegen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="check the content and report every problem",
        description="Read content/ and site_config.yml and report every problem with file:line.",
    )
    _guide_argument(check)

    build = commands.add_parser(
        "build",
        help="build the website, PDFs and offline zip into build/",
        description="Check the content, then build the outputs into build/. "
        "The previous build is replaced only when everything succeeded.",
    )
    _guide_argument(build)
    build.add_argument("--out", type=Path, default=None, help="output folder (default: build/ inside the guide)")
    build.add_argument(
        "--only",
        default=None,
        metavar="PARTS",
        help="comma-separated outputs to build: site,pdf,offline (default: those in site_config.yml)",
    )
    build.add_argument(
        "--jobs", type=int, default=None, metavar="N", help="PDF worker processes (default: number of cores)"
    )
    build.add_argument("--quiet", action="store_true", help="print only errors and the final line")
    build.add_argument("--verbose", action="store_true", help="print every step")
    return parser


def _guide_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--guide",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="folder holding site_config.yml and content/ (default: current folder)",
    )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "build":
            return _build(args)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except Exception:
        import traceback

        traceback.print_exc()
        print(
            "guidegen stopped because of an internal error: this is a bug in guidegen, not a problem with "
            "your content. The previous build was left as it was. Please report the details above.",
            file=sys.stderr,
        )
        return EXIT_BUG
    return EXIT_USAGE


def _check(args: argparse.Namespace) -> int:
    from .load import load_guide

    guide = load_guide(args.guide)
    counts = [(len(guide.pages), "page"), (len(guide.skills), "skill"), (len(guide.activities), "activity")]
    print("OK: " + ", ".join(_plural(n, noun) for n, noun in counts))
    return EXIT_OK


def _plural(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def _build(args: argparse.Namespace) -> int:
    from .build import BuildOptions, UsageError, build

    try:
        options = BuildOptions.from_args(args)
    except UsageError as error:
        print(f"guidegen build: {error}", file=sys.stderr)
        return EXIT_USAGE
    report = build(args.guide, options)
    print(report.summary())
    return EXIT_OK
