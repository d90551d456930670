"""What a translated file may hold: only the words, keyed like the source.

Every field is optional (a missing one is shown from the source and reported by
`guidegen check`); `source_hashes` records which version of the source was translated.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from .model import ShortText, Slug, StrictModel, Text

Hashes = dict[str, str]
HASHES_DESCRIPTION = "Written by `guidegen translate import`: a short hash of each source field translated."


class TranslatedHandout(StrictModel):
    title: ShortText | None = Field(default=None, description="The handout's heading, translated.")
    instructions: Text | None = Field(default=None, description="The handout's instructions, translated.")
    note_name: ShortText | None = Field(default=None, description="What people write in the rings, translated.")
    rings: tuple[ShortText, ShortText, ShortText] | None = Field(default=None, description="The ring labels.")
    questions: tuple[ShortText, ...] | None = Field(default=None, description="The questions, one for one.")
    columns: tuple[ShortText, ...] | None = Field(default=None, description="The column headings.")
    items: tuple[ShortText, ...] | None = Field(default=None, description="The checklist's own rows.")
    rows: tuple[ShortText, ...] | None = Field(default=None, description="The table's rows.")


class TranslatedAdaptations(StrictModel):
    online: Text | None = Field(default=None, description="Running it online, translated.")
    larger_group: Text | None = Field(default=None, description="With a larger group, translated.")
    reading_support: Text | None = Field(default=None, description="When reading or writing is hard, translated.")
    sight: Text | None = Field(default=None, description="With people who are blind or partially sighted, translated.")
    hearing: Text | None = Field(default=None, description="With people who are Deaf or hard of hearing, translated.")
    mobility: Text | None = Field(default=None, description="When moving around is hard, translated.")
    interpreter: Text | None = Field(default=None, description="With an interpreter, translated.")


class TranslatedActivity(StrictModel):
    id: Slug = Field(description="The source activity's id (the same as the file name).")
    source_hashes: Hashes | None = Field(default=None, description=HASHES_DESCRIPTION)
    title: ShortText | None = Field(default=None, description="The title, translated.")
    summary: ShortText | None = Field(default=None, description="The summary, translated.")
    aim: Text | None = Field(default=None, description="The aim, translated.")
    group_size: ShortText | None = Field(default=None, description="The group size, translated.")
    materials: tuple[ShortText, ...] | None = Field(default=None, description="What to bring, one for one.")
    preparation: tuple[Text, ...] | None = Field(default=None, description="What to do beforehand, one for one.")
    steps: tuple[Text, ...] | None = Field(default=None, description="The steps, one for one, in order.")
    facilitator_notes: Text | None = Field(default=None, description="The facilitator's notes, translated.")
    attribution: Text | None = Field(default=None, description="The credit, translated.")
    handout: TranslatedHandout | None = Field(default=None, description="The handout's words.")
    adaptations: TranslatedAdaptations | None = Field(default=None, description="The adaptations' words.")


class TranslatedSession(StrictModel):
    id: Slug = Field(description="The source session's id (the same as the file name).")
    source_hashes: Hashes | None = Field(default=None, description=HASHES_DESCRIPTION)
    title: ShortText | None = Field(default=None, description="The title, translated.")
    summary: ShortText | None = Field(default=None, description="The summary, translated.")
    notes: Text | None = Field(default=None, description="The notes on the whole session, translated.")
    items: tuple[ShortText, ...] | None = Field(
        default=None, description="The items of your own (`item:` lines), one for one, in order."
    )
    item_notes: tuple[Text, ...] | None = Field(
        default=None, description="The notes of the agenda's lines, one for each line that has notes, in order."
    )


# Keys of content/support.yml that a translation never holds: how to reach a service (its number,
# its address) and when it was checked come only from the source, so they cannot differ or go stale.
NUMBER_KEYS = ("how", "checked_at", "checked", "to_check", "contacts", "local")


class TranslatedSupport(StrictModel):
    """content/translations/<lang>/support.yml: the contacts' words, never their numbers."""

    source_hashes: Hashes | None = Field(default=None, description=HASHES_DESCRIPTION)
    heading: ShortText | None = Field(default=None, description="The box's heading, translated.")
    intro: ShortText | None = Field(
        default=None, description="The sentence above the contacts, translated; its numbers exactly as the source's."
    )
    names: tuple[ShortText, ...] | None = Field(default=None, description="Each contact's name, one for one.")
    when: tuple[ShortText, ...] | None = Field(
        default=None, description="Each contact's `when:` (who it is for, its hours), one for each that has one."
    )
    sections: tuple[ShortText, ...] | None = Field(
        default=None, description="The section headings, one for each different section, in the order they appear."
    )
    local_names: tuple[ShortText, ...] | None = Field(default=None, description="The local services' names.")
    local_when: tuple[ShortText, ...] | None = Field(
        default=None, description="The local services' `when:`, one for each that has one."
    )
    safeguarding_route: tuple[ShortText, ...] | None = Field(
        default=None, description="The safeguarding route's lines, one for one; numbers exactly as the source's."
    )

    @model_validator(mode="before")
    @classmethod
    def _numbers_reported_elsewhere(cls, data: Any) -> Any:
        """The loader reports NUMBER_KEYS with their lines (content/translations.py); not twice here."""
        return {k: v for k, v in data.items() if k not in NUMBER_KEYS} if isinstance(data, dict) else data


class TranslatedSkill(StrictModel):
    id: Slug = Field(description="The source skill's id.")
    source_hashes: Hashes | None = Field(default=None, description=HASHES_DESCRIPTION)
    name: ShortText | None = Field(default=None, description="The skill's name, translated.")
    description: Text | None = Field(default=None, description="The description, translated.")
    ways_to_develop: tuple[ShortText, ...] | None = Field(default=None, description="Ways to practise, one for one.")


class TranslatedSkillsFile(StrictModel):
    skills: tuple[TranslatedSkill, ...] = Field(default=(), description="The translated skills.")


class TranslatedEasyRead(StrictModel):
    id: Slug = Field(description="The source Easy Read text's id (the same as the file name).")
    source_hashes: Hashes | None = Field(default=None, description=HASHES_DESCRIPTION)
    title: ShortText | None = Field(default=None, description="The title, translated.")
    points: tuple[Text, ...] | None = Field(default=None, description="Each point's text, one for one, in order.")
    descriptions: tuple[ShortText, ...] | None = Field(
        default=None, description="The pictures' descriptions, one for each point that has one, in order."
    )
    hard_words: tuple[ShortText, ...] | None = Field(default=None, description="The hard words, one for one.")
    meanings: tuple[ShortText, ...] | None = Field(default=None, description="Their meanings, one for one.")


class TranslatedPageMeta(StrictModel):
    title: ShortText | None = Field(default=None, description="The page's title, translated.")
    summary: ShortText | None = Field(default=None, description="The summary, translated.")
    source_hashes: Hashes | None = Field(default=None, description=HASHES_DESCRIPTION)
