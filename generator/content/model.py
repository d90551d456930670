"""The content model: one pydantic class per noun an editor writes.

Every field has a one-line description; `generator.content.reference` turns them into
docs/content-format.md so the editors' reference cannot drift from the code.
Models are frozen: renderers only read them.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60),
]


def visible(text: str) -> str:
    """Text made only of invisible characters (zero-width spaces, non-breaking spaces) is empty."""
    if all(c.isspace() or unicodedata.category(c) in ("Cf", "Zs", "Cc") for c in text):
        raise PydanticCustomError("string_too_short", "String should have at least 1 character", {"min_length": 1})
    return text


Text = Annotated[str, StringConstraints(min_length=1, max_length=5000, strip_whitespace=True), AfterValidator(visible)]
ShortText = Annotated[
    str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True), AfterValidator(visible)
]
# Only hex colours reach the CSS: nothing else can break out of a declaration.
Colour = Annotated[str, StringConstraints(pattern=r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Z]{2})?$")]
AssetPath = Annotated[str, StringConstraints(pattern=r"^assets/[A-Za-z0-9_./-]+$", max_length=200)]
FontPath = Annotated[
    str, StringConstraints(pattern=r"^assets/fonts/[A-Za-z0-9_.-]+\.(?:ttf|otf|woff2?|TTF|OTF|WOFF2?)$", max_length=200)
]
HttpUrl = Annotated[str, StringConstraints(pattern=r"^https?://[^\s\"'<>]+$", max_length=300)]


def _paper_name(value: object) -> object:
    """'letter', 'a4', 'US Letter' -> the names we use; anything else is left for the error."""
    if isinstance(value, str):
        key = " ".join(value.lower().split()).removeprefix("us ")
        return {"a4": "A4", "letter": "Letter"}.get(key, value)
    return value


class StrictModel(BaseModel):
    """Unknown keys are errors, so a misspelt key is reported instead of ignored.

    defer_build: a model's validator is built when it first validates, not on import: a warm
    `guidegen check` takes every model from the cache (content/model_cache.py) and builds none.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


def build_validators() -> None:
    """Build every content model's validator and serializer now rather than when first used.

    A build calls this before it forks its PDF workers: built once in the parent, they are
    shared with every worker and copy, as they were when pydantic built them on import.
    """
    waiting: list[type[BaseModel]] = [StrictModel]
    while waiting:
        model = waiting.pop()
        waiting += model.__subclasses__()
        if not model.__pydantic_complete__:
            model.model_rebuild()


def as_data(value: Any) -> Any:
    """A model's fields as model_dump() gives them (models as dicts, containers kept), without
    building the model's serializer, which a warm `guidegen check` would build for this alone."""
    if isinstance(value, BaseModel):
        return {name: as_data(field) for name, field in value.__dict__.items()}
    if isinstance(value, tuple | list):
        return type(value)(as_data(item) for item in value)
    if isinstance(value, dict):
        return {key: as_data(item) for key, item in value.items()}
    return value


# ---------------------------------------------------------------- site_config.yml

# Settings renamed since guides were written with the old name: old -> new. The old key is still
# read (`guidegen check` warns at its line); both at once is a problem, as any unknown key is.
RENAMED_SETTINGS = {"editions": "variants"}


def _renamed_settings(data: Any) -> Any:
    """The old name of a setting read as the new one, unless the new one is written too."""
    if not isinstance(data, dict):
        return data
    old = {name: new for name, new in RENAMED_SETTINGS.items() if name in data and new not in data}
    return {old.get(key, key): value for key, value in data.items()} if old else data


class Licence(StrictModel):
    name: ShortText = Field(description="The licence's short name.", examples=["CC BY-NC-SA 4.0"])
    url: HttpUrl | None = Field(
        default=None,
        description="Where readers can read the licence.",
        examples=["https://creativecommons.org/licenses/by-nc-sa/4.0/"],
    )


class Brand(StrictModel):
    primary: Colour = Field(
        default="#1d4e89",
        description="Main colour (header, headings) as a hex code.",
        examples=["#1d4e89"],
    )
    accent: Colour = Field(
        default="#8a1c7c",
        description="Colour for links and buttons as a hex code.",
        examples=["#8a1c7c"],
    )
    logo: AssetPath | None = Field(
        default=None,
        description="Logo image inside content/assets/ (SVG or PNG).",
        examples=["assets/logo.svg"],
    )


