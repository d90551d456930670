"""content/ + site_config.yml -> one validated, frozen Guide, or a ContentError.

Phase one of the build: every file is read and checked, every problem collected,
and nothing is written anywhere. Renderers never read content/ themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ..errors import ContentError
from . import nesting
from .assets import file_name_problems, svg_problems
from .easy_read import load_easy_read
from .font_coverage import covered, font_problem
from .glyphs import missing_glyphs
from .images import image_problem
from .model import Activity, Guide, Page, PageFrontMatter, SiteConfig, Skill, SkillsFile, SupportFile, as_data
from .parse_cache import ParseCache
from .problem_text import did_you_mean
from .reader import Unreadable, position
from .reserved import reserved_message, reserved_reason
from .sessions import load_sessions
from .source_file import SourceFile, listing, load_yaml_model, read_inside
from .text_direction import direction_problem

M = TypeVar("M", bound=BaseModel)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# content/assets/ names the website keeps for its own CSS, fonts and scripts.
RESERVED_ASSET_NAMES = ("guidegen",)
SUPPORT_FILE = "support.yml"  # the crisis and support contacts: optional, in content/
# [text](target) or ![alt](target). The text may hold one level of [brackets]; possessive
# quantifiers and no "[" in the plain part keep the search linear (a line of 200,000 "[" would
# otherwise be scanned to its end from each of them).
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*+\])*+)\]\(\s*<?([^)\s>]*+)")
REF = re.compile(r"^(page|skill|activity):([^#\s]*)(#[\w-]*)?$")


@dataclass(frozen=True)
class FieldSource:
    """Where one loaded item's YAML came from, so later checks can report file:line too."""

    path: str  # relative to the guide, as in every message
    file: SourceFile  # gives the ruamel tree, parsed only when a check asks for it
    prefix: tuple[str | int, ...]  # the item's place in node, e.g. ("skills", 3)
    line_offset: int  # lines before node's text in the file (a page's opening '---')
    lines: tuple[str, ...]  # the file's lines, for the snippet under a message

    @property
    def node(self) -> Any:
        """The ruamel tree, which keeps a position for every key and item."""
        return self.file.node

    def position(self, loc: tuple[str | int, ...]) -> tuple[int, int]:
        """reader.position(node, prefix + loc), remembered with the parse cache when it has one."""
        return self.file.position((*self.prefix, *loc))


# ("config", ""), ("support", ""), ("page", id) (home is "index"), ("skill", id), ("activity", id),
# ("session", id), ("easy-read", id) -> source
Sources = dict[tuple[str, str], FieldSource]


def load_guide(root: Path, field_sources: Sources | None = None, parse_cache: ParseCache | None = None) -> Guide:
    """Read and validate the whole guide at root; raise ContentError listing every problem.

    Pass a dict as field_sources to have it filled with where each item came from (see FieldSource).
    parse_cache (the build's) skips parsing YAML texts seen before.
    """
    loaded = _Loaded.read(root.resolve(), parse_cache)
    loaded.cross_check()
    ids = loaded.ids()
    sessions = load_sessions(root.resolve(), parse_cache, ids.activities, ids.unreadable.get("activity"))
    # ids of files that failed to load count as known: they were reported already
    pages, activities = (ids.known(k) | (ids.unreadable.get(k) or set()) for k in ("page", "activity"))
    easy = load_easy_read(root.resolve(), parse_cache, pages, activities)
    problems = [p for src in loaded.sources() for p in src.collector.problems] + sessions.problems
    problems += easy.problems
    problems += svg_problems(root.resolve(), parse_cache) + file_name_problems(root.resolve())
    if problems:
        raise ContentError(problems)
    if field_sources is not None:
        field_sources.update(loaded.field_sources())
        field_sources.update({("session", s.id): _field_source(src, ()) for src, s in sessions.files if s})
        field_sources.update({("easy-read", e.id): _field_source(src, ()) for src, e in easy.files if e})
    return loaded.guide().model_copy(update={"sessions": sessions.sessions, "easy_read": easy.items})


