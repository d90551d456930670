"""The safeguarding route, local services, contacts still to check and the scaffold's example text:
what each output is given, what `check` says (file:line), and what `--strict` and `publish` refuse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.checks import check_guide
from generator.cli import main
from generator.content.loader import load_guide
from generator.content.model import Guide
from generator.epub.documents import documents
from generator.errors import ContentError, Problem, counted
from generator.pdf.html import booklet_parts, handout_html
from generator.site.pages import all_pages

SCAFFOLD_SUPPORT = (
    Path(__file__).resolve().parents[2] / "generator" / "templates" / "scaffold" / "guide" / "support.yml"
)
EXAMPLE = "Put their phone number or email address here, in site_config.yml"


def set_safeguarding(root: Path, how: str) -> int:
    """Give site_config.yml a safeguarding contact; return the line of how_to_reach."""
    config = root / "site_config.yml"
    text = config.read_text(encoding="utf-8")
    text += f"safeguarding:\n  name: Our safeguarding lead\n  how_to_reach: {how}\n"
    config.write_text(text, encoding="utf-8")
    return text.count("\n")


def every_output_text(guide: Guide) -> str:
    """What the site's Markdown, every handout, the booklet and the EPUB are made from."""
    site = "".join(p.markdown for p in all_pages(guide, {}))
    handouts = "".join(handout_html(guide, a, None) for a in guide.activities)
    booklet = "".join(part.html for part in booklet_parts(guide, None))
    epub = "".join(d.xhtml for d in documents(guide))
    return site + handouts + booklet + epub


def test_the_example_contact_is_given_to_no_output_and_the_route_is(guide_copy: Path) -> None:
    set_safeguarding(guide_copy, EXAMPLE)
    guide = load_guide(guide_copy)
    text = every_output_text(guide)
    assert "Put their phone number" not in text and "Our safeguarding lead" not in text
    assert guide.support is not None
    route = guide.support.safeguarding_route[1]
    # the confidentiality and crisis pages, in the site, the booklet and the EPUB
    assert text.count(route.replace("'", "&#39;")) + text.count(route) >= 6


def test_a_real_contact_is_shown_above_the_route(guide_copy: Path) -> None:
    set_safeguarding(guide_copy, "Phone 01234 567890 on weekdays")
    guide = load_guide(guide_copy)
    page = next(p for p in all_pages(guide, {}) if p.path == "confidentiality-and-its-limits.md").markdown
    contact, route = page.index("Phone 01234 567890 on weekdays"), page.index("adult safeguarding team")
    assert page.index("Our safeguarding lead") < contact < route
    booklet = "".join(part.html for part in booklet_parts(guide, None))
    assert booklet.count("Our safeguarding lead. Phone 01234 567890 on weekdays") == 2  # both pages


def test_the_example_contact_warns_and_strict_refuses_it(guide_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = set_safeguarding(guide_copy, EXAMPLE)
    _, warnings = check_guide(guide_copy)
    assert [(w.path, w.line, w.field) for w in warnings] == [("site_config.yml", line, "safeguarding.how_to_reach")]
    assert "readers are not shown it" in warnings[0].message
    assert main(["check", "--strict", "--guide", str(guide_copy)]) == 1
    err = capsys.readouterr().err
    assert f"site_config.yml:{line}:3: safeguarding.how_to_reach: is still the example text" in err
    assert "Found 1 warning; with --strict" in err


def test_publish_refuses_the_example_contact(
    guide_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = set_safeguarding(guide_copy, EXAMPLE)
    target = tmp_path / "published"
    assert main(["publish", "folder", str(target), "--guide", str(guide_copy)]) == 2
    err = capsys.readouterr().err
    assert f"site_config.yml:{line}:3: safeguarding.how_to_reach: is still the example text" in err
    assert "Nothing was published" in err
    assert not target.exists()


def test_local_services_show_only_when_filled_in(guide_copy: Path) -> None:
    guide = load_guide(guide_copy)
    assert "Near us" not in every_output_text(guide)
    support = guide_copy / "content" / "support.yml"
    text = support.read_text(encoding="utf-8").replace(
        "local: []",
        "local:\n  - name: Riverside crisis café\n    how: Call 01234 567890\n    when: Open 6pm to midnight\n",
    )
    support.write_text(text, encoding="utf-8")
    guide = load_guide(guide_copy)
    activity = guide.activities[0]
    page = next(p for p in all_pages(guide, {}) if p.path == f"activities/{activity.id}.md").markdown
    assert "**Near us**" in page and "**Riverside crisis café**: Call 01234 567890. Open 6pm to midnight." in page
    handout = handout_html(guide, activity, None)
    assert (
        "<strong>Near us:</strong>" in handout
        and "<strong>Riverside crisis café</strong>: Call 01234 567890." in handout
    )


def test_a_contact_marked_to_check_warns_at_its_line(guide_copy: Path) -> None:
    support = guide_copy / "content" / "support.yml"
    text = support.read_text(encoding="utf-8")
    anchor = "    checked_at: https://giveusashout.org/about-us/faq/\n"
    support.write_text(text.replace(anchor, anchor + "    to_check: true\n"), encoding="utf-8")
    line = text[: text.index(anchor)].count("\n") + 2
    _, warnings = check_guide(guide_copy)
    assert [(w.path, w.line, w.field) for w in warnings] == [("content/support.yml", line, "to_check")]
    assert "Shout" in warnings[0].message and "https://giveusashout.org/about-us/faq/" in warnings[0].message


def test_inits_contacts_are_the_checked_ones_each_marked_to_check(default_guide: Guide) -> None:
    """The skeleton carries the numbers checked for the default guide, never other ones."""
    scaffold = YAML(typ="safe", pure=True).load(SCAFFOLD_SUPPORT.read_text(encoding="utf-8"))
    assert default_guide.support is not None
    checked = {c.name: (c.how, c.checked_at, c.section) for c in default_guide.support.contacts}
    given = {c["name"]: (c["how"], c["checked_at"], c["section"]) for c in scaffold["contacts"]}
    assert given == checked
    assert all(c["to_check"] is True for c in scaffold["contacts"])
    assert scaffold["safeguarding_route"] == list(default_guide.support.safeguarding_route)


def test_a_page_asking_for_the_safeguarding_box_needs_a_contact_or_a_route(guide_copy: Path) -> None:
    support = guide_copy / "content" / "support.yml"
    text = support.read_text(encoding="utf-8")
    support.write_text(text[: text.index("safeguarding_route:")], encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_guide(guide_copy)
    assert {(p.path, p.field) for p in caught.value.problems} == {
        ("content/pages/if-someone-is-in-crisis.md", "show"),
        ("content/pages/confidentiality-and-its-limits.md", "show"),
    }
    assert all("safeguarding_route" in p.message for p in caught.value.problems)


def test_counts_agree_with_their_nouns() -> None:
    assert [counted(n, "problem") for n in (0, 1, 2)] == ["0 problems", "1 problem", "2 problems"]
    assert (counted(1, "activity"), counted(3, "activity"), counted(2, "day")) == (
        "1 activity",
        "3 activities",
        "2 days",
    )
    report = ContentError([Problem("content/x.yml", 1, 1, "title", "is missing", "")]).report()
    assert report.endswith("Found 1 problem. Nothing was built; fix the lines above and try again.")
    assert not re.search(r"\b1 problems\b", report)