class TermSuggestion(StrictModel):
    term: ShortText = Field(description="The word or phrase to flag.", examples=["service user"])
    suggestion: ShortText = Field(description="What to write instead.", examples=["member"])


class Checks(StrictModel):
    reading_ease_min: float = Field(
        default=60,
        ge=0,
        le=100,
        description="Warn when a page's Flesch reading ease is below this.",
        examples=[60],
    )
    max_sentence_words: int = Field(
        default=30, ge=5, le=200, description="Warn about sentences longer than this.", examples=[30]
    )
    extra_terms: tuple[TermSuggestion, ...] = Field(
        default=(),
        description="Your own words to flag, each with a suggestion.",
        examples=[[{"term": "service user", "suggestion": "member"}]],
    )


class SafeguardingContact(StrictModel):
    name: ShortText = Field(
        description="Who the group goes to with a worry about someone's safety: a name or a role.",
        examples=["Our safeguarding lead at the Riverside Centre"],
    )
    how_to_reach: ShortText = Field(
        description="How to reach them: a phone number, an email address or where to find them.",
        examples=["Phone 01234 567890 on weekdays, or ask at reception"],
    )


# One wording, or the forms of a message that changes with a count ("%(num)s minute"), in gettext's order.
InterfaceWording = ShortText | tuple[ShortText, ...]


class TranslationSettings(StrictModel):
    language: LanguageTag = Field(description="The language of the translation.", examples=["cy"])
    title: ShortText | None = Field(default=None, description="The guide's title in this language.")
    description: ShortText | None = Field(default=None, description="The one-sentence description in this language.")
    organisation: ShortText | None = Field(default=None, description="The publisher's name in this language.")
    interface: dict[ShortText, InterfaceWording] = Field(
        default_factory=dict,
        description="Your own wording for words of the interface in this language (read over the "
        "translation's own catalogue, content/translations/<language>/interface.po).",
    )

    @field_validator("interface")
    @classmethod
    def _known_interface_words(cls, value: dict[str, Any]) -> dict[str, Any]:
        return _checked_interface(value)


# GitHub's own rules: an owner is letters, digits and hyphens (at most 39); a repository name
# also allows dots and underscores, but is never only dots.
GitHubRepo = Annotated[
    str,
    StringConstraints(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]*[A-Za-z0-9_-][A-Za-z0-9._-]*$", max_length=140
    ),
]
BranchName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$")]


class EditingSettings(StrictModel):
    backend: Literal["github"] = Field(
        description="Where the guide's files are kept for the website's editor: github (the only one today).",
        examples=["github"],
    )
    repo: GitHubRepo = Field(
        description="The guide's repository on GitHub, as OWNER/NAME.", examples=["my-charity/peer-guide"]
    )
    branch: BranchName = Field(
        default="main",
        description="The branch the website is published from; each change is a pull request into it.",
        examples=["main"],
    )
    base_url: HttpUrl | None = Field(
        default=None,
        description="The address of the OAuth proxy editors log in through (Decap CMS's base_url); "
        "without it, Decap uses Netlify's. See the README's 'Editing on the published website'.",
    )
    auth_endpoint: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._/-]{1,100}$")] | None = Field(
        default=None,
        description="The path of the login on that proxy, if it is not auth (Decap CMS's auth_endpoint).",
    )


def interface_problem(msgid: str, wording: str | tuple[str, ...]) -> str | None:
    """Why a rewording of an interface message cannot be used (unknown message, placeholders lost), or None."""
    from ..common.messages import override_problem

    return override_problem(msgid, wording)


def _checked_interface(value: dict[str, Any]) -> dict[str, Any]:
    problems = [p for p in (interface_problem(k, v) for k, v in value.items()) if p]
    if problems:
        raise ValueError("; ".join(problems))
    return value


def _translation_item(value: object) -> object:
    """`translations: [cy]` is short for `translations: [{language: cy}]`."""
    return {"language": value} if isinstance(value, str) else value


