"""A part of a translation not yet translated: the notice in the reader's language and the
language (and direction) its text is really in, for the PDFs and the e-book alike."""

from __future__ import annotations

from typing import Any

from ..common.messages import messages_for
from ..content.model import Guide
from .direction import text_direction

NOTICE = "This part is not yet translated. It is shown in %(language)s."


def untranslated(guide: Guide, key: str) -> dict[str, Any]:
    """For item key ('page:ID', 'activity:ID'): notice, source_lang and source_dir, all None
    when the item is translated or the guide is the source."""
    if key not in guide.untranslated or guide.source_language is None:
        return {"notice": None, "source_lang": None, "source_dir": None}
    from babel import Locale

    name = Locale.parse(guide.source_language.split("-")[0]).get_display_name(guide.config.language.split("-")[0])
    notice = messages_for(guide.config).gettext(NOTICE, language=name)
    source = guide.source_language
    return {"notice": notice, "source_lang": source, "source_dir": text_direction(source)}
