"""Translations: content/translations/<lang>/ mirrors content/ with only the words.

A translated file holds the fields a translator writes (titles, text, steps, ring labels,
questions...), keyed like the source (same file names, same ids). Everything else (order,
durations, skills, handout kinds, links between items) comes from the source, so it cannot
drift; a list (steps, rings...) must have as many items as the source's.

Each translated item records `source_hashes:`, a short hash of each source field it
translates, written by `guidegen translate` tools. When a source field changes, its hash
no longer matches and the translation is "stale"; `guidegen check` names the fields.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problem
from .font_coverage import covered
from .glyphs import missing_glyphs
from .model import (
    Activity,
    ChecklistHandout,
    EasyRead,
    Guide,
    Page,
    QuestionsHandout,
    Session,
    Skill,
    SupportFile,
    TableHandout,
    ThreeCirclesHandout,
    TranslationSettings,
    interface_problem,
)
from .parse_cache import ParseCache
from .reader import Unreadable, position
from .source_file import SourceFile, load_yaml_model, read_inside

FOLDER = "translations"
HASH_LENGTH = 8
Value = str | tuple[str, ...]
Fields = dict[str, Value]  # "title", "steps", "handout.rings" -> text or list of texts
# ("home", "index"), ("page", id), ("skill", id), ("activity", id), ("easy-read", id), ("session", id),
# ("support", "contacts")
ItemKey = tuple[str, str]

ACTIVITY_FIELDS: tuple[str, ...] = ("title", "summary", "aim", "group_size", "materials", "preparation", "steps")
ACTIVITY_FIELDS += ("facilitator_notes", "attribution")
HANDOUT_FIELDS = ("title", "instructions", "note_name", "rings", "questions", "columns", "items", "rows")
ADAPTATION_FIELDS = ("online", "larger_group", "reading_support", "sight", "hearing", "mobility", "interpreter")
# A session's words: the items of its own (`item:`) and the agenda lines' notes, each one for one, in order.
SESSION_FIELDS = ("title", "summary", "notes", "items", "item_notes")
# The support contacts' words, never how to reach them: `how` (the number, the address), `checked_at`
# and the dates always come from content/support.yml, so a number is never translated or left stale.
SUPPORT_FIELDS = ("heading", "intro", "names", "when", "sections", "local_names", "local_when", "safeguarding_route")
SUPPORT_KEY: tuple[str, str] = ("support", "contacts")
SKILL_FIELDS = ("name", "description", "ways_to_develop")
PAGE_FIELDS = ("title", "summary", "body")
# An Easy Read text's words as lists, one for one: the points' texts, the descriptions given, the hard words.
EASY_READ_FIELDS = ("title", "points", "descriptions", "hard_words", "meanings")


# ---------------------------------------------------------------- what the source offers


def _pick(obj: Any, names: tuple[str, ...], prefix: str = "") -> Fields:
    out: Fields = {}
    for name in names:
        value = getattr(obj, name, None)
        if value is None or value == () or (name == "items" and not value):
            continue
        # A timed step is its words (translated) and its minutes (structure, from the source).
        out[prefix + name] = (
            tuple(str(getattr(v, "text", v)) for v in value) if isinstance(value, tuple) else str(value)
        )
    return out


def activity_fields(activity: Activity) -> Fields:
    fields = _pick(activity, ACTIVITY_FIELDS)
    if activity.handout is not None:
        fields |= _pick(activity.handout, HANDOUT_FIELDS, "handout.")
    if activity.adaptations is not None:
        fields |= _pick(activity.adaptations, ADAPTATION_FIELDS, "adaptations.")
    return fields


def session_fields(session: Session) -> Fields:
    fields = _pick(session, ("title", "summary", "notes"))
    own = tuple(i.item for i in session.items if i.item)
    notes = tuple(i.notes for i in session.items if i.notes)
    return fields | ({"items": own} if own else {}) | ({"item_notes": notes} if notes else {})


def support_fields(support: SupportFile) -> Fields:
    fields = _pick(support, ("heading", "intro", "safeguarding_route"))
    lists = {
        "names": tuple(c.name for c in support.contacts),
        "when": tuple(c.when for c in support.contacts if c.when),
        "sections": tuple(dict.fromkeys(c.section for c in support.contacts if c.section)),
        "local_names": tuple(s.name for s in support.local),
        "local_when": tuple(s.when for s in support.local if s.when),
    }
    return fields | {name: value for name, value in lists.items() if value}


def page_fields(page: Page) -> Fields:
    return _pick(page, PAGE_FIELDS) | {"body": page.body.strip("\n")}


def easy_read_fields(item: EasyRead) -> Fields:
    fields: Fields = {"title": item.title, "points": tuple(p.text for p in item.points)}
    described = tuple(p.description for p in item.points if p.description)
    if described:
        fields["descriptions"] = described
    if item.hard_words:
        fields["hard_words"] = tuple(w.word for w in item.hard_words)
        fields["meanings"] = tuple(w.meaning for w in item.hard_words)
    return fields


def source_items(guide: Guide) -> dict[ItemKey, Fields]:
    """Every translatable item of the source, with its fields, in the guide's order."""
    items: dict[ItemKey, Fields] = {("home", "index"): page_fields(guide.home)}
    items |= {("page", p.id): page_fields(p) for p in guide.pages}
    items |= {("skill", s.id): _pick(s, SKILL_FIELDS) for s in guide.skills}
    items |= {("activity", a.id): activity_fields(a) for a in guide.activities}
    items |= {("easy-read", e.id): easy_read_fields(e) for e in guide.easy_read}
    items |= {("session", s.id): session_fields(s) for s in guide.sessions}
    if guide.support is not None:
        items[SUPPORT_KEY] = support_fields(guide.support)
    return items