class SiteConfig(StrictModel):
    title: ShortText = Field(description="The guide's title.", examples=["Peer leadership in peer support groups"])
    slug: Slug = Field(
        description="Short name used in file names, e.g. the offline zip.",
        examples=["peer-leadership"],
    )
    organisation: ShortText = Field(description="Who publishes the guide.", examples=["Riverside Peer Support Network"])
    description: ShortText | None = Field(default=None, description="One sentence for search engines and the cover.")
    language: LanguageTag = Field(default="en-GB", description="Language of the content.", examples=["en-GB"])
    licence: Licence = Field(description="The licence the guide is published under.")
    attribution: Text | None = Field(
        default=None,
        description="Credit for sources the guide draws on, shown in the footer.",
    )
    brand: Brand = Field(default_factory=Brand, description="Colours and logo.")
    paper: Annotated[Literal["A4", "Letter"], BeforeValidator(_paper_name)] = Field(
        default="A4",
        description="Paper size of the handouts: A4 or Letter (posters are A3 or Tabloid, twice the size).",
        examples=["A4"],
    )
    site_url: HttpUrl | None = Field(
        default=None,
        description="Where the website will be published.",
        examples=["https://example.org/guide/"],
    )
    outputs: tuple[Literal["site", "pdf", "offline"], ...] = Field(
        default=("site", "pdf", "offline"),
        description="Which outputs `guidegen build` makes.",
        examples=[["site", "pdf", "offline"]],
    )
    engine: Literal["mkdocs", "zensical"] = Field(
        default="mkdocs",
        description="The website engine: mkdocs (mkdocs-material) or zensical, its successor "
        "(install it with `pip install 'guidegen[zensical]'`; see the README's 'Website engines').",
        examples=["mkdocs"],
    )
    checks: Checks = Field(default_factory=Checks, description="Settings for `guidegen check`.")
    fonts: tuple[FontPath, ...] = Field(
        default=(),
        max_length=10,
        description=(
            "Font files in content/assets/fonts/ for letters Atkinson Hyperlegible Next lacks (other scripts), "
            "tried in this order on the website and in every PDF."
        ),
        examples=[["assets/fonts/NotoSansSC-Regular.otf"]],
    )
    variants: tuple[Literal["a5-booklet", "large-print", "epub", "easy-read"], ...] = Field(
        default=("a5-booklet", "large-print", "epub", "easy-read"),
        description=(
            "Other variants made with the PDFs: the booklet at A5 for fold-and-staple printing, "
            "large print, an EPUB e-book, the Easy Read PDF (when content/easy-read/ has texts). "
            "Leave one out to turn it off."
        ),
        examples=[["a5-booklet", "large-print", "epub", "easy-read"]],
    )
    safeguarding: SafeguardingContact | None = Field(
        default=None,
        description="The group's safeguarding contact, shown on pages that ask for it (front matter `show:`), "
        "above the safeguarding route of content/support.yml. `check` warns while it is the example text, "
        "and `check --strict` and `publish` refuse it.",
    )
    qr_codes: bool = Field(
        default=True,
        description="Print a QR code with the page's short web address on each handout, poster and "
        "session agenda (only when site_url is set).",
        examples=[True],
    )

    interface: dict[ShortText, InterfaceWording] = Field(
        default_factory=dict,
        description="Your own wording for words of the interface (headings, buttons, tooltips), by their "
        "English text; for a word that changes with a count, a list of its forms in gettext's order. "
        "The full list is in generator/locale/en/LC_MESSAGES/guidegen.po.",
        examples=[{"Group size": "Size of group"}],
    )

    editing: EditingSettings | None = Field(
        default=None,
        description="Publish the browser editor at /admin/ of the website: each change an editor saves there "
        "becomes a pull request on GitHub. Left out: no editor is published. The offline zip never has one.",
        examples=[{"backend": "github", "repo": "my-charity/peer-guide", "branch": "main"}],
    )

    translations: tuple[Annotated[TranslationSettings, BeforeValidator(_translation_item)], ...] = Field(
        default=(),
        description="Translations, each in content/translations/<language>/; a language alone, or with "
        "its own title, description, organisation and interface wording.",
        examples=[["cy"]],
    )

    @model_validator(mode="before")
    @classmethod
    def _old_names(cls, data: Any) -> Any:
        return _renamed_settings(data)

    @field_validator("interface")
    @classmethod
    def _known_interface_words(cls, value: dict[str, Any]) -> dict[str, Any]:
        return _checked_interface(value)


# ---------------------------------------------------------------- pages


PageBox = Literal["support-contacts", "safeguarding-contact"]


