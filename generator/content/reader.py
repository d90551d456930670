"""Read a YAML or Markdown file safely, keeping line and column for every node.

ruamel.yaml (not PyYAML) because it reports duplicate keys and keeps positions.
Anchors and aliases are refused before anything is built from them, which also
defuses alias bombs; nesting depth is bounded before the recursive composer runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ProblemCollector

if TYPE_CHECKING:
    from ruamel.yaml.error import MarkedYAMLError

# ruamel.yaml is imported by the functions that parse (a fifth of a warm `guidegen check`'s
# imports, and a warm check takes every file's data from the parse cache, parsing nothing).

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20


class Unreadable(Exception):
    """The file could not be read; its problems are already in the collector."""


def read_text(path: Path, collector: ProblemCollector) -> str:
    """Bytes -> text, refusing huge files, invalid UTF-8 and files that are not files."""
    if path.is_symlink() or not path.is_file():
        collector.add(1, 1, "file", "is not an ordinary file (a link or a folder?); copy the real file here")
        raise Unreadable
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:  # e.g. no read permission: the editor's to fix, like any content problem
        reason = (error.strerror or "it cannot be read").lower()
        collector.add(1, 1, "file", f"cannot be read ({reason}); give your user read access, e.g. chmod u+r")
        raise Unreadable from None
    if len(data) > MAX_FILE_BYTES:
        collector.add(1, 1, "file", f"is larger than {MAX_FILE_BYTES // 1_000_000} MB; split it or remove pasted data")
        raise Unreadable
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a byte-order mark from some Windows editors: harmless, drop it
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        collector.add(line, 1, "file", "contains characters that are not UTF-8; save the file as UTF-8 in your editor")
        raise Unreadable from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    collector.lines = text.splitlines()
    return text


def _first_tab_indent(text: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return number
    return None


def _refuse_aliases_and_depth(text: str, collector: ProblemCollector, line_offset: int) -> None:
    """Scan parser events (cheap, non-recursive) before composing any nodes."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent

    depth = 0
    for event in YAML(typ="safe", pure=True).parse(text):  # no comment handling: faster, same events
        mark = event.start_mark
        where = (mark.line + 1 + line_offset, mark.column + 1)
        if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor):
            collector.add(*where, "yaml", "uses an anchor (&) or alias (*); write the value out in full instead")
            raise Unreadable
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                collector.add(*where, "yaml", f"is nested more than {MAX_DEPTH} levels deep; flatten it")
                raise Unreadable
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def parse_yaml(text: str, collector: ProblemCollector, line_offset: int = 0) -> Any:
    """Text -> CommentedMap/CommentedSeq with positions; problems go to the collector."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    tab_line = _first_tab_indent(text)
    if tab_line is not None:
        collector.add(tab_line + line_offset, 1, "yaml", "is indented with a tab; use spaces to indent YAML")
        raise Unreadable
    try:
        _refuse_aliases_and_depth(text, collector, line_offset)
        return YAML(typ="rt", pure=True).load(text)
    except MarkedYAMLError as exc:
        unclosed = "quoted scalar" in str(exc.context or "")
        mark = exc.context_mark if unclosed and exc.context_mark else exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        column = mark.column + 1 if mark else 1
        collector.add(line, column, "yaml", _plain_yaml_message(exc))
        raise Unreadable from None
    except (YAMLError, RecursionError, ValueError) as exc:
        collector.add(1 + line_offset, 1, "yaml", f"could not be read as YAML ({type(exc).__name__}); check the layout")
        raise Unreadable from None


def _plain_yaml_message(exc: MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    if "quoted scalar" in str(exc.context or ""):
        return "a quote opened here is never closed; add the closing quote mark"
    if "duplicate key" in problem or type(exc).__name__ == "DuplicateKeyError":
        return "this key appears twice; keep one of them"
    if "mapping values are not allowed" in problem:
        return "a value contains ': ' ; put the whole value in quotes"
    if "could not find expected ':'" in problem:
        return "a line is missing its ':' after the key, or a quote is not closed"
    if "found character" in problem and "cannot start any token" in problem:
        return "has a character YAML cannot start a value with; put the value in quotes"
    if "expected <block end>" in problem:
        return "the indentation does not line up; indent items under the same key by the same number of spaces"
    return f"is not valid YAML ({problem or 'syntax error'}); check quotes, colons and indentation"


def position(node: Any, loc: tuple[str | int, ...]) -> tuple[int, int]:
    """1-based (line, column) of the deepest node along loc that has a position."""
    if not isinstance(node, dict | list):  # not parsed (None, a scalar): ruamel's types need no import
        return 1, 1
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    line, column = 0, 0
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line, column = node.lc.key(part)
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, column = node.lc.item(part)
            node = node[part]
        elif isinstance(node, CommentedMap | CommentedSeq) and not (line or column):
            line, column = node.lc.line, node.lc.col
    if not (line or column) and isinstance(node, CommentedMap | CommentedSeq):
        line, column = node.lc.line, node.lc.col
    return line + 1, column + 1


def plain(node: Any) -> Any:
    """ruamel's position-carrying types -> plain dicts, lists and scalars for pydantic."""
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(item) for item in node]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node
