"""Text an editor wrote, with code and link targets blanked out, and a way back to file:line.

Every check reads a Prose and reports through Prose.problem(), so all of them point at the
line and column where the words are, whether they came from a page or a YAML field.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..content.loader import FieldSource
from ..content.model import Page
from ..content.problem_text import field_label
from ..content.reader import position
from ..errors import Problem

CODE_SPAN = re.compile(r"(`+).+?(?<!`)\1(?!`)", re.DOTALL)
LINK_TARGET = re.compile(r"(?<=\])\([^)]*\)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:.*$", re.MULTILINE)
AUTOLINK = re.compile(r"<[a-z][a-z0-9+.-]*:[^>\s]*>", re.IGNORECASE)
BARE_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
BLOCK_INDICATOR = re.compile(r"[|>][-+0-9]*(?:\s|$)")
TOKEN = re.compile(r"\S+")

Anchor = tuple[int, int, int]  # (offset in the text, line, column) where a run of text starts


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """Replace each match with spaces (keeping line breaks), so offsets stay the same."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def mask_code(text: str) -> str:
    return _blank(_blank(text, HTML_COMMENT), CODE_SPAN)


def mask(text: str) -> str:
    """Code, link targets and web addresses blanked out: words there are not prose."""
    text = mask_code(text)
    for pattern in (REFERENCE_DEFINITION, LINK_TARGET, AUTOLINK, BARE_URL):
        text = _blank(text, pattern)
    return text


@dataclass(frozen=True)
class Prose:
    """One run of an editor's text: a page block (paragraph, heading, list item) or a YAML field."""

    path: str
    field: str
    raw: str
    anchors: tuple[Anchor, ...]
    lines: tuple[str, ...]

    @cached_property
    def text(self) -> str:
        """The words to check, same length as raw."""
        return mask(self.raw)

    def where(self, offset: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right([a[0] for a in self.anchors], offset) - 1)
        start, line, column = self.anchors[index]
        return line, column + max(0, offset - start)

    def problem(self, offset: int, message: str, field: str | None = None) -> Problem:
        line, column = self.where(offset)
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return Problem(self.path, line, column, field or self.field, message, source)


# ---------------------------------------------------------------- Markdown pages

FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
TABLE_ROW = re.compile(r"^\s*\|")
BREAK = re.compile(r"^\s*(?:\|?\s*:?-{3,}.*|([-*_])(?:\s*\1){2,}\s*)$")  # table rule or horizontal rule


def _line_kinds(lines: list[str]) -> Iterator[str]:
    """'start' for a line that begins a block, 'more' for one that continues it, 'skip' otherwise."""
    fence = ""
    for line in lines:
        opener = FENCE.match(line)
        if fence or opener:
            if not fence and opener:
                fence = opener.group(1)
            elif opener and opener.group(1)[0] == fence[0]:
                fence = ""
            yield "skip"
        elif not line.strip() or BREAK.match(line):
            yield "skip"
        elif HEADING.match(line) or TABLE_ROW.match(line) or LIST_ITEM.match(line):
            yield "start"
        else:
            yield "more"


def _blocks(lines: list[str]) -> Iterator[list[int]]:
    """Indexes of the lines of each block; a heading, list item or table row starts a new one."""
    current: list[int] = []
    for index, kind in enumerate(_line_kinds(lines)):
        if kind != "more" and current:
            yield current
            current = []
        if kind != "skip":
            current.append(index)
    if current:
        yield current


def page_body(page: Page, source: FieldSource) -> list[Prose]:
    """The page's Markdown body as blocks; fenced code is left out."""
    lines = page.body.split("\n")
    blocks: list[Prose] = []
    for indexes in _blocks(lines):
        raw, anchors = "", []
        for index in indexes:
            anchors.append((len(raw), page.body_line + index, 1))
            raw += lines[index] + "\n"
        blocks.append(Prose(source.path, "body", raw.rstrip("\n"), tuple(anchors), source.lines))
    return blocks


# ---------------------------------------------------------------- YAML fields


def _value_start(node: Any, loc: tuple[str | int, ...]) -> tuple[int, int] | None:
    """0-based (line, column) where the value at loc starts in its file, if known."""
    for part in loc[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    last = loc[-1]
    if not isinstance(node, dict | list):  # not parsed: ruamel.yaml is imported only when a file is
        return None
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap) and last in node:
        line, column = node.lc.value(last)
        return int(line), int(column)
    if isinstance(node, CommentedSeq) and isinstance(last, int) and 0 <= last < len(node):
        line, column = node.lc.item(last)
        return int(line), int(column)
    return None


def _is_scalar_at(node: Any, loc: tuple[str | int, ...]) -> bool:
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(node, str)


def _source_tokens(lines: tuple[str, ...], line: int, column: int) -> Iterator[tuple[int, int]]:
    """1-based (line, column) of each word of a YAML value, in the file, from where it starts."""
    first = lines[line][column:] if line < len(lines) else ""
    if BLOCK_INDICATOR.match(first):  # '>-' or '|': the text starts on the next line
        line, column = line + 1, 0
    for number in range(line, len(lines)):
        start = column if number == line else 0
        for token in TOKEN.finditer(lines[number], start):
            quoted = number == line and token.start() == start and token.group(0)[0] in "\"'"
            yield number + 1, token.start() + 1 + int(quoted)


def field_prose(source: FieldSource, loc: tuple[str | int, ...], text: str) -> Prose:
    """A YAML field's text, with each of its words mapped back to where it is in the file."""
    full = (*source.prefix, *loc)
    if full[-1] == "text" and _is_scalar_at(source.node, full[:-1]):
        full = full[:-1]  # a step written as a plain line: its text is the item itself
    start = _value_start(source.node, full)
    if start is None:
        line, column = position(source.node, full)
        anchors: list[Anchor] = [(0, line + source.line_offset, column)]
    else:
        tokens = _source_tokens(source.lines, start[0] + source.line_offset, start[1])
        anchors = [(m.start(), ln, col) for m, (ln, col) in zip(TOKEN.finditer(text), tokens, strict=False)]
        anchors = anchors or [(0, start[0] + source.line_offset + 1, start[1] + 1)]
    return Prose(source.path, field_label(full), text, tuple(anchors), source.lines)