class PageFrontMatter(StrictModel):
    title: ShortText = Field(description="The page title.", examples=["What is peer leadership?"])
    summary: ShortText | None = Field(default=None, description="One sentence for the contents list.")
    order: int = Field(default=100, ge=0, le=10000, description="Position in the guide, smallest first.", examples=[1])
    show: tuple[PageBox, ...] = Field(
        default=(),
        description="Boxes shown at the top of the page: support-contacts (from content/support.yml), "
        "safeguarding-contact (the group's contact from site_config.yml and the safeguarding route from "
        "content/support.yml).",
        examples=[["support-contacts"]],
    )


class Page(StrictModel):
    id: Slug
    title: str
    summary: str | None
    order: int
    body: str
    source: str
    body_line: int
    show: tuple[PageBox, ...] = ()


# ---------------------------------------------------------------- skills


class Skill(StrictModel):
    id: Slug = Field(
        description="Short name used in links: lowercase letters, digits and hyphens.",
        examples=["listening"],
    )
    name: ShortText = Field(description="The skill's name.", examples=["Listening"])
    description: Text = Field(description="What the skill is, in a few sentences.")
    ways_to_develop: tuple[ShortText, ...] = Field(
        min_length=1,
        description="Ways to practise the skill, one per line.",
        examples=[["Notice when you want to interrupt, and wait."]],
    )


class SkillsFile(StrictModel):
    skills: tuple[Skill, ...] = Field(min_length=1, description="The list of skills.")


# ---------------------------------------------------------------- content/support.yml


class SupportContact(StrictModel):
    name: ShortText = Field(description="The service's name.", examples=["Samaritans"])
    how: ShortText = Field(description="How to reach it, with the number, in a few words.", examples=["Call 116 123"])
    when: ShortText | None = Field(
        default=None,
        description="When to use it, or who it is for, in a few words.",
        examples=["Free, day or night, for anyone who is struggling"],
    )
    section: ShortText | None = Field(
        default=None,
        description="A heading to list it under, e.g. the nation it serves; contacts with the same section "
        "are shown together, in the order the sections first appear.",
        examples=["Wales"],
    )
    checked_at: HttpUrl = Field(
        description="The service's own web page where the details were checked.",
        examples=["https://www.samaritans.org/how-we-can-help/contact-samaritan/"],
    )
    to_check: bool = Field(
        default=False,
        description="true until someone has checked this contact against checked_at: `guidegen check` warns, "
        "and `check --strict` refuses it. `guidegen init` writes every contact with `to_check: true`.",
        examples=[False],
    )


class LocalService(StrictModel):
    """A service near the group (a crisis team, a crisis café): the group knows it, so no web page is asked for."""

    name: ShortText = Field(description="The service's name.", examples=["Riverside crisis café"])
    how: ShortText = Field(
        description="How to reach it: a number, an address or where to find it.", examples=["Call 01234 567890"]
    )
    when: ShortText | None = Field(
        default=None, description="When it is open, or who it is for.", examples=["Open 6pm to midnight, every day"]
    )


class SupportFile(StrictModel):
    heading: ShortText = Field(
        default="If someone is in crisis",
        description="Heading of the box of contacts on every activity page and handout.",
    )
    intro: ShortText | None = Field(
        default=None,
        description="One sentence above the contacts.",
        examples=["If a life is at risk now, call 999 or go to A&E."],
    )
    checked: date = Field(
        description="The date someone last checked every contact against the services' own pages "
        "(YYYY-MM-DD). `guidegen check` warns when it is more than a year old.",
        examples=["2026-11-30"],
    )
    contacts: tuple[SupportContact, ...] = Field(
        min_length=1, max_length=30, description="The crisis and support contacts, most urgent first."
    )
    local: tuple[LocalService, ...] = Field(
        default=(),
        max_length=10,
        description="Services near the group (the local crisis team, a crisis café), filled in by the group; "
        "shown with the contacts only when there are any.",
        examples=[[{"name": "Riverside crisis café", "how": "Call 01234 567890", "when": "Open 6pm to midnight"}]],
    )
    safeguarding_route: tuple[ShortText, ...] = Field(
        default=(),
        max_length=10,
        description="Where anyone can take a worry about someone's safety, one line each, shown in the "
        "safeguarding box under the group's own contact (site_config.yml `safeguarding:`), or alone without one.",
        examples=[["If someone is in danger right now, call 999."]],
    )


# ---------------------------------------------------------------- handouts