def field_hash(value: Value) -> str:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def source_hashes(fields: Fields) -> dict[str, str]:
    return {name: field_hash(value) for name, value in fields.items()}


def item_path(key: ItemKey, language: str) -> str:
    """Where an item's translation lives, relative to the guide."""
    base = f"content/{FOLDER}/{language}"
    kind, ident = key
    return {
        "home": f"{base}/home.md",
        "page": f"{base}/pages/{ident}.md",
        "skill": f"{base}/skills.yml",
        "activity": f"{base}/activities/{ident}.yml",
        "easy-read": f"{base}/easy-read/{ident}.yml",
        "session": f"{base}/sessions/{ident}.yml",
        "support": f"{base}/support.yml",
    }[kind]


def words(value: Value) -> int:
    texts = [value] if isinstance(value, str) else list(value)
    return sum(len(re.findall(r"\w+", text)) for text in texts)


# ---------------------------------------------------------------- what a translation holds


@dataclass
class Item:
    """One translated item: its fields, the hashes it records, and where each is written."""

    path: str
    line: int  # the item's first line (its id, or the page's first line)
    fields: Fields
    hashes: dict[str, str]
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class Translation:
    """Every translated item of one language, and the problems found reading them."""

    language: str
    items: dict[ItemKey, Item]
    problems: list[Problem]
    # The translation's own interface catalogue (interface.po): message id -> wording, or a plural's forms.
    interface: dict[str, Value] = field(default_factory=dict)


def language_folder(root: Path, language: str) -> Path:
    return root / "content" / FOLDER / language


