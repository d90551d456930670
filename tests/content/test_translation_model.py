"""What a translated file may hold (content/translation_model.py): words only, keyed like the source."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from generator.content.translation_model import NUMBER_KEYS, TranslatedActivity, TranslatedSupport


def test_an_activity_holds_only_its_words() -> None:
    welsh = TranslatedActivity.model_validate(
        {
            "id": "circles",
            "title": "Beth sydd bwysicaf?",
            "handout": {"rings": ["Pwysig", "Llai pwysig", "Ddim yn bwysig"]},
        }
    )
    assert welsh.handout is not None and welsh.handout.rings == ("Pwysig", "Llai pwysig", "Ddim yn bwysig")
    assert welsh.steps is None  # not translated yet: shown from the source
    for structure in ({"duration_minutes": 30}, {"skills": ["listening"]}, {"next": "questions"}):
        with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
            TranslatedActivity.model_validate({"id": "circles", **structure})
    with pytest.raises(ValidationError):  # three rings, as in the source
        TranslatedActivity.model_validate({"id": "circles", "handout": {"rings": ["Pwysig", "Llai pwysig"]}})


@pytest.mark.parametrize("key", NUMBER_KEYS)
def test_the_support_contacts_never_keep_a_number_or_when_they_were_checked(key: str) -> None:
    """How to reach a service comes only from the source: such a key is left out here (the loader
    reports it at its line, once), so a translation can never show another number."""
    welsh = TranslatedSupport.model_validate({"heading": "Os yw rhywun mewn argyfwng", key: "a number"})
    assert welsh.heading == "Os yw rhywun mewn argyfwng" and key not in welsh.model_dump()
    assert TranslatedSupport.model_validate({"names": ["Samariaid"]}).names == ("Samariaid",)