class ThreeCirclesHandout(StrictModel):
    kind: Literal["three-circles"]
    title: ShortText | None = Field(default=None, description="Heading on the handout.")
    instructions: Text | None = Field(default=None, description="What to write where.")
    rings: tuple[ShortText, ShortText, ShortText] = Field(
        description="The three ring labels, centre first.",
        examples=[["Important", "Less important", "Not important"]],
    )
    note_name: ShortText | None = Field(
        default=None,
        description="What people write in the rings, one of them, in lowercase: the on-screen circles say "
        "'Type a need…'. Without it they say 'note'.",
        examples=["need"],
    )


class QuestionsHandout(StrictModel):
    kind: Literal["questions"]
    title: ShortText | None = Field(default=None, description="Heading on the handout.")
    instructions: Text | None = Field(default=None, description="What to do with the questions.")
    questions: tuple[ShortText, ...] = Field(
        min_length=1,
        max_length=30,
        description="The questions, each with a space to answer.",
        examples=[["How does our group run now?"]],
    )


class ChecklistHandout(StrictModel):
    kind: Literal["checklist"]
    title: ShortText | None = Field(default=None, description="Heading on the handout.")
    instructions: Text | None = Field(default=None, description="How to fill in the checklist.")
    columns: tuple[ShortText, ...] = Field(
        default=("I do this well", "I'd like to develop this"),
        min_length=1,
        max_length=4,
        description="Headings of the tick-box columns.",
    )
    from_skills: bool = Field(default=False, description="Add one row for every skill in skills.yml.", examples=[True])
    first_column: ShortText | None = Field(
        default=None,
        description="Heading of the first column; by default 'Skill' with from_skills, else 'To check'.",
        examples=["Our plan"],
    )
    items: tuple[ShortText, ...] = Field(
        default=(), description="Rows of your own, one per line.", examples=[["Arrive early"]]
    )


class TableHandout(StrictModel):
    kind: Literal["table"]
    title: ShortText | None = Field(default=None, description="Heading on the handout.")
    instructions: Text | None = Field(default=None, description="How to fill in the table.")
    first_column: ShortText | None = Field(
        default=None,
        description="Heading of the first column, which holds the rows (default: 'Task' in the guide's language).",
        examples=["Task"],
    )
    columns: tuple[ShortText, ...] = Field(
        min_length=1,
        max_length=4,
        description="Headings of the columns to write in.",
        examples=[["Who leads", "Who supports"]],
    )
    rows: tuple[ShortText, ...] = Field(
        min_length=1,
        max_length=40,
        description="One row per task.",
        examples=[["Booking the venue"]],
    )
    blank_rows: int = Field(
        default=0, ge=0, le=20, description="Extra empty rows for the group's own tasks.", examples=[2]
    )


Handout = Annotated[
    ThreeCirclesHandout | QuestionsHandout | ChecklistHandout | TableHandout,
    Field(discriminator="kind"),
]
HANDOUT_KINDS = ("three-circles", "questions", "checklist", "table")


# ---------------------------------------------------------------- activities


class Step(StrictModel):
    """One step of an activity; a plain line of text in the YAML is a step without minutes."""

    text: Text = Field(description="What to do in this step.")
    minutes: int | None = Field(
        default=None, ge=1, le=600, description="Roughly how long the step takes, in whole minutes.", examples=[10]
    )


class Adaptations(StrictModel):
    online: Text | None = Field(
        default=None, description="How to run the activity online, or with some people on a call."
    )
    larger_group: Text | None = Field(default=None, description="How to run it with more people than usual.")
    reading_support: Text | None = Field(
        default=None, description="How to run it when some people find reading or writing hard."
    )
    sight: Text | None = Field(
        default=None, description="How to run it with people who are blind or partially sighted."
    )
    hearing: Text | None = Field(
        default=None, description="How to run it with people who are Deaf or have hearing loss."
    )
    mobility: Text | None = Field(
        default=None, description="How to run it when moving around, standing or writing by hand is hard."
    )
    interpreter: Text | None = Field(
        default=None, description="How to run it with a language or BSL interpreter in the room or on the call."
    )


