"""One report format for every mistake an editor can make.

A ContentError is something the editor can fix; anything else is a bug in guidegen.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str
    source_line: str = ""

    def render(self) -> str:
        head = f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"
        snippet = self.source_line.rstrip()
        if snippet:
            return f"{head}\n    | {snippet[:160]}"
        return head


class ContentError(Exception):
    """Raised with every problem found, so the editor sees them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [p.render() for p in self.problems]
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines.append(f"Found {count} {noun}. Nothing was built; fix the lines above and try again.")
        return "\n".join(lines)


class ProblemCollector:
    """Collects problems for one source file, filling in its path and lines."""

    def __init__(self, path: str, text: str = "") -> None:
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    def add(self, line: int, column: int, field: str, message: str) -> None:
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        self.problems.append(Problem(self.path, line, column, field, message, source))