def load_translation(guide: Guide, language: str, cache: ParseCache | None = None) -> Translation:
    """Read content/translations/<language>/; structure problems are collected, not raised.

    cache (the preview's) skips parsing texts seen before; their items then have no lines, so
    a caller that finds problems reads the translation again without it (translated_guide)."""
    root = guide.root
    folder = language_folder(root, language)
    items: dict[ItemKey, Item] = {}
    sources: list[SourceFile] = []
    if folder.is_dir():
        for src, key, item in _read_files(root, folder, cache):
            sources.append(src)
            if key is not None and item is not None:
                items[key] = item
        catalogue = SourceFile(root, folder / INTERFACE_FILE)  # its words are printed too: their letters count
        if catalogue.path.is_file():
            read_inside(catalogue, root)  # an unreadable file is a problem of its own
            sources.append(catalogue)
    letters = covered(guide.content_dir, guide.config.fonts)  # a letter no font has would print as a box
    for src in sources:
        missing_glyphs(src.collector, letters, yaml=src.path.suffix in (".yml", ".yaml"))
    problems = [p for src in sources for p in src.collector.problems]
    problems += structure_problems(guide, items) + _unread_files(root, folder, {src.path for src in sources})
    interface = read_interface(root, folder / INTERFACE_FILE, problems) if folder.is_dir() else {}
    return Translation(language, items, problems, interface)


INTERFACE_FILE = "interface.po"
ReadItem = tuple[SourceFile, ItemKey | None, Item | None]  # a file read, and the item it holds if any
TRANSLATION_FILES = (
    "home.md, pages/<id>.md, skills.yml, activities/<id>.yml, easy-read/<id>.yml, sessions/<id>.yml, "
    "support.yml, interface.po"
)


def _unread_files(root: Path, folder: Path, read: set[Path]) -> list[Problem]:
    """A words file guidegen would not read (a misspelt folder, sessions/ as session/): a problem, not silence."""
    if not folder.is_dir():
        return []
    found = (p for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix in (".md", ".yml", ".yaml", ".po"))
    unread = [p for p in found if p not in read and p != folder / "README.md" and not p.name.startswith(".")]
    message = f"is not a file a translation has, so it would never be shown; the files are: {TRANSLATION_FILES}"
    return [_problem(p.relative_to(root).as_posix(), 1, "file", message) for p in unread]


def read_interface(root: Path, path: Path, problems: list[Problem]) -> dict[str, Value]:
    """A translation's own interface catalogue: each confirmed entry, checked with its PO line
    (a message guidegen does not have, a placeholder lost, direction controls); problems appended."""
    import polib

    if not path.is_file():
        return {}
    rel = path.relative_to(root).as_posix()
    try:
        catalogue = polib.pofile(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as error:
        found = re.search(r"line (\d+)", str(error))
        message = f"could not be read as a PO file ({error}); open it in a PO editor and save it again"
        problems.append(_problem(rel, int(found[1]) if found else 1, "po", message))
        return {}
    return interface_wordings(catalogue, rel, problems)


def interface_wordings(catalogue: Any, rel: str, problems: list[Problem]) -> dict[str, Value]:
    """The confirmed entries of a PO catalogue (polib) as wordings; each wrong one a problem at its line."""
    wordings: dict[str, Value] = {}
    for entry in catalogue:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.translated():
            continue
        wording: Value = (
            tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)) if entry.msgid_plural else entry.msgstr
        )
        wrong = interface_problem(entry.msgid, wording)
        if controls := direction_controls(wording):
            wrong = f"holds invisible direction controls ({controls}) that change the order its letters are shown in"
            wrong += "; delete them (guidegen keeps words of the other direction in order by itself)"
        if wrong:
            problems.append(_problem(rel, max(entry.linenum, 1), "msgstr", wrong))  # polib: 0 for a first entry
        else:
            wordings[entry.msgid] = wording
    return wordings


