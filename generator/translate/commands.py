"""The `guidegen translate` command and `guidegen new translation`, kept out of cli.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..common.arguments import guide_argument
from ..errors import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, counted


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    translate = commands.add_parser(
        "translate",
        help="translators' tools: status, export and import of a translation",
        description="See how far each translation has got, and move its words in and out of a PO file "
        "for a translation tool (Poedit, Weblate, a CAT tool).",
    )
    actions = translate.add_subparsers(dest="action", required=True, metavar="ACTION")
    status = actions.add_parser("status", help="items and words translated, stale and missing, per language")
    status.add_argument("language", nargs="?", default=None, help="one language (default: every one)")
    guide_argument(status)
    export = actions.add_parser("export", help="write every translatable text of a language to one PO file")
    export.add_argument("language", help="the language, e.g. cy")
    export.add_argument("--format", choices=("po", "xliff"), default="po", help="file format (default: po)")
    export.add_argument(
        "--interface",
        action="store_true",
        help="the interface's words (headings, buttons, tooltips) instead of the guide's texts; "
        "`translate import` writes them to content/translations/LANG/interface.po",
    )
    export.add_argument("-o", "--output", type=Path, default=None, help="file to write (default: print it)")
    guide_argument(export)
    bring = actions.add_parser(
        "import", help="write a translated PO file (the guide's texts or its interface) into content/translations/"
    )
    bring.add_argument("language", help="the language, e.g. cy")
    bring.add_argument("file", type=Path, help="the PO file (or XLIFF 1.2: a name ending .xlf or .xliff)")
    guide_argument(bring)


def run(args: argparse.Namespace) -> int:
    """`guidegen translate ...`; content problems raise ContentError for cli.main to report."""
    from ..content.loader import load_guide

    guide = load_guide(args.guide)
    languages = [t.language for t in guide.config.translations]
    wanted = [args.language] if getattr(args, "language", None) else languages
    unknown = [lang for lang in wanted if lang not in languages]
    if unknown or not wanted:
        listed = ", ".join(languages) or "none yet"
        print(
            f"guidegen translate: {', '.join(unknown) or 'no language'} is not under translations: in "
            f"site_config.yml (it lists: {listed}); `guidegen new translation LANG` adds one",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.action == "status":
        from .status import status_table

        print("\n\n".join(status_table(guide, lang) for lang in wanted))
        return EXIT_OK
    if args.action == "export":
        return _export(guide, args)
    return _import(guide, args)


def _export(guide: Any, args: argparse.Namespace) -> int:
    from .interface import export_interface
    from .po import export_po
    from .xliff import export_xliff

    if args.interface and args.format != "po":
        print("guidegen translate export: --interface writes a PO file only; leave out --format", file=sys.stderr)
        return EXIT_USAGE
    if args.interface:
        text, what = export_interface(guide, args.language), "every word of the interface"
    elif args.format == "xliff":
        text, what = export_xliff(guide, args.language), "every text of the guide"
    else:
        text, what = export_po(guide, args.language), "every text of the guide"
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote {args.output}: {what} with its {args.language} translation.")
    return EXIT_OK


def _import(guide: Any, args: argparse.Namespace) -> int:
    from .po import import_po

    if not args.file.is_file():
        print(f"guidegen translate import: {args.file} is not a file", file=sys.stderr)
        return EXIT_USAGE
    from ..errors import ContentError

    try:
        written = import_po(guide, args.language, args.file)
    except ContentError as error:
        for problem in error.problems:
            print(problem.render(), file=sys.stderr)
        print(f"Found {counted(len(error.problems), 'problem')} in {args.file}. Nothing was changed.", file=sys.stderr)
        return EXIT_CONTENT
    for path in written:
        print(f"Wrote {path}")
    print(f"Imported {args.file}: {counted(len(written), 'file')} changed. Run guidegen check to see what is left.")
    return EXIT_OK


def new_translation(args: argparse.Namespace) -> int:
    from .scaffold import TranslationScaffoldError
    from .scaffold import new_translation as make

    try:
        made = make(args.guide, args.language)
    except TranslationScaffoldError as error:
        print(f"guidegen new translation: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Made {made[0]} and added {args.language} to translations: in {made[1]}.")
    print(f"Next: guidegen translate export {args.language} -o {args.language}.po")
    return EXIT_OK
