"""The guidegen command. Exit codes: 0 ok, 1 content errors, 2 usage errors.

Heavy libraries (WeasyPrint, MkDocs) are imported inside the commands that need them,
so `guidegen check` stays fast.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from types import FrameType

from . import __version__
from .common.arguments import guide_argument
from .errors import EXIT_BUG, EXIT_CONTENT, EXIT_OK, EXIT_STOPPED, EXIT_USAGE, ContentError, JoinError, UsageError

# Signals that mean "stop": Ctrl+C; `kill`, `timeout`, `docker stop` and CI; a closed terminal.
STOP_SIGNALS = {signal.SIGINT: "Ctrl+C", signal.SIGTERM: "SIGTERM", signal.SIGHUP: "SIGHUP"}
# The same as model.HANDOUT_KINDS (a test keeps them equal); repeated so --help needs no pydantic.
HANDOUT_KINDS = ("three-circles", "questions", "checklist", "table")


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
        description="Read content/ and site_config.yml and report every problem with file:line, "
        "then warnings about wording, images without alternative text and hard-to-read text.",
    )
    guide_argument(check)
    check.add_argument("--strict", action="store_true", help="treat warnings as problems (exit 1 if there are any)")
    check.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help="text for people (default); github: GitHub Actions annotations, one line per problem; json",
    )

    build = commands.add_parser(
        "build",
        help="build the website, PDFs and offline zip into build/",
        description="Check the content, then build the outputs into build/. "
        "The previous build is replaced only when everything succeeded.",
    )
    guide_argument(build)
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
    build.add_argument(
        "--audience",
        choices=("facilitators", "participants"),
        default=None,
        help="who the guide is for: facilitators (default): everything; participants: no facilitator notes, "
        "session packs, planner or booklet, written to build-participants/ unless --out is given",
    )
    # The flag's old name, still read so existing scripts keep working; the build says to use --audience.
    build.add_argument(
        "--edition", dest="old_audience", choices=("facilitators", "participants"), default=None, help=argparse.SUPPRESS
    )
    build.add_argument(
        "--force", action="store_true", help="build every output from scratch, reusing nothing from the last build"
    )
    build.add_argument(
        "--force-jobs", action="store_true", help="allow --jobs above the number of cores (each worker needs ~70 MB)"
    )
    build.add_argument("-q", "--quiet", action="store_true", help="print only errors and the final line")
    build.add_argument("-v", "--verbose", action="store_true", help="print every step")
    build.add_argument(
        "--engine",
        choices=("mkdocs", "zensical"),
        default=None,
        help="website engine (default: engine: in site_config.yml, else mkdocs)",
    )
    _scaffold_parsers(commands)
    _serve_parser(commands)
    from .translate.commands import add_parsers as translate_parsers

    translate_parsers(commands)

    from .publish.command import add_parser as add_publish_parser

    add_publish_parser(commands)
    return parser


def _serve_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve",
        help="preview the website in your browser while you edit",
        description="Build the website and show it at http://127.0.0.1:8000/ (on this computer only). "
        "When you save a change to content/, templates/ or site_config.yml the preview is rebuilt and "
        "the page in your browser updates by itself; if the content has a mistake, the browser lists "
        "each problem with its file and line until you fix it. PDF handouts are made in the background. "
        "The guide can be edited in forms at http://127.0.0.1:8000/admin/ (see the README's 'Editing in "
        "your browser'). Nothing in build/ is changed. Press Ctrl+C to stop.",
    )
    guide_argument(serve)
    serve.add_argument(
        "--port", type=int, default=8000, metavar="N", help="port to use (default: 8000; 0 picks a free one)"
    )
    serve.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="keep the preview's files here, so the next start is quicker (default: a temporary folder)",
    )
    serve.add_argument("--no-pdfs", action="store_true", help="do not make PDF handouts while previewing")


def _scaffold_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = commands.add_parser(
        "new",
        help="start a new activity or page from a commented example",
        description="Write a new file with example text and notes in the right folder. "
        "Its id comes from the title; an existing file is never overwritten.",
    )
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    activity = kinds.add_parser(
        "activity", help="a new file in content/activities/", description="Start a new activity."
    )
    activity.add_argument("title", help='the activity\'s title, in quotes, e.g. "Sharing out the role"')
    activity.add_argument("--handout", choices=HANDOUT_KINDS, default=None, help="add a handout of this kind")
    guide_argument(activity)
    page = kinds.add_parser("page", help="a new file in content/pages/", description="Start a new page.")
    page.add_argument("title", help='the page\'s title, in quotes, e.g. "Looking after yourself"')
    for sub in (activity, page):
        sub.add_argument(
            "--id",
            default=None,
            help="the id (and file name), e.g. --id sharing-the-role; made from the title if not given",
        )
    guide_argument(page)
    session = kinds.add_parser(
        "session", help="a new file in content/sessions/", description="Start a new session plan."
    )
    session.add_argument("title", help='the session\'s title, in quotes, e.g. "Our first meeting"')
    guide_argument(session)
    easy_read = kinds.add_parser(
        "easy-read",
        help="a new file in content/easy-read/: the Easy Read version of a page",
        description="Start the Easy Read version of a page: short points with pictures, and hard words.",
    )
    easy_read.add_argument("page", help="the page's id (e.g. if-someone-is-in-crisis), home, or activity:ID")
    guide_argument(easy_read)
    translation = kinds.add_parser(
        "translation",
        help="a folder for a translation, in content/translations/",
        description="Make content/translations/LANG/ and add LANG to translations: in site_config.yml.",
    )
    translation.add_argument("language", help="the language code, e.g. cy")
    guide_argument(translation)

    init = commands.add_parser(
        "init",
        help="start a new guide for your organisation in an empty folder",
        description="Write settings, a home page, one page, two skills, one activity, the UK support contacts "
        "(each marked to check) and a README for editors into DIR, which must be new or empty.",
    )
    init.add_argument("dir", type=Path, metavar="DIR", help="the folder to create the guide in")
    init.add_argument("--title", default="Our peer support guide", help="the guide's title")
    init.add_argument("--organisation", default="Our peer support group", help="who publishes the guide")


class Stopped(KeyboardInterrupt):
    """A stop signal arrived: unwinds like Ctrl+C, so every `finally` cleans up (staging, workers)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Stopped(STOP_SIGNALS.get(signal.Signals(signum), str(signum)))


