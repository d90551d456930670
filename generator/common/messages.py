"""The interface's fixed words, per language: gettext catalogues read with Babel.

Every word a reader sees that the editor did not write ("Time", "Group size", "Page 1 of 2",
the field tooltips, the on-screen circles' buttons) is a message in
generator/locale/<language>/LC_MESSAGES/guidegen.po, so translators use their usual tools
(Poedit, Weblate). English (the message ids themselves) and Welsh are shipped. A guide can
reword any message in site_config.yml (`interface: {"Group size": "Size of group"}`), and a
translation has its own catalogue, content/translations/<lang>/interface.po (written by
`guidegen translate import`), read over the package's: both reach `Messages` as its overrides.
A message that changes with a count is reworded with a list of forms, in gettext's order.

Placeholders are Python's `%(name)s`; ngettext also gets `%(num)s`, the count.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "guidegen"
SOURCE_CODE = "en"  # the message ids are English: an English catalogue only confirms them
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# The website's scripts that show messages, through t("...") and tn(n, "one", "other"): here, beside
# the catalogues, so that the extraction (render/extract.py) and the site (site/scripts.py) agree.
CIRCLES_SCRIPT = "site/assets/circles.js"
PLANNER_SCRIPT = "site/planner/planner.js"
SCRIPTS = (CIRCLES_SCRIPT, PLANNER_SCRIPT)  # relative to the package's templates
SCRIPT_KEYWORDS: dict[str, Any] = {"t": None, "tn": (2, 3)}


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; translated where it is shown."""
    return message