def _read_files(root: Path, folder: Path, cache: ParseCache | None) -> Iterator[ReadItem]:
    # Imported here: building these models costs about 20 ms, which `check` of a guide without
    # translations need not pay (issue 30).
    from .translation_model import TranslatedActivity, TranslatedEasyRead, TranslatedSkillsFile

    home = folder / "home.md"
    if home.is_file():
        src = SourceFile(root, home)
        yield src, ("home", "index"), _read_page(src, root, cache)
    for path in sorted((folder / "pages").glob("*.md")):
        src = SourceFile(root, path)
        yield src, ("page", path.stem), _read_page(src, root, cache)
    skills = folder / "skills.yml"
    if skills.is_file():
        src = SourceFile(root, skills)
        data = load_yaml_model(src, TranslatedSkillsFile, root, cache)
        for index, skill in enumerate(data.skills if data else ()):
            line = 1 if src.from_cache else position(src.node, ("skills", index))[0]  # see load_translation
            yield src, ("skill", skill.id), _item(src, skill, SKILL_FIELDS, ("skills", index), line)
        if data is None:
            yield src, None, None
    for path in sorted((folder / "activities").glob("*.y*ml")):
        src = SourceFile(root, path)
        activity = load_yaml_model(src, TranslatedActivity, root, cache)
        if activity is None:
            yield src, None, None
            continue
        if activity.id != path.stem:
            src.problem_at(("id",), "id", f"'{activity.id}' differs from the file name '{path.stem}'; they must match")
        item = _item(src, activity, ACTIVITY_FIELDS, (), 1)
        if activity.handout is not None:
            handout = _item(src, activity.handout, HANDOUT_FIELDS, ("handout",), 1)
            item.fields |= {f"handout.{k}": v for k, v in handout.fields.items()}
            item.lines |= {f"handout.{k}": v for k, v in handout.lines.items()}
        if activity.adaptations is not None:
            adapted = _item(src, activity.adaptations, ADAPTATION_FIELDS, ("adaptations",), 1)
            item.fields |= {f"adaptations.{k}": v for k, v in adapted.fields.items()}
            item.lines |= {f"adaptations.{k}": v for k, v in adapted.lines.items()}
        yield src, ("activity", path.stem), item
    for path in sorted((folder / "easy-read").glob("*.y*ml")):
        src = SourceFile(root, path)
        easy = load_yaml_model(src, TranslatedEasyRead, root, cache)
        if easy is None:
            yield src, None, None
            continue
        if easy.id != path.stem:
            src.problem_at(("id",), "id", f"'{easy.id}' differs from the file name '{path.stem}'; they must match")
        yield src, ("easy-read", path.stem), _item(src, easy, EASY_READ_FIELDS, (), 1)
    yield from _read_sessions(root, folder, cache)
    if (folder / "support.yml").is_file():
        yield _read_support(root, folder / "support.yml", cache)


def _read_sessions(root: Path, folder: Path, cache: ParseCache | None) -> Iterator[ReadItem]:
    from .translation_model import TranslatedSession  # see _read_files

    for path in sorted((folder / "sessions").glob("*.y*ml")):
        src = SourceFile(root, path)
        session = load_yaml_model(src, TranslatedSession, root, cache)
        if session is None:
            yield src, None, None
            continue
        if session.id != path.stem:
            src.problem_at(("id",), "id", f"'{session.id}' differs from the file name '{path.stem}'; they must match")
        yield src, ("session", path.stem), _item(src, session, SESSION_FIELDS, (), 1)


def _read_support(root: Path, path: Path, cache: ParseCache | None) -> ReadItem:
    """The contacts' words; a number or address (`how:`...) in a translation is a problem, never used."""
    from .translation_model import NUMBER_KEYS, TranslatedSupport  # see _read_files

    src = SourceFile(root, path)
    support = load_yaml_model(src, TranslatedSupport, root, cache)
    data = src.data if isinstance(src.data, dict) else {}
    for key in (k for k in NUMBER_KEYS if k in data):
        src.problem_at((key,), key, NUMBER_KEY_MESSAGE)
    if support is None:
        return src, None, None
    return src, SUPPORT_KEY, _item(src, support, SUPPORT_FIELDS, (), 1)


NUMBER_KEY_MESSAGE = (
    "a translation holds only the contacts' words (names, when, sections...); how to reach a service (its "
    "number or address) and when it was checked always come from content/support.yml, so they are never "
    "translated or left out of date; delete this key"
)


def _item(src: SourceFile, model: Any, names: tuple[str, ...], loc: tuple[str | int, ...], line: int) -> Item:
    fields = _pick(model, names)
    if src.from_cache:  # no positions without parsing again: see load_translation's cache
        return Item(src.rel, line, fields, dict(getattr(model, "source_hashes", None) or {}))
    lines = {name: position(src.node, (*loc, name))[0] + src.line_offset for name in fields}
    return Item(src.rel, line, fields, dict(getattr(model, "source_hashes", None) or {}), lines)