@dataclass
class _Loaded:
    """Every content file with what was loaded from it (None where it failed)."""

    root: Path
    config_src: SourceFile
    home_src: SourceFile
    page_srcs: list[SourceFile]
    skills_src: SourceFile
    activity_srcs: list[SourceFile]
    assets_src: SourceFile
    support_src: SourceFile
    config: SiteConfig | None
    home: Page | None
    pages: list[Page | None]
    skills_file: SkillsFile | None
    activities: list[Activity | None]
    support: SupportFile | None
    parse_cache: ParseCache | None = None  # also keeps the fonts' letters

    @classmethod
    def read(cls, root: Path, cache: ParseCache | None = None) -> _Loaded:
        content = root / "content"
        config_src = SourceFile(root, root / "site_config.yml")
        home_src = SourceFile(root, content / "home.md")
        page_srcs = [SourceFile(root, p) for p in listing(content / "pages", (".md",))]
        skills_src = SourceFile(root, content / "skills.yml")
        activity_srcs = [SourceFile(root, p) for p in listing(content / "activities", (".yml", ".yaml"))]
        support_src = SourceFile(root, content / SUPPORT_FILE)
        return cls(
            root,
            config_src,
            home_src,
            page_srcs,
            skills_src,
            activity_srcs,
            SourceFile(root, content / "assets"),
            support_src,
            config=load_yaml_model(config_src, SiteConfig, root, cache),
            home=_load_page(home_src, root, cache, page_id="index"),
            pages=[_load_page(src, root, cache) for src in page_srcs],
            skills_file=load_yaml_model(skills_src, SkillsFile, root, cache),
            activities=[load_yaml_model(src, Activity, root, cache) for src in activity_srcs],
            support=_load_optional(support_src, SupportFile, root, cache),
            parse_cache=cache,
        )

    @property
    def skills(self) -> tuple[Skill, ...]:
        return self.skills_file.skills if self.skills_file else ()

    def sources(self) -> list[SourceFile]:
        return [
            self.config_src,
            self.support_src,
            self.home_src,
            *self.page_srcs,
            self.skills_src,
            *self.activity_srcs,
            self.assets_src,
        ]

    def ids(self) -> _Ids:
        ids = _Ids(
            pages={p.id for p in self.pages if p},
            skills={s.id for s in self.skills},
            activities={a.id for a in self.activities if a},
        )
        # A file that failed to load has already been reported; don't also report every
        # reference to it as unknown. Its file name is the best guess at its id.
        ids.unreadable = {
            "page": _stems_of_failed(self.page_srcs, self.pages),
            "activity": _stems_of_failed(self.activity_srcs, self.activities),
            "skill": None if self.skills_file is None else set(),
        }
        return ids

    def cross_check(self) -> None:
        """Checks across files: unique ids, references, links, images, reserved names."""
        ids = self.ids()
        _check_unique_skills(self.skills_src, self.skills)
        _check_activities(self.activity_srcs, self.activities, ids)
        for src, activity in zip(self.activity_srcs, self.activities, strict=True):
            if activity is None and isinstance(src.data, dict):
                _check_references(src, src.data, ids)  # every problem in one run, not after a fix
        for src in [self.home_src, *self.page_srcs]:
            if src.body is not None:
                _check_body(src, src.body[0], src.body[1], self.root, ids)
        for src, page in zip([self.home_src, *self.page_srcs], [self.home, *self.pages], strict=True):
            if page is not None:
                _check_boxes(src, page, self.config, self.support, self.support_src.path.exists())
        if self.config and self.config.brand.logo:
            _check_asset(self.config_src, ("brand", "logo"), "brand.logo", self.config.brand.logo, self.root)
        if self.config:
            self._check_fonts(self.config)
            self._check_languages(self.config)
        for name in RESERVED_ASSET_NAMES:
            if (self.root / "content" / "assets" / name).exists():
                message = "this name is kept for the website's own files; rename it"
                self.assets_src.collector.add(1, 1, f"assets/{name}", message)

    def _check_fonts(self, config: SiteConfig) -> None:
        """The declared fonts must be readable; then every letter of every file must be in one of them."""
        readable = []
        for index, name in enumerate(config.fonts):
            message = font_problem(self.root / "content" / name, self.parse_cache)
            if message:
                self.config_src.problem_at(("fonts", index), f"fonts[{index + 1}]", message)
            else:
                readable.append(name)
        letters = covered(self.root / "content", tuple(readable), self.parse_cache)
        for src in self.sources():
            if src is not self.assets_src:
                missing_glyphs(src.collector, letters, yaml=src.path.suffix in (".yml", ".yaml"))

    def _check_languages(self, config: SiteConfig) -> None:
        """Every language's direction must be known: the outputs turn right-to-left from it."""
        if message := direction_problem(config.language, self.parse_cache):
            self.config_src.problem_at(("language",), "language", message)
        for index, settings in enumerate(config.translations):
            if message := direction_problem(settings.language, self.parse_cache):
                where = ("translations", index, "language")
                self.config_src.problem_at(where, f"translations[{index + 1}].language", message)

    def field_sources(self) -> Sources:
        named: list[tuple[tuple[str, str], SourceFile, tuple[str | int, ...]]]
        named = [(("config", ""), self.config_src, ()), (("page", "index"), self.home_src, ())]
        named += [(("support", ""), self.support_src, ())] if self.support else []
        named += [(("page", p.id), src, ()) for src, p in zip(self.page_srcs, self.pages, strict=True) if p]
        named += [(("skill", s.id), self.skills_src, ("skills", i)) for i, s in enumerate(self.skills)]
        pairs = zip(self.activity_srcs, self.activities, strict=True)
        named += [(("activity", a.id), src, ()) for src, a in pairs if a]
        return {key: _field_source(src, prefix) for key, src, prefix in named}

    def guide(self) -> Guide:
        assert self.config and self.home and self.skills_file  # no problems means every file loaded
        # Built from models already validated: constructed, not validated again, which would
        # build the whole content model's validator even when every file's model came from the
        # cache (content/model_cache.py). Guide has no validators of its own to skip.
        return Guide.model_construct(
            root=self.root,
            config=self.config,
            home=self.home,
            pages=tuple(sorted((p for p in self.pages if p), key=lambda p: (p.order, p.id))),
            skills=self.skills,
            activities=tuple(sorted((a for a in self.activities if a), key=lambda a: (a.order, a.id))),
            support=self.support,
        )


