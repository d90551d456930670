"""Every error type guidegen raises on purpose, in one place.

A ContentError is something the editor can fix (exit 1); a UsageError, a ScaffoldError or a
SiteBuildError is about the command line, the folders or the generated project (exit 2, or
reported as MkDocs' own words); anything else is a bug in guidegen (exit 3).

Each of them survives pickling (`__reduce__`), so a child process (builder/processes.py) can
send the error itself to its parent, which raises it as if it had happened there.
"""

from __future__ import annotations

from dataclasses import dataclass

# Exit codes of every command, defined here only: 0 ok, 1 a problem in the content the editor can
# fix, 2 the command line, the folders or the machine, 3 a bug in guidegen, 130 stopped (as a
# shell reports Ctrl+C, whichever signal stopped us).
EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_BUG, EXIT_STOPPED = 0, 1, 2, 3, 130


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str
    source_line: str = ""

    def __reduce__(self) -> tuple[type[Problem], tuple[str, int, int, str, str, str]]:
        return (Problem, (self.path, self.line, self.column, self.field, self.message, self.source_line))

    def render(self) -> str:
        head = f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"
        snippet = self.source_line.rstrip()
        if snippet:
            return f"{head}\n    | {snippet[:160]}"
        return head


def counted(count: int, noun: str) -> str:
    """'1 problem', '2 problems', '3 activities': every count the user reads agrees with its noun."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun[:-1] + 'ies' if noun.endswith('y') and noun[-2:-1] not in 'aeiou' else noun + 's'}"


class ContentError(Exception):
    """Raised with every problem found, so the editor sees them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def __reduce__(self) -> tuple[type[ContentError], tuple[list[Problem]]]:
        return (ContentError, (self.problems,))

    def report(self) -> str:
        lines = [p.render() for p in self.problems]
        lines.append(
            f"Found {counted(len(self.problems), 'problem')}. Nothing was built; fix the lines above and try again."
        )
        return "\n".join(lines)


class UsageError(ValueError):
    """The command line asked for something that cannot be done (exit code 2)."""

    def __reduce__(self) -> tuple[type[UsageError], tuple[str]]:
        return (type(self), (str(self),))


class ScaffoldError(UsageError):
    """A `guidegen new` or `init` request we cannot carry out, in words for the person who typed it."""


class SiteBuildError(Exception):
    """MkDocs refused to build the generated project; the message carries its warnings."""

    def __reduce__(self) -> tuple[type[SiteBuildError], tuple[str]]:
        return (type(self), (str(self),))


class JoinError(Exception):
    """A laid-out part of the booklet is not shaped as the join expects (pdf/join/shape.py):
    the message names the part, what was found and what the join needs (exit code 1: usually
    the guide's own PDF templates, e.g. a font that cannot draw the page numbers)."""

    def __reduce__(self) -> tuple[type[JoinError], tuple[str]]:
        return (type(self), (str(self),))


class ProblemCollector:
    """Collects problems for one source file, filling in its path and lines."""

    def __init__(self, path: str, text: str = "") -> None:
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    def add(self, line: int, column: int, field: str, message: str) -> None:
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        self.problems.append(Problem(self.path, line, column, field, message, source))