def _read_page(src: SourceFile, root: Path, cache: ParseCache | None) -> Item | None:
    """A translated page: front matter (title, summary, source_hashes), then the Markdown."""
    text = read_inside(src, root)
    if text is None:
        return None
    meta_text, body, body_line = _split_front_matter(text)
    if meta_text is None:
        src.collector.add(1, 1, "front matter", "the page must start with '---', then 'title: ...', then '---'")
        return None
    src.line_offset = 1
    try:
        data = src.parsed(meta_text, cache) if meta_text.strip() else {}
    except Unreadable:
        return None
    from .translation_model import TranslatedPageMeta  # see _read_files

    meta = src.validate(TranslatedPageMeta, data if isinstance(data, dict) else {})
    if meta is None:
        return None
    item = _item(src, meta, ("title", "summary"), (), 1)
    if body.strip():
        item.fields["body"] = body.strip("\n")
        item.lines["body"] = body_line
    return item


def _split_front_matter(text: str) -> tuple[str | None, str, int]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, "", 0
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
    if end is None:
        return None, "", 0
    return "\n".join(lines[1:end]), "\n".join(lines[end + 1 :]), end + 2


# ---------------------------------------------------------------- checks


LINK_TARGET = re.compile(r"\]\(((?:page|skill|activity):[^)\s]+)\)")


def structure_problems(guide: Guide, items: dict[ItemKey, Item]) -> list[Problem]:
    """Errors: items the source does not have, lists of another length, links lost or added."""
    source = source_items(guide)
    problems = []
    for key, item in items.items():
        fields = source.get(key)
        if fields is None:
            problems.append(
                _problem(item.path, item.line, key[0], f"'{key[1]}' is not in the source guide; {_hint(key)}")
            )
            continue
        for name, value in item.fields.items():
            message = field_problem(name, fields.get(name), value, numbers=key == SUPPORT_KEY)
            if message:
                problems.append(_problem(item.path, item.lines.get(name, item.line), name, message))
    return problems


def _hint(key: ItemKey) -> str:
    return f"use the id of an existing {key[0]}, or delete this translation"


def field_problem(name: str, source: Value | None, value: Value, numbers: bool = False) -> str | None:
    """Why a translated field cannot stand for the source's, or None. With `numbers` (the support
    contacts), a text must hold exactly the source's numbers: a crisis number is never translated."""
    if source is None:
        return "the source has no such field here; delete it from the translation"
    if isinstance(source, tuple) != isinstance(value, tuple):
        return "should be a list, as in the source" if isinstance(source, tuple) else "should be text, not a list"
    if isinstance(source, tuple) and len(source) != len(value):
        return (
            f"has {len(value)} items but the source has {len(source)}; "
            "a translation keeps the source's items, one for one, in the same order"
        )
    if controls := direction_controls(value):
        return (
            f"holds invisible direction controls ({controls}) that change the order its letters are shown "
            "in; delete them (guidegen keeps words of the other direction in order by itself)"
        )
    if numbers and (message := number_problem(source, value)):
        return message
    wanted, found = _links(source), _links(value)
    if wanted != found:
        lost = ", ".join(sorted(wanted - found)) or "none"
        return f"links must point where the source's do (source: {', '.join(sorted(wanted)) or 'none'}; lost: {lost})"
    return None


# Embeddings, overrides and isolates: they reorder the text around them (a "Trojan source" can hide
# words this way). The marks U+200E, U+200F and U+061C are allowed: they only nudge a neutral.
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def direction_controls(value: Value) -> str:
    """The direction controls in value, named ('U+202E RIGHT-TO-LEFT OVERRIDE'), or ''."""
    texts = value if isinstance(value, tuple) else (value,)
    found = dict.fromkeys(c for text in texts for c in DIRECTION_CONTROLS.findall(str(text)))
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c)}" for c in found)