def _stems_of_failed(srcs: list[SourceFile], loaded: list[Any]) -> set[str]:
    return {src.path.stem for src, item in zip(srcs, loaded, strict=True) if item is None}


def _field_source(src: SourceFile, prefix: tuple[str | int, ...]) -> FieldSource:
    return FieldSource(src.rel, src, prefix, src.line_offset, tuple(src.collector.lines))


class _Ids:
    def __init__(self, pages: set[str], skills: set[str], activities: set[str]) -> None:
        self.pages, self.skills, self.activities = pages, skills, activities
        # kind -> ids that may exist in files that failed to load (None: any id may)
        self.unreadable: dict[str, set[str] | None] = {}

    def known(self, kind: str) -> set[str]:
        return {"page": self.pages, "skill": self.skills, "activity": self.activities}[kind]

    def missing(self, kind: str, wanted: str) -> bool:
        """True only when wanted is surely not an id of this kind."""
        maybe = self.unreadable.get(kind, set())
        return wanted not in self.known(kind) and maybe is not None and wanted not in maybe


def _load_optional(src: SourceFile, model: type[M], root: Path, cache: ParseCache | None) -> M | None:
    """A file a guide may leave out (content/support.yml): None, and no problem, when it is absent."""
    if not src.path.exists() and not src.path.is_symlink():
        return None
    return load_yaml_model(src, model, root, cache)