class Activity(StrictModel):
    id: Slug = Field(description="Short name used in links and file names.", examples=["good-facilitation"])
    title: ShortText = Field(description="The activity's title.", examples=["What makes good facilitation?"])
    order: int = Field(default=100, ge=0, le=10000, description="Position in the list, smallest first.")
    summary: ShortText | None = Field(default=None, description="One sentence for the activity card.")
    aim: Text = Field(description="What the group gets from the activity.")
    duration_minutes: int = Field(ge=1, le=600, description="How long it takes, in whole minutes.", examples=[30])
    group_size: ShortText = Field(description="How many people it suits.", examples=["4 to 12 people"])
    materials: tuple[ShortText, ...] = Field(default=(), description="What to bring, one per line.")
    materials_online: tuple[ShortText, ...] = Field(
        default=(), description="What you need when the group meets online, one per line."
    )
    preparation: tuple[Text, ...] = Field(default=(), description="What to do beforehand, one per line.")
    steps: tuple[Step, ...] = Field(
        min_length=1,
        description="What to do, in order: one line per step, or `text:` with `minutes:` to time it. "
        "The minutes together must not come to more than duration_minutes.",
        examples=[[{"text": "Welcome everyone and go over the group agreement.", "minutes": 5}]],
    )
    adaptations: Adaptations | None = Field(
        default=None,
        description="Ways to change the activity: online, larger_group, reading_support, sight, hearing, "
        "mobility, interpreter.",
    )
    facilitator_notes: Text | None = Field(
        default=None, description="Tips for the facilitator. Never printed on participant handouts."
    )
    skills: tuple[Slug, ...] = Field(
        default=(), description="Ids of the skills it practises, from skills.yml.", examples=[["listening"]]
    )
    next: Slug | None = Field(default=None, description="Id of the activity that follows.")
    attribution: Text | None = Field(default=None, description="Credit for where the activity comes from.")
    handout: Handout | None = Field(default=None, description="The printable handout, if any.")

    @field_validator("steps", mode="before")
    @classmethod
    def _plain_steps(cls, value: Any) -> Any:
        """A plain line of text is a step without minutes (older guides write only those)."""
        if isinstance(value, list | tuple):
            return [{"text": item} if isinstance(item, str) else item for item in value]
        return value

    @property
    def timed_minutes(self) -> int:
        """The minutes of the steps that give them."""
        return sum(step.minutes or 0 for step in self.steps)


# ---------------------------------------------------------------- sessions

Clock = Annotated[str, StringConstraints(pattern=r"^(?:[01]?[0-9]|2[0-3]):[0-5][0-9]$")]


class SessionItem(StrictModel):
    """One line of a session's agenda: an activity, a break or an item of your own (exactly one)."""

    activity: Slug | None = Field(
        default=None,
        description="Id of an activity: its time, materials, handout and notes come with it.",
        examples=["good-facilitation"],
    )
    break_minutes: int | None = Field(
        default=None, alias="break", ge=1, le=240, description="A break of this many minutes.", examples=[15]
    )
    item: ShortText | None = Field(
        default=None, description="An item of your own, e.g. a welcome; give its minutes too.", examples=["Welcome"]
    )
    minutes: int | None = Field(
        default=None,
        ge=1,
        le=600,
        description="How long it takes; for an activity, replaces the activity's own time.",
        examples=[10],
    )
    notes: Text | None = Field(
        default=None,
        description="Notes for the facilitator. Only in the facilitators' guide: the session page "
        "and the session pack, never the agenda or anything for participants.",
    )


class Session(StrictModel):
    id: Slug = Field(description="Short name used in links and file names.", examples=["first-meeting"])
    title: ShortText = Field(description="The session's title.", examples=["Our first meeting"])
    order: int = Field(default=100, ge=0, le=10000, description="Position in the list, smallest first.")
    summary: ShortText | None = Field(default=None, description="One sentence for the list of sessions.")
    start: Clock | None = Field(
        default=None,
        description="When it starts, on the 24-hour clock in quotes: gives clock times.",
        examples=["18:30"],
    )
    length_minutes: int | None = Field(
        default=None,
        ge=5,
        le=1440,
        description="How long the session may take: `check` warns when the plan runs over or far under.",
        examples=[120],
    )
    notes: Text | None = Field(
        default=None, description="Notes for the facilitator about the whole session (facilitators' guide only)."
    )
    items: tuple[SessionItem, ...] = Field(
        min_length=1, max_length=40, description="The agenda, in order.", examples=[[{"activity": "good-facilitation"}]]
    )


# ---------------------------------------------------------------- Easy Read

# A picture: one of the bundled set by name (see docs/content-format.md), or a file in content/assets/.
PICTURE_NAME = r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*|assets/[A-Za-z0-9_./-]+)$"
PictureName = Annotated[str, StringConstraints(pattern=PICTURE_NAME, max_length=200)]
# What an Easy Read text is the version of: the home page, a page or an activity.
EASY_READ_OF = r"^(?:home|page:[a-z0-9-]+|activity:[a-z0-9-]+)$"
EasyReadOf = Annotated[str, StringConstraints(pattern=EASY_READ_OF)]