# A number a reader could dial or text: three digits or more, spaces allowed between them (any script's
# digits, so a number written in other digits differs from the source's). Times and "24/7" are not.
NUMBER = re.compile(r"\d(?:[\d ]*\d)?")


def numbers_in(text: str) -> list[str]:
    return sorted(n for n in NUMBER.findall(text) if sum(c.isdigit() for c in n) >= 3)


def number_problem(source: Value, value: Value) -> str | None:
    """A support text whose numbers are not the source's, exactly, item for item (a changed number in
    the source makes the old translation a problem, never a wrong number in print)."""
    pairs = zip(source, value, strict=True) if isinstance(source, tuple) else [(source, value)]
    for index, (text, translated) in enumerate(pairs):
        wanted, found = numbers_in(str(text)), numbers_in(str(translated))
        if wanted != found:
            where = f" (item {index + 1})" if isinstance(source, tuple) else ""
            return (
                f"must hold exactly the numbers of content/support.yml{where} ({', '.join(wanted) or 'none'}), "
                f"written the same way; found: {', '.join(found) or 'none'}. Numbers are never translated: "
                "copy them from the source"
            )
    return None


def _links(value: Value) -> set[str]:
    texts = [value] if isinstance(value, str) else list(value)
    return {target for text in texts for target in LINK_TARGET.findall(text)}


def _problem(path: str, line: int, field_name: str, message: str) -> Problem:
    return Problem(path, line, 1, field_name, message)


@dataclass(frozen=True)
class ItemStatus:
    """How far one source item is translated."""

    key: ItemKey
    state: str  # "translated", "stale", "missing"
    words: int
    missing_fields: tuple[str, ...] = ()
    stale_fields: tuple[str, ...] = ()


def item_status(key: ItemKey, fields: Fields, item: Item | None) -> ItemStatus:
    count = sum(words(v) for v in fields.values())
    if item is None:
        return ItemStatus(key, "missing", count, tuple(fields))
    hashes = source_hashes(fields)
    missing = tuple(name for name in fields if name not in item.fields)
    stale = tuple(name for name in fields if name in item.fields and item.hashes.get(name) != hashes[name])
    state = "stale" if stale else "translated"
    return ItemStatus(key, state, count, missing, stale)


def statuses(guide: Guide, translation: Translation) -> list[ItemStatus]:
    return [item_status(key, fields, translation.items.get(key)) for key, fields in source_items(guide).items()]


def translation_warnings(guide: Guide, translation: Translation) -> tuple[list[Problem], list[Problem]]:
    """(stale, missing) for `guidegen check`: translations whose source changed, naming the fields,
    and items or fields not yet translated. Stale ones are warnings (errors with --strict);
    missing ones are notes: a translation is allowed to be partial."""
    stale: list[Problem] = []
    missing: list[Problem] = []
    lang = translation.language
    for status in statuses(guide, translation):
        item = translation.items.get(status.key)
        where = item.path if item else item_path(status.key, lang)
        label = f"{status.key[0]} '{status.key[1]}'"
        if item is None:
            missing.append(_problem(where, 1, f"translation {lang}", f"{label} is not yet translated"))
            continue
        if status.missing_fields:
            fields = ", ".join(status.missing_fields)
            missing.append(_problem(where, item.line, f"translation {lang}", f"{label}: not yet translated: {fields}"))
        if status.stale_fields:
            fields = ", ".join(status.stale_fields)
            line = min(item.lines.get(name, item.line) for name in status.stale_fields)
            message = f"{label} is stale: the source's {fields} changed since it was translated; update it"
            stale.append(_problem(where, line, f"translation {lang}", message + " (translate export/import)"))
    return stale, missing


def _clashes(guide: Guide, language: str) -> list[Problem]:
    """A page whose id is a translation's language would be built where that translation goes (site/<lang>/)."""
    return [
        _problem(
            page.source, 1, "file name", f"'{page.id}' is the folder of the {language} translation; rename the page"
        )
        for page in guide.pages
        if page.id == language.lower()
    ]