def _handle_stop_signals() -> None:
    """SIGTERM and SIGHUP stop a build as Ctrl+C does. SIGINT is set too: a shell that starts a
    command in the background makes it ignore SIGINT. Only the main thread may set handlers."""
    for number in STOP_SIGNALS:
        signal.signal(number, _stop)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Set here, once, before any thread starts: Material prints an end-of-life notice on
    # import unless this is set, and editors should not be alarmed by it on each build.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        _handle_stop_signals()
        if args.command == "check":
            return _check(args)
        if args.command == "build":
            return _build(args)
        if args.command in ("new", "init"):
            return _scaffold(args)
        if args.command == "serve":
            return _serve(args)
        if args.command == "translate":
            from .translate.commands import run as translate

            return translate(args)

        if args.command == "publish":
            from .publish.command import run as publish

            return publish(args)
    except UsageError as error:  # the command line, a folder, a setting: said once, for every command
        print(f"guidegen {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_CONTENT
    except JoinError as error:  # usually the guide's own PDF templates: the message says what to change
        print(f"guidegen {args.command}: {error}. The previous build was left as it was.", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt as stopped:
        _stop_quietly()
        print(_stopped_message(args.command, stopped), file=sys.stderr)
        return EXIT_STOPPED
    except OSError as error:
        return _machine_fault(error, args)
    except RuntimeError as error:  # a child process's OSError arrives as text
        from .faults import from_child

        child_error = from_child(error)
        if child_error is None:
            return _bug()
        return _machine_fault(child_error, args)
    except Exception:
        return _bug()
    return EXIT_USAGE


def _machine_fault(error: OSError, args: argparse.Namespace) -> int:
    """A full disk, a read-only folder, an unreadable file: a plain sentence, exit 1 or 2."""
    from .faults import explain

    root = getattr(args, "guide", Path("."))
    out = None
    if args.command == "build":
        out = (args.out or root / "build").absolute()
    fault = explain(error, root, out)
    print(f"guidegen {args.command}: {fault.message}", file=sys.stderr)
    return fault.exit_code


def _bug() -> int:
    """Called inside an except block: the traceback is the one being handled."""
    import traceback

    traceback.print_exc()
    print(
        "guidegen stopped because of an internal error: this is a bug in guidegen, not a problem with "
        "your content. The previous build was left as it was. Please report the details above.",
        file=sys.stderr,
    )
    return EXIT_BUG


def _stop_quietly() -> None:
    """A second signal while we report the first should not print a traceback."""
    for number in STOP_SIGNALS:
        signal.signal(number, signal.SIG_IGN)


def _stopped_message(command: str, stopped: KeyboardInterrupt) -> str:
    if command != "build":
        return "Stopped."
    name = stopped.name if isinstance(stopped, Stopped) else "Ctrl+C"
    return f"Stopped by {name}: the build did not finish, and the previous build was left as it was."


def _check(args: argparse.Namespace) -> int:
    from .builder.settings import check_guide_folder
    from .checks import check_guide
    from .checks.formats import machine_check, publishing_notes
    from .content.loader import Sources

    check_guide_folder(args.guide)
    if args.format != "text":
        report, code = machine_check(args.guide, args.format, args.strict)
        print(report)
        return code
    sources: Sources = {}
    guide, warnings = check_guide(args.guide, sources=sources)
    out = sys.stderr if args.strict and warnings else sys.stdout
    for warning in warnings:
        print(warning.render(), file=out)
    if args.strict and warnings:
        print(
            f"Found {_plural(len(warnings), 'warning')}; with --strict they count as problems. "
            "Fix the lines above and try again.",
            file=out,
        )
        return EXIT_CONTENT
    if guide.config.translations:
        from .checks import translation_notes

        for note in translation_notes(guide):
            print(note.render())
    counts = [(len(guide.pages), "page"), (len(guide.skills), "skill"), (len(guide.activities), "activity")]
    counts.append((len(warnings), "warning"))
    print("OK: " + ", ".join(_plural(n, noun) for n, noun in counts))
    for note in publishing_notes(args.guide, (guide, sources)):  # only for publishing: --strict does not count them
        print(f"Before publishing: {note.render()}", file=sys.stderr)
    return EXIT_OK


def _plural(count: int, noun: str) -> str:
    from .errors import counted

    return counted(count, noun)


def _build(args: argparse.Namespace) -> int:
    from .builder.options import BuildOptions
    from .builder.settings import check_guide_folder, check_output_folder

    check_guide_folder(args.guide)
    options = BuildOptions.from_args(args)
    out = options.output_folder(args.guide.resolve())
    check_output_folder(args.guide, out)
    for note in options.notes:
        print(note, file=sys.stderr)
    if not args.force and _nothing_changed(args.guide, out, options.request(args.guide.resolve())):
        print(f"Nothing has changed since the last build; {out} is up to date. (--force builds again.)")
        return EXIT_OK
    from .builder.pipeline import build

    report = build(args.guide, options)
    print(report.summary())
    return EXIT_OK


def _nothing_changed(root: Path, out: Path, request: str) -> bool:
    from .builder.cache import up_to_date

    return up_to_date(root.resolve(), out, request)


def _serve(args: argparse.Namespace) -> int:
    from .builder.settings import check_environment
    from .preview.serve import ServeOptions, serve

    if not 0 <= args.port <= 65535:
        print("guidegen serve: --port takes a whole number from 0 to 65535", file=sys.stderr)
        return EXIT_USAGE
    check_environment()
    serve(ServeOptions(guide=args.guide, port=args.port, out=args.out, pdfs=not args.no_pdfs))
    return EXIT_OK


def _scaffold(args: argparse.Namespace) -> int:
    from . import scaffold

    if args.command == "new" and args.kind == "translation":
        from .translate.commands import new_translation

        return new_translation(args)
    if args.command == "init":
        written = scaffold.init_guide(args.dir, args.title, args.organisation)
        print(f"Started a new guide in {args.dir} ({_plural(len(written), 'file')}). Read its README.md, then run:")
        print(f"  guidegen check --guide {args.dir}")
        return EXIT_OK
    if args.kind == "activity":
        path = scaffold.new_activity(args.guide, args.title, args.handout, args.id)
    elif args.kind == "session":
        path = scaffold.new_session(args.guide, args.title)
    elif args.kind == "easy-read":
        path = scaffold.new_easy_read(args.guide, args.page)
    else:
        path = scaffold.new_page(args.guide, args.title, args.id)
    print(f"Wrote {path}. Replace the example text, then run: guidegen check")
    return EXIT_OK