class EasyReadPoint(StrictModel):
    """One point: a short text with a picture beside it."""

    text: Text = Field(
        description="One idea in one or two short sentences (15 words or fewer each). Put a hard word in "
        "**bold** and explain it under hard_words.",
        examples=["We meet every week to **share** how we feel."],
    )
    picture: PictureName | None = Field(
        default=None,
        description="The picture beside the point: a name from the bundled set (e.g. phone-call), or your own "
        "file written as assets/name.svg (or .png).",
        examples=["people-together"],
    )
    description: ShortText | None = Field(
        default=None,
        description="What the picture shows, for people who cannot see it (its alternative text).",
        examples=["Two people holding hands"],
    )


class HardWord(StrictModel):
    word: ShortText = Field(description="The hard word, as it is written in the points.", examples=["private"])
    meaning: ShortText = Field(
        description="What it means, in one or two short sentences.",
        examples=["Private means we do not tell other people."],
    )


class EasyRead(StrictModel):
    """An Easy Read version of a page (content/easy-read/<id>.yml): points with pictures, and hard words."""

    id: Slug = Field(description="Short name used in links and file names: the file's name.", examples=["crisis"])
    title: ShortText = Field(description="The title, in plain words.", examples=["If someone is in crisis"])
    version_of: EasyReadOf | None = Field(
        default=None,
        description="What it is the Easy Read version of: home, page:ID or activity:ID. That page links to it.",
        examples=["page:if-someone-is-in-crisis"],
    )
    order: int = Field(default=100, ge=0, le=10000, description="Position in the Easy Read list, smallest first.")
    points: tuple[EasyReadPoint, ...] = Field(
        min_length=1, max_length=40, description="The points, in order: each a short text and a picture."
    )
    contacts: bool = Field(
        default=False,
        description="Show the crisis and support contacts (from content/support.yml) after the points.",
        examples=[True],
    )
    hard_words: tuple[HardWord, ...] = Field(
        default=(), max_length=30, description="Hard words used in the points, each with its meaning."
    )


# ---------------------------------------------------------------- the whole guide


# id -> item for the last few tuples of items looked up by id. Renderers look items up for every
# link, and a scan per lookup made a 2,000-activity guide's HTML grow with the square of its size.
# Kept outside the model, so that guides still compare by their content; keyed by the tuple's
# identity (the tuple is held, so its id is not reused while it is here).
_INDEXES: dict[int, tuple[tuple[Any, ...], dict[str, Any]]] = {}


def _by_id(items: tuple[Any, ...]) -> dict[str, Any]:
    known = _INDEXES.get(id(items))
    if known is None or known[0] is not items:
        if len(_INDEXES) >= 32:  # a preview loads the guide again on every save
            _INDEXES.clear()
        index: dict[str, Any] = {}
        for item in items:
            index.setdefault(item.id, item)  # the first, as a scan would find
        known = _INDEXES[id(items)] = (items, index)
    return known[1]


class Guide(StrictModel):
    """Everything the renderers need; nothing reads content/ after the loader."""

    root: Path
    config: SiteConfig
    home: Page
    pages: tuple[Page, ...]
    skills: tuple[Skill, ...]
    activities: tuple[Activity, ...]
    sessions: tuple[Session, ...] = ()
    easy_read: tuple[EasyRead, ...] = ()
    # "participants": facilitator notes, session notes, packs and the booklet are left out.
    audience: Literal["facilitators", "participants"] = "facilitators"

    support: SupportFile | None = None
    # A translation only: items shown in the source language ("page:ID", "skill:ID",
    # "activity:ID", "easy-read:ID", "session:ID", "support:contacts", "home:index"), and that language.
    untranslated: frozenset[str] = frozenset()
    source_language: str | None = None

    def session(self, session_id: str) -> Session:
        return cast(Session, _by_id(self.sessions)[session_id])

    def activity(self, activity_id: str) -> Activity:
        return cast(Activity, _by_id(self.activities)[activity_id])

    def skill(self, skill_id: str) -> Skill:
        return cast(Skill, _by_id(self.skills)[skill_id])

    @property
    def content_dir(self) -> Path:
        return self.root / "content"
