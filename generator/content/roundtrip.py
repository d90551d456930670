"""Write an edited YAML or Markdown file back without losing what the editor did not change.

The browser editor sends the whole file again, written by its own YAML writer: comments gone,
keys in its own order, every string restyled. Writing that would throw away the editors'
notes in the file. So the new data is merged into the file as it is on disk (ruamel.yaml's
round-trip tree): a value that did not change keeps its node, with its comments, quoting and
folding; a changed value replaces only itself; keys and list items that went are removed, new
ones are added where the new data puts them. The result is read back and must be exactly the
data asked for, or nothing is written.
"""

from __future__ import annotations

import io
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

FRONT_MATTER = "---\n"


class MergeError(Exception):
    """The merged text does not read back as the data asked for (a bug, never written)."""


def split_front_matter(text: str) -> tuple[str | None, str]:
    """A Markdown file's front matter (without its `---` lines) and body; None if it has none."""
    text = text.replace("\r\n", "\n")
    if not text.startswith(FRONT_MATTER):
        return None, text
    end = text.find("\n---", len(FRONT_MATTER) - 1)
    if end < 0:
        return None, text
    after = text.find("\n", end + 1)
    body = "" if after < 0 else text[after + 1 :]
    return text[len(FRONT_MATTER) : end + 1], body


def join_front_matter(front: str, body: str) -> str:
    return f"{FRONT_MATTER}{front}---\n{body}"


def merge_yaml(old_text: str, new: Any) -> str:
    """old_text with new's data merged in; comments and layout of unchanged parts kept."""
    yaml = _yaml()
    old = yaml.load(old_text) if old_text.strip() else None
    merged = _merge(old, new)
    out = io.StringIO()
    yaml.dump(merged, out)
    text = out.getvalue()
    if not _matches(yaml.load(text), new):
        raise MergeError("the merged file does not read back as the edited data")
    return text


def merge_markdown(old_text: str, front: Any, body: str) -> str:
    """A page with its front matter merged (as merge_yaml) and its body replaced."""
    old_front, old_body = split_front_matter(old_text)
    if old_body.rstrip() == body.rstrip():
        body = old_body  # the editor's Markdown writer may add or drop a final newline
    if not body.endswith("\n"):
        body += "\n"
    return join_front_matter(merge_yaml(old_front or "", front), body)


def write_atomically(path: Path, content: str | bytes) -> None:
    """The whole new file or the old one, never half of one: a temporary file in the same
    folder (hidden, so the preview's watcher ignores it), flushed to disk, renamed over the old."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # untouched long lines stay on one line, as they were written
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_duplicate_keys = False
    return yaml


def _merge(old: Any, new: Any) -> Any:
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        return _merge_map(old, new)
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        return _merge_list(old, new)
    if _same(old, new):
        return old
    return _styled(old, new)


def _merge_map(old: CommentedMap, new: dict[str, Any]) -> CommentedMap:
    for key in [key for key in old if key not in new]:
        del old[key]
    previous: Any = None
    for key, value in new.items():
        if key in old:
            old[key] = _merge(old[key], value)
        else:
            at = list(old).index(previous) + 1 if previous in old else 0
            old.insert(at, key, _fresh(value))
            _comment_moves_down(old, previous, key)
        previous = key
    return old


def _comment_moves_down(node: CommentedMap, previous: Any, key: str) -> None:
    """Comment lines under `previous` introduce the key after it (ruamel keeps them with the key
    above): a key inserted between them goes above those lines, not below them."""
    comments = node.ca.items.get(previous)
    token = comments[2] if comments and len(comments) > 2 else None
    if token is not None and token.value.startswith("\n") and not any(comments[:2] + comments[3:]):
        del node.ca.items[previous]
        node.ca.items[key] = [None, None, token, None]


def _merge_list(old: CommentedSeq, new: list[Any]) -> CommentedSeq:
    for index, value in enumerate(new):
        if index < len(old):
            old[index] = _merge(old[index], value)
        else:
            old.append(_fresh(value))
    del old[len(new) :]
    return old


def _same(old: Any, new: Any) -> bool:
    """Equal as data: a date and the same date written as text are one value, and so are a
    shorthand the model accepts (a step as plain text, a language alone) and the one-field
    group the editor shows it as, so an untouched shorthand stays short."""
    if isinstance(old, date) and isinstance(new, str):
        return old.isoformat() == new
    if isinstance(old, str) and isinstance(new, dict) and len(new) == 1:
        return next(iter(new.values())) == old
    return (type(old) is type(new) and old == new) or (_plain(old) == _plain(new) and old is not None)


def _matches(written: Any, new: Any) -> bool:
    """The file as written reads back as the data asked for (shorthands and dates aside)."""
    if isinstance(written, dict) and isinstance(new, dict):
        return written.keys() == new.keys() and all(_matches(written[k], new[k]) for k in new)
    if isinstance(written, list) and isinstance(new, list):
        return len(written) == len(new) and all(_matches(w, n) for w, n in zip(written, new, strict=True))
    return _same(written, new)


def _styled(old: Any, new: Any) -> Any:
    """A changed string keeps the style of the old one where it can: several lines as a
    literal block, a folded paragraph still folded."""
    if isinstance(new, str) and "\n" in new.rstrip("\n"):
        return LiteralScalarString(new)
    if isinstance(new, str) and isinstance(old, FoldedScalarString | LiteralScalarString):
        return FoldedScalarString(new)
    if isinstance(old, date) and isinstance(new, str):
        try:
            return date.fromisoformat(new)
        except ValueError:
            return new
    return _fresh(new)


def _fresh(value: Any) -> Any:
    """New data as round-trip nodes, so it is written in block style like the rest."""
    if isinstance(value, dict):
        return CommentedMap((key, _fresh(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_fresh(item) for item in value)
    if isinstance(value, str) and "\n" in value.rstrip("\n"):
        return LiteralScalarString(value)
    return value


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if isinstance(node, date):
        return node.isoformat()
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node