def check_translations(guide: Guide) -> tuple[list[Problem], list[Problem], list[Problem]]:
    """(errors, stale, missing) for every language under site_config.yml's `translations:`."""
    errors: list[Problem] = []
    stale: list[Problem] = []
    missing: list[Problem] = []
    for settings in guide.config.translations:
        translation = load_translation(guide, settings.language)
        errors += translation.problems + _clashes(guide, settings.language)
        found = translation_warnings(guide, translation)
        stale += found[0]
        missing += found[1]
    return errors, stale, missing


# ---------------------------------------------------------------- the translated guide


def translated_guides(guide: Guide) -> tuple[Guide, ...]:
    """Every translation's Guide, in site_config.yml's order: the load phase's last step, before
    any output is written. Raises one ContentError with every language's problems at once."""
    settings = guide.config.translations
    translations = [load_translation(guide, s.language) for s in settings]
    problems = [p for s, tr in zip(settings, translations, strict=True) for p in _translation_problems(guide, s, tr)]
    if problems:
        raise ContentError(problems)
    return tuple(_translated(guide, s, tr) for s, tr in zip(settings, translations, strict=True))


def translated_guide(guide: Guide, settings: TranslationSettings, cache: ParseCache | None = None) -> Guide:
    """The guide in another language: translated fields over the source; missing items stay in the
    source language and are listed in `untranslated` (the renderers add a notice).
    cache: see load_translation; problems are always reported from a reading without it."""
    translation = load_translation(guide, settings.language, cache)
    problems = _translation_problems(guide, settings, translation)
    if problems and cache is not None:  # read again for the exact line of each problem
        return translated_guide(guide, settings)
    if problems:
        raise ContentError(problems)
    return _translated(guide, settings, translation)


def _translation_problems(guide: Guide, settings: TranslationSettings, translation: Translation) -> list[Problem]:
    return translation.problems + _clashes(guide, settings.language)


def _translated(guide: Guide, settings: TranslationSettings, translation: Translation) -> Guide:
    items = translation.items
    untranslated = frozenset(f"{kind}:{ident}" for kind, ident in source_items(guide) if (kind, ident) not in items)
    return guide.model_copy(
        update={
            "config": _config(guide, settings, translation.interface),
            "home": _page(guide.home, items.get(("home", "index"))),
            "pages": tuple(_page(p, items.get(("page", p.id))) for p in guide.pages),
            "skills": tuple(_skill(s, items.get(("skill", s.id))) for s in guide.skills),
            "activities": tuple(_activity(a, items.get(("activity", a.id))) for a in guide.activities),
            "easy_read": tuple(_easy_read(e, items.get(("easy-read", e.id))) for e in guide.easy_read),
            "sessions": tuple(_session(s, items.get(("session", s.id))) for s in guide.sessions),
            "support": _support(guide.support, items.get(SUPPORT_KEY)),
            "untranslated": untranslated,
            "source_language": guide.config.language,
        }
    )


def _config(guide: Guide, settings: TranslationSettings, interface: dict[str, Value]) -> Any:
    config = guide.config
    update: dict[str, Any] = {"language": settings.language}
    if config.site_url:
        update["site_url"] = config.site_url.rstrip("/") + f"/{settings.language}/"
    for name in ("title", "description", "organisation"):
        if getattr(settings, name):
            update[name] = getattr(settings, name)
    update["interface"] = {**interface, **settings.interface}  # site_config.yml's own words over interface.po
    # The source's /admin/ edits every translation's files too: a translation has no editor of its own.
    update["editing"] = None
    return config.model_copy(update=update)


def _page(page: Page, item: Item | None) -> Page:
    if item is None:
        return page
    update = {k: v for k, v in item.fields.items() if k in PAGE_FIELDS}
    return page.model_copy(update=update)


def _skill(skill: Skill, item: Item | None) -> Skill:
    return skill if item is None else skill.model_copy(update=item.fields)