def _load_page(src: SourceFile, root: Path, cache: ParseCache | None, page_id: str | None = None) -> Page | None:
    """A Markdown file with YAML front matter between two '---' lines."""
    text = read_inside(src, root)
    if text is None:
        return None
    page_id = page_id or src.path.stem
    lines = text.split("\n")
    if not text.strip():
        src.collector.add(1, 1, "file", "is empty; add front matter (---, title: ..., ---) and some text")
        return None
    if lines[0].strip() != "---":
        src.collector.add(1, 1, "front matter", "the page must start with a line '---', then 'title: ...', then '---'")
        return None
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
    if end is None:
        src.collector.add(1, 1, "front matter", "is not closed; add a line '---' after the title and summary")
        return None
    if not SLUG.match(page_id):
        src.collector.add(
            1,
            1,
            "file name",
            f"'{src.path.name}' should use only lowercase letters, digits and hyphens, e.g. my-page.md",
        )
    elif src.path.name != "home.md" and (reason := reserved_reason(page_id)):
        message = reserved_message(page_id, reason, f"our-{page_id}.md") + " (rename the file)"
        src.collector.add(1, 1, "file name", message)
    src.line_offset = 1
    front = "\n".join(lines[1:end])
    if not front.strip():
        src.collector.add(2, 1, "title", "this is required but missing; add it, e.g. title: What is peer leadership?")
        return None
    try:
        data = src.parsed(front, cache)
    except Unreadable:
        return None
    if not isinstance(data, dict):
        src.collector.add(2, 1, "front matter", "should be 'key: value' lines, e.g. title: My page")
        return None
    meta = src.validate(PageFrontMatter, data)
    body = "\n".join(lines[end + 1 :])
    src.body = (body, end + 2)  # its links are checked even when the front matter has problems
    if meta is None:
        return None
    # The model strips the body's leading blank lines: its first line is then further down.
    blank = len(body) - len(body.lstrip()) if body.strip() else 0
    return src.made(
        Page,
        id=page_id,
        title=meta.title,
        summary=meta.summary,
        order=meta.order,
        body=body,
        source=src.rel,
        body_line=end + 2 + body[:blank].count("\n"),
        show=meta.show,
    )


def _check_unique_skills(src: SourceFile, skills: tuple[Skill, ...]) -> None:
    seen: set[str] = set()
    for index, skill in enumerate(skills):
        if skill.id in seen:
            src.problem_at(
                ("skills", index, "id"),
                f"skills[{index + 1}].id",
                f"'{skill.id}' is used by another skill already; give each skill its own id",
            )
        seen.add(skill.id)


def _check_activities(srcs: list[SourceFile], activities: list[Activity | None], ids: _Ids) -> None:
    seen: dict[str, str] = {}
    for src, activity in zip(srcs, activities, strict=True):
        if activity is None:
            continue
        if activity.id in seen:
            src.problem_at(
                ("id",), "id", f"'{activity.id}' is already the id of {seen[activity.id]}; choose another id"
            )
        seen.setdefault(activity.id, src.rel)
        _check_id(src, activity.id)
        _check_references(src, as_data(activity), ids)
        _check_minutes(src, activity)


def _check_id(src: SourceFile, ident: str) -> None:
    """An id guidegen uses itself, or one that differs from the file's name."""
    reason = reserved_reason(ident)
    if reason:
        src.problem_at(("id",), "id", reserved_message(ident, reason, f"our-{ident}"))
    if src.path.stem != ident:
        src.problem_at(
            ("id",),
            "id",
            f"'{ident}' is not the file's name '{src.path.name}': they must match, so rename the file "
            f"to {ident}{src.path.suffix} (or set id: {src.path.stem})",
        )


def _check_references(src: SourceFile, data: dict[str, Any], ids: _Ids) -> None:
    """skills:, next: and links in the text must name things that exist (also in a file with
    other problems, so every problem comes in one run)."""
    skills = data.get("skills")
    for index, skill_id in enumerate(skills if isinstance(skills, (list, tuple)) else ()):
        if isinstance(skill_id, str) and SLUG.match(skill_id) and ids.missing("skill", skill_id):
            src.problem_at(
                ("skills", index), f"skills[{index + 1}]", _unknown("skill", skill_id, ids.skills, "content/skills.yml")
            )
    following = data.get("next")
    if isinstance(following, str) and SLUG.match(following):
        if ids.missing("activity", following):
            src.problem_at(("next",), "next", _unknown("activity", following, ids.activities, "content/activities/"))
        elif following == data.get("id"):
            src.problem_at(("next",), "next", "an activity cannot lead into itself; name a different activity")
    for field in ("aim", "facilitator_notes", "attribution"):
        if isinstance(data.get(field), str):
            _check_links(src, data[field], (field,), field, ids, allow_images=False)
    steps = data.get("steps")
    for index, step in enumerate(steps if isinstance(steps, (list, tuple)) else ()):
        text = step.get("text") if isinstance(step, dict) else step  # a plain line, or {text, minutes}
        if isinstance(text, str):
            _check_links(src, text, ("steps", index), f"steps[{index + 1}]", ids, allow_images=False)


