"""`guidegen check --format github|json`: problems for machines as well as people.

`github` prints GitHub Actions workflow commands, one line per problem, so each shows on its
line in a pull request; `json` is one document for other tools. Paths are relative to the
guide, as in every message.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_CONTENT, EXIT_OK, ContentError, Problem

if TYPE_CHECKING:
    from ..content.loader import Sources
    from ..content.model import Guide

FORMATS = ("text", "github", "json")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: Problem, level: str) -> str:
    """`::error file=...,line=...,col=...,title=...::message` (level: error or warning)."""
    props = f"file={_escape_property(problem.path)},line={problem.line},col={problem.column}"
    title = _escape_property(f"guidegen: {problem.field}")
    return f"::{level} {props},title={title}::{_escape_data(f'{problem.field}: {problem.message}')}"


def github_report(errors: Sequence[Problem], warnings: Sequence[Problem]) -> str:
    lines = [github_line(p, "error") for p in errors] + [github_line(p, "warning") for p in warnings]
    return "\n".join(lines)


def _as_dict(problem: Problem, severity: str) -> dict[str, object]:
    return {
        "severity": severity,
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "field": problem.field,
        "message": problem.message,
        "source_line": problem.source_line,
    }


def json_report(errors: Sequence[Problem], warnings: Sequence[Problem]) -> str:
    problems = [_as_dict(p, "error") for p in errors] + [_as_dict(p, "warning") for p in warnings]
    return json.dumps({"ok": not errors, "problems": problems}, indent=1, ensure_ascii=False)


def publishing_notes(root: Path, loaded: tuple[Guide, Sources] | None = None) -> list[Problem]:
    """Warnings that matter only for publishing (site_url); `check --strict` does not count them.

    loaded: the guide and its field sources when the caller has just checked it (loading a
    100-activity guide again was a third of `check`'s time)."""
    from .address import address_problem

    if loaded is None:
        from ..content.loader import load_guide
        from .remembered import RememberedWarnings, cache_folder

        sources: Sources = {}
        parsed = RememberedWarnings.read(cache_folder(root)).parse_cache
        loaded = load_guide(root, field_sources=sources, parse_cache=parsed), sources
    problem = address_problem(*loaded)
    return [problem] if problem else []


def machine_check(root: Path, fmt: str, strict: bool) -> tuple[str, int]:
    """(report, exit code) of `guidegen check --format github|json`: errors, warnings and notes."""
    from . import check_guide

    sources: Sources = {}
    try:
        guide, warnings = check_guide(root, sources=sources)
        errors: list[Problem] = []
        notes = publishing_notes(root, (guide, sources))
    except ContentError as error:
        errors, warnings, notes = list(error.problems), [], []
    failed = bool(errors) or (strict and bool(warnings))
    if strict:
        errors, warnings = errors + warnings, notes
    else:
        warnings = warnings + notes
    report = github_report(errors, warnings) if fmt == "github" else json_report(errors, warnings)
    return report, EXIT_CONTENT if failed else EXIT_OK
