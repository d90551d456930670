"""What a translated file may hold: only the words, keyed like the source.

Every field is optional (a missing one is shown from the source and reported by
`guidegen check`); `source_hashes` records which version of the source was translated.
"""

from __future__ import annotations

from pydantic import Field

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