def _check_minutes(src: SourceFile, activity: Activity) -> None:
    """The steps' minutes must fit in the time the activity says it takes."""
    total = activity.timed_minutes
    if total > activity.duration_minutes:
        src.problem_at(
            ("duration_minutes",),
            "duration_minutes",
            f"the steps' minutes add up to {total}, more than the {activity.duration_minutes} minutes given here; "
            f"make duration_minutes at least {total}, or give some steps fewer minutes",
        )


def _check_boxes(
    src: SourceFile, page: Page, config: SiteConfig | None, support: SupportFile | None, support_exists: bool
) -> None:
    """A page that shows a box needs the setting the box is made from."""
    if "support-contacts" in page.show and support is None and not support_exists:
        message = f"support-contacts needs the file content/{SUPPORT_FILE}; add it (see docs/content-format.md)"
        src.problem_at(("show",), "show", message)
    has_route = support is not None and bool(support.safeguarding_route)
    if "safeguarding-contact" in page.show and config is not None and config.safeguarding is None and not has_route:
        if support is None and support_exists:
            return  # content/support.yml has problems of its own, reported there
        message = (
            "safeguarding-contact needs a safeguarding: setting in site_config.yml (name and how_to_reach), "
            f"or a safeguarding_route: in content/{SUPPORT_FILE}"
        )
        src.problem_at(("show",), "show", message)


def _unknown(kind: str, wanted: str, known: set[str], where: str) -> str:
    return f"there is no {kind} with id '{wanted}' in {where}.{did_you_mean(wanted, known)}"


def _check_body(src: SourceFile, body: str, first_line: int, root: Path, ids: _Ids) -> None:
    for offset, line in enumerate(body.split("\n")):
        _check_links(src, line, first_line + offset, "body", ids, allow_images=True, root=root)


def _check_links(
    src: SourceFile,
    text: str,
    place: int | tuple[str | int, ...],
    field: str,
    ids: _Ids,
    allow_images: bool,
    root: Path | None = None,
) -> None:
    """Links to page:/skill:/activity: must exist; images must be files in content/assets/.

    place is the text's line, or its place in the file's YAML (looked up only for a problem:
    the YAML may have come from the parse cache, without positions).
    """

    def at() -> int:
        return place if isinstance(place, int) else position(src.node, place)[0]

    deep = nesting.too_deep(text)
    if deep is not None:
        src.collector.add(at() + deep[0], 1, field, nesting.message(deep[1]))
        return
    for match in LINK.finditer(text):
        is_image, target = match.group(1) == "!", match.group(3)
        if is_image:
            if not allow_images or root is None:
                src.collector.add(at(), match.start() + 1, field, "images belong in pages, not here; remove it")
            else:
                _check_image(src, at(), match.start() + 1, field, target, root)
            continue
        ref = REF.match(target)
        if ref and ids.missing(ref.group(1), ref.group(2)):
            kind, wanted = ref.group(1), ref.group(2)
            where = {"page": "content/pages/", "skill": "content/skills.yml", "activity": "content/activities/"}[kind]
            src.collector.add(at(), match.start() + 1, field, _unknown(kind, wanted, ids.known(kind), where))
        elif (
            not ref
            and target.split(":", 1)[0].lower() not in ("http", "https", "mailto", "tel")
            and not target.startswith("#")
        ):
            src.collector.add(
                at(),
                match.start() + 1,
                field,
                f"link '{target[:60]}' is not one we can follow: "
                "use page:ID, skill:ID, activity:ID or a web address starting https://",
            )


def _check_image(src: SourceFile, line: int, column: int, field: str, target: str, root: Path) -> None:
    message = _asset_problem(target, root)
    if message:
        src.collector.add(line, column, field, message)


def _check_asset(src: SourceFile, loc: tuple[str | int, ...], field: str, target: str, root: Path) -> None:
    message = _asset_problem(target, root)
    if message:
        src.problem_at(loc, field, message)


def _asset_problem(target: str, root: Path) -> str | None:
    """None if target is an existing file inside content/assets/, else what is wrong."""
    assets = (root / "content" / "assets").resolve()
    if not target.startswith("assets/") or ".." in target.split("/"):
        return f"image '{target[:60]}' must be a file in content/assets/, written as assets/name.png"
    path = root / "content" / target
    if not path.resolve().is_relative_to(assets):
        return f"image '{target[:60]}' points outside content/assets/; copy the real file there"
    if not path.is_file():
        return f"image file '{target[:60]}' was not found in content/assets/; check the spelling"
    return image_problem(path)
