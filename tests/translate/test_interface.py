"""The interface's words through the translators' tools (issue 26 point 7): `translate export LANG
--interface`, then `translate import LANG FILE` writes the guide's own catalogue,
content/translations/<lang>/interface.po, read over guidegen's; no file of the package changes."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import polib
import pytest

from generator.cli import main
from generator.common.messages import LOCALE_DIR, messages_for
from generator.content.loader import load_guide
from generator.content.model import TranslationSettings
from generator.content.translations import translated_guide
from generator.translate.interface import MARKER, is_interface_file

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "translated"
CATALOGUE = Path("content") / "translations" / "cy" / "interface.po"


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "guide"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def package_catalogues() -> dict[str, str]:
    return {p.as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in LOCALE_DIR.rglob("*") if p.is_file()}


def export(capsys: pytest.CaptureFixture[str], guide: Path, path: Path, language: str = "cy") -> polib.POFile:
    code, _, err = run(capsys, "translate", "export", language, "--interface", "-o", str(path), "--guide", str(guide))
    assert code == 0, err
    return polib.pofile(str(path))


def welsh_messages(guide: Path) -> object:
    return messages_for(translated_guide(load_guide(guide), TranslationSettings(language="cy")).config)


def test_export_offers_every_message_with_the_shipped_wording(
    guide: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = export(capsys, guide, tmp_path / "ui.po")
    assert po.metadata[MARKER] == "interface" and "nplurals=6" in po.metadata["Plural-Forms"]
    assert is_interface_file(po)
    guide_texts = tmp_path / "cy.po"
    assert run(capsys, "translate", "export", "cy", "-o", str(guide_texts), "--guide", str(guide))[0] == 0
    assert not is_interface_file(polib.pofile(str(guide_texts)))  # the guide's texts: each entry has its context
    entries = {e.msgid: e for e in po}
    assert entries["Group size"].msgstr == "Maint y grŵp"
    minute = entries["%(num)s minute"]
    assert minute.msgid_plural == "%(num)s minutes" and len(minute.msgstr_plural) == 6
    assert set(minute.msgstr_plural.values()) == {"%(num)s munud"}


def test_a_language_without_a_catalogue_gets_every_message_to_translate(
    guide: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = guide / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - language: ur\n", encoding="utf-8")
    po = export(capsys, guide, tmp_path / "ur.po", "ur")
    assert po.metadata["Language"] == "ur" and "nplurals=2" in po.metadata["Plural-Forms"]
    assert len(po) > 200 and not [e for e in po if e.translated()]


def test_round_trip_writes_the_guides_catalogue_and_never_the_package(
    guide: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = package_catalogues()
    path = tmp_path / "ui.po"
    po = export(capsys, guide, path)
    # Exported and imported unchanged: the guide needs no catalogue of its own.
    assert run(capsys, "translate", "import", "cy", str(path), "--guide", str(guide))[0] == 0
    assert not (guide / CATALOGUE).exists()
    for entry in po:
        if entry.msgid == "Group size":
            entry.msgstr = "Maint y criw"
        if entry.msgid == "%(num)s minute":
            entry.msgstr_plural = {i: "%(num)s mun." for i in range(6)}
    po.save(str(path))
    code, out, err = run(capsys, "translate", "import", "cy", str(path), "--guide", str(guide))
    assert code == 0, err
    assert f"Wrote {CATALOGUE.as_posix()}" in out
    written = polib.pofile(str(guide / CATALOGUE))
    assert sorted(e.msgid for e in written) == ["%(num)s minute", "Group size"]  # only what differs
    messages = welsh_messages(guide)
    assert messages.gettext("Group size") == "Maint y criw"  # type: ignore[attr-defined]
    assert messages.duration(2) == "2 mun."  # type: ignore[attr-defined]
    assert messages.gettext("Time") == "Amser"  # type: ignore[attr-defined]  # the rest: guidegen's Welsh
    assert package_catalogues() == before
    # The next export offers the guide's wording.
    assert {e.msgid: e.msgstr for e in export(capsys, guide, path)}["Group size"] == "Maint y criw"


def test_a_wrong_entry_names_its_line_and_changes_nothing(
    guide: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ui.po"
    po = export(capsys, guide, path)
    for entry in po:
        if entry.msgid == "Group size":
            entry.msgstr = "Maint y \u202egrŵp"  # a right-to-left override: hides the order of the letters
        if entry.msgid == "Page %(number)s of %(total)s":
            entry.msgstr = "Tudalen %(number)s"  # a placeholder lost
    po.append(polib.POEntry(msgid="No such message", msgstr="Dim"))
    po.save(str(path))
    lines = {e.msgid: e.linenum for e in polib.pofile(str(path))}
    code, _, err = run(capsys, "translate", "import", "cy", str(path), "--guide", str(guide))
    assert code == 1 and "Traceback" not in err
    assert f"{path}:{lines['Group size']}:1: msgstr: holds invisible direction controls (U+202E" in err
    assert f"{path}:{lines['Page %(number)s of %(total)s']}:1: msgstr:" in err and "placeholders" in err
    assert f'{path}:{lines["No such message"]}:1: msgstr: "No such message" is not a word of the interface' in err
    assert "Found 3 problems" in err and "Nothing was changed" in err
    assert not (guide / CATALOGUE).exists()


def test_a_hand_edited_catalogue_is_checked_by_check_and_build(guide: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (guide / CATALOGUE).write_text('msgid "Group size"\nmsgstr "Maint \u2067y grŵp"\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "--guide", str(guide))
    assert code == 1 and "Traceback" not in err
    assert f"{CATALOGUE.as_posix()}:1:1: msgstr: holds invisible direction controls (U+2067" in err


def test_interface_words_no_font_can_draw_are_a_problem_with_their_line(
    guide: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bad-input rule: a letter none of the guide's fonts has would print as a box."""
    (guide / CATALOGUE).write_text('msgid "Group size"\nmsgstr "گروپ کا سائز"\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "--guide", str(guide))
    assert code == 1 and "Traceback" not in err
    assert f"{CATALOGUE.as_posix()}:2:9: text:" in err and "NotoNaskhArabic-Regular.ttf" in err