def _activity(activity: Activity, item: Item | None) -> Activity:
    if item is None:
        return activity
    own = {k: v for k, v in item.fields.items() if "." not in k}
    handout = {k.removeprefix("handout."): v for k, v in item.fields.items() if k.startswith("handout.")}
    adapted = {k.removeprefix("adaptations."): v for k, v in item.fields.items() if k.startswith("adaptations.")}
    update: dict[str, Any] = dict(own)
    if "steps" in update:  # the translated words, the source's minutes
        texts = update["steps"]
        update["steps"] = tuple(s.model_copy(update={"text": w}) for s, w in zip(activity.steps, texts, strict=True))
    if activity.handout is not None and handout:
        kinds = (ThreeCirclesHandout, QuestionsHandout, ChecklistHandout, TableHandout)
        assert isinstance(activity.handout, kinds)
        update["handout"] = activity.handout.model_copy(update=handout)
    if activity.adaptations is not None and adapted:
        update["adaptations"] = activity.adaptations.model_copy(update=adapted)
    return activity.model_copy(update=update)


def _session(session: Session, item: Item | None) -> Session:
    """The translated words over the source's agenda (activities, breaks, minutes, order)."""
    if item is None:
        return session
    fields = item.fields
    own = iter(fields.get("items", tuple(i.item for i in session.items if i.item)))
    notes = iter(fields.get("item_notes", tuple(i.notes for i in session.items if i.notes)))
    items = tuple(
        i.model_copy(update={"item": next(own) if i.item else None, "notes": next(notes) if i.notes else None})
        for i in session.items
    )
    update: dict[str, Any] = {name: fields[name] for name in ("title", "summary", "notes") if name in fields}
    return session.model_copy(update={**update, "items": items})


def _support(support: SupportFile | None, item: Item | None) -> SupportFile | None:
    """The contacts' words translated; how to reach each (the numbers) and the dates from the source."""
    if support is None or item is None:
        return support
    fields = item.fields
    names = iter(fields.get("names", tuple(c.name for c in support.contacts)))
    when = iter(fields.get("when", tuple(c.when for c in support.contacts if c.when)))
    source_sections = tuple(dict.fromkeys(c.section for c in support.contacts if c.section))
    sections = dict(zip(source_sections, fields.get("sections", source_sections), strict=True))
    contacts = tuple(
        c.model_copy(
            update={
                "name": next(names),
                "when": next(when) if c.when else None,
                "section": sections[c.section] if c.section else None,
            }
        )
        for c in support.contacts
    )
    local_names = iter(fields.get("local_names", tuple(s.name for s in support.local)))
    local_when = iter(fields.get("local_when", tuple(s.when for s in support.local if s.when)))
    local = tuple(
        s.model_copy(update={"name": next(local_names), "when": next(local_when) if s.when else None})
        for s in support.local
    )
    update: dict[str, Any] = {k: fields[k] for k in ("heading", "intro", "safeguarding_route") if k in fields}
    return support.model_copy(update={**update, "contacts": contacts, "local": local})


def _easy_read(easy: EasyRead, item: Item | None) -> EasyRead:
    """The translated words over the source's structure (pictures, contacts, order)."""
    if item is None:
        return easy
    fields = item.fields
    texts = iter(fields.get("points", tuple(p.text for p in easy.points)))
    descriptions = iter(fields.get("descriptions", tuple(p.description for p in easy.points if p.description)))
    points = tuple(
        p.model_copy(update={"text": next(texts), "description": next(descriptions) if p.description else None})
        for p in easy.points
    )
    words = fields.get("hard_words", tuple(w.word for w in easy.hard_words))
    meanings = fields.get("meanings", tuple(w.meaning for w in easy.hard_words))
    hard = tuple(
        w.model_copy(update={"word": word, "meaning": meaning})
        for w, word, meaning in zip(easy.hard_words, words, meanings, strict=True)
    )
    title = fields.get("title", easy.title)
    return easy.model_copy(update={"title": title, "points": points, "hard_words": hard})