@cache  # asked on every message: globbing the folder each time was a sixth of a large build's HTML time
def shipped_languages() -> tuple[str, ...]:
    """The language codes with a catalogue in generator/locale/."""
    return tuple(sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


@cache
def catalogue_code(language: str) -> str:
    """'cy-GB' -> 'cy'; a language without a catalogue falls back to English."""
    primary = language.split("-")[0].lower()
    return primary if primary in shipped_languages() else SOURCE_CODE


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalog(code: str) -> Any:
    """The Babel Catalog of one shipped language."""
    from babel.messages.pofile import read_po

    with po_path(code).open("rb") as file:
        return read_po(file, locale=code, domain=DOMAIN)


@cache
def _translations(code: str) -> Any:
    """The catalogue compiled (in memory) to gettext's MO form: Babel's Translations does the plural rules."""
    from babel.messages.mofile import write_mo
    from babel.support import Translations

    buffer = io.BytesIO()
    write_mo(buffer, catalog(code))
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def known_messages() -> frozenset[str]:
    """Every message id (the singular of a plural message), from the English catalogue."""
    return frozenset(m.id if isinstance(m.id, str) else m.id[0] for m in catalog(SOURCE_CODE) if m.id)


def placeholders(text: str) -> frozenset[str]:
    return frozenset(PLACEHOLDER.findall(text))


Wording = str | tuple[str, ...]  # one text, or a plural message's forms in gettext's order


def plural_messages() -> dict[str, str]:
    """singular -> plural id of every message that changes with a count."""
    return {m.id[0]: m.id[1] for m in catalog(SOURCE_CODE) if m.id and not isinstance(m.id, str)}


def override_problem(msgid: str, wording: Wording) -> str | None:
    """Why an `interface:` entry (or an entry of a guide's interface.po) cannot be used, or None."""
    import difflib

    if isinstance(wording, tuple):
        if msgid not in plural_messages():
            return f'"{msgid}" does not change with a count: give one wording, not a list'
        return next((p for p in (override_problem(msgid, text) for text in wording) if p), None)
    text = wording
    known = known_messages()
    if msgid not in known:
        close = difflib.get_close_matches(msgid, sorted(known), n=1, cutoff=0.6)
        hint = f' Did you mean "{close[0]}"?' if close else ""
        return f'"{msgid}" is not a word of the interface.{hint} The list is in generator/locale/en/.'
    missing = placeholders(msgid) - placeholders(text)
    extra = placeholders(text) - placeholders(msgid) - {"num"}
    if missing or extra:
        wanted = ", ".join(f"%({p})s" for p in sorted(placeholders(msgid))) or "no placeholders"
        return f'"{msgid}": the new wording must keep the same placeholders ({wanted})'
    return None


@cache
def plural_rule(language: str) -> tuple[int, Callable[[int], int]]:
    """(how many forms, count -> form index) of a language, from CLDR (Babel); English's if unknown."""
    import gettext

    from babel.messages.plurals import get_plural

    try:
        rule = get_plural(language.replace("-", "_"))
    except ValueError:
        rule = get_plural(SOURCE_CODE)
    return rule.num_plurals, gettext.c2py(rule.plural_expr)


def plural_header(language: str) -> str:
    """The PO header line a translator's tool reads to offer the right number of forms."""
    from babel.messages.plurals import get_plural

    try:
        return get_plural(language.replace("-", "_")).plural_forms
    except ValueError:
        return get_plural(SOURCE_CODE).plural_forms


@dataclass(frozen=True)
class Messages:
    """The interface in one language, with a guide's own rewordings."""

    language: str  # the guide's language tag, e.g. 'cy' or 'en-GB'
    overrides: Mapping[str, Wording] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return catalogue_code(self.language)

    def _own(self, message: str, num: int | None = None) -> str | None:
        """The guide's wording: one text, or the form for `num` of a list of forms."""
        wording = self.overrides.get(message)
        if not isinstance(wording, tuple):
            return wording
        index = plural_rule(self.language)[1](num) if num is not None else 0
        return wording[min(index, len(wording) - 1)]

    def gettext(self, message: str, **values: Any) -> str:
        text = self.raw(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, num: int, **values: Any) -> str:
        return self.raw_plural(singular, plural, num) % {"num": num, **values}

    def raw(self, message: str) -> str:
        """The wording with its placeholders, for code that fills them in itself (the booklet's footer)."""
        return self._own(message) or _translations(self.code).gettext(message)

    def raw_plural(self, singular: str, plural: str, num: int) -> str:
        """The wording for a count, its placeholders left to fill (a script in the browser does)."""
        return self._own(singular, num) or _translations(self.code).ngettext(singular, plural, num)

    def template_globals(self) -> dict[str, Callable[..., Any]]:
        """`_`, `gettext` and `ngettext` for Jinja: the wording is escaped (a guide's rewording is
        content), the values filled in are escaped unless they are already Markup."""

        def gettext(message: str, **values: Any) -> Markup:
            text = Markup(escape(self.raw(message)))
            return text % values if values else text

        def ngettext(singular: str, plural: str, num: int, **values: Any) -> Markup:
            return Markup(escape(self.raw_plural(singular, plural, num))) % {"num": num, **values}

        return {"_": gettext, "gettext": gettext, "ngettext": ngettext, "duration": self.duration}

    def duration(self, minutes: int) -> str:
        """45 -> '45 minutes', 90 -> '1 hour 30 minutes'."""
        hours, rest = divmod(minutes, 60)
        parts = [self.ngettext("%(num)s hour", "%(num)s hours", hours)] if hours else []
        if rest or not hours:
            parts.append(self.ngettext("%(num)s minute", "%(num)s minutes", rest))
        return " ".join(parts)

    def words(self, messages: tuple[str, ...]) -> dict[str, str]:
        """message id -> wording, for a script in the browser (placeholders left for it to fill)."""
        return {message: self.raw(message) for message in messages}


def indefinite(noun: str, code: str) -> str:
    """'need' -> 'a need', 'idea' -> 'an idea' in English; other languages take the noun as it is."""
    if code != "en":
        return noun
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def messages_for(config: Any) -> Messages:
    """The interface of a guide: its language (site_config.yml `language`) and its `interface:` rewordings."""
    return Messages(config.language, dict(config.interface))
