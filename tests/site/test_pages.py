"""The website's Markdown pages as the live preview renders them after each save (issue 32):
shared parts made once, pages remembered by a digest of their data, and nothing stale."""

from __future__ import annotations

from pathlib import Path

from generator.content.loader import load_guide
from generator.content.model import Guide
from generator.site.pages import Later, Links, activity_page, all_pages, remembered_pages, support_box

DEFAULT_GUIDE = Path(__file__).resolve().parents[2]  # the repository's own guide has a support.yml


def test_the_support_box_made_once_is_the_one_each_activity_page_would_make() -> None:
    guide = load_guide(DEFAULT_GUIDE)
    box = support_box(guide, "activities/index.md")
    assert box is not None and guide.support is not None
    assert guide.support.heading in box
    for activity in guide.activities:
        shared = activity_page(guide, activity, {}, box)
        own = activity_page(guide, activity, {})  # renders the box itself, through the include
        assert shared == own
        assert str(box) in shared.markdown


def test_an_activity_page_without_a_support_file_has_no_box() -> None:
    guide = load_guide(DEFAULT_GUIDE)
    bare = guide.model_copy(update={"support": None})
    assert support_box(bare, "activities/index.md") is None
    page = activity_page(bare, bare.activities[0], {})
    assert guide.support is not None and guide.support.heading not in page.markdown


def _by_path(guide: Guide, memory: dict[str, str]) -> dict[str, str]:
    with remembered_pages(memory):
        return {page.path: page.markdown for page in all_pages(guide, {})}


def test_a_remembered_page_changes_when_a_model_nested_in_its_data_changes() -> None:
    """The skills page holds every activity: an activity's title, deep inside its data, must
    still change its digest, or the page would keep the old title."""
    guide = load_guide(DEFAULT_GUIDE)
    memory: dict[str, str] = {}
    before = _by_path(guide, memory)
    activity = next(a for a in guide.activities if a.skills)
    renamed = activity.model_copy(update={"title": "Renamed zqxnested"})
    edited = guide.model_copy(update={"activities": [renamed if a is activity else a for a in guide.activities]})

    after = _by_path(edited, memory)

    assert "zqxnested" not in before["skills.md"]
    assert "zqxnested" in after["skills.md"]
    assert after == {page.path: page.markdown for page in all_pages(edited, {})}  # the same as unremembered


def test_the_same_data_in_new_objects_renders_nothing_again() -> None:
    """Each save loads the guide anew: equal models in new objects have equal digests."""
    memory: dict[str, str] = {}
    first = _by_path(load_guide(DEFAULT_GUIDE), memory)
    remembered = len(memory)

    again = _by_path(load_guide(DEFAULT_GUIDE), memory)

    assert again == first
    assert len(memory) == remembered


def test_links_made_for_one_folder_are_not_reused_for_another() -> None:
    """Links and safe texts are kept by the page's folder: the same text links differently."""
    text = "See [the skills](skill:listening) and [a page](page:about)."
    top, activity = Links("index.md"), Links("activities/x.md")
    assert str(top.md(text)) == "See [the skills](skills.md#listening) and [a page](about.md)."
    assert str(activity.md(text)) == "See [the skills](../skills.md#listening) and [a page](../about.md)."
    assert activity.file("pdf/a.pdf") == "../pdf/a.pdf" and top.file("pdf/a.pdf") == "pdf/a.pdf"


def test_with_a_later_only_the_pages_wanted_now_are_rendered_and_the_rest_wait_changed_or_not() -> None:
    """The live preview shows the open page first: every other page rendered before keeps its last
    text and waits, without its data being looked at (an activity's figure is not even made), and
    a render without a Later then gives every page as a plain render would."""
    guide = load_guide(DEFAULT_GUIDE)
    memory: dict[str, str] = {}
    last: dict[tuple[str, str], str] = {}
    with remembered_pages(memory, Later(None, last)):
        before = {page.path: page.markdown for page in all_pages(guide, {})}
    first, second = guide.activities[0], guide.activities[1]
    edited = guide.model_copy(
        update={
            "activities": [
                a.model_copy(update={"aim": f"{a.aim} zqxwaits"}) if a.id in (first.id, second.id) else a
                for a in guide.activities
            ]
        }
    )
    wanted = f"activities/{first.id}.md"
    later = Later(frozenset({wanted}), last)

    with remembered_pages(memory, later):
        now = {page.path: page.markdown for page in all_pages(edited, {})}

    assert "zqxwaits" in now[wanted]
    assert now[f"activities/{second.id}.md"] == before[f"activities/{second.id}.md"]  # changed, but waits
    assert later.waiting == set(before) - {wanted}  # unchanged pages wait too: not looked at
    with remembered_pages(memory, Later(None, last)):
        rendered = {page.path: page.markdown for page in all_pages(edited, {})}
    assert rendered == {page.path: page.markdown for page in all_pages(edited, {})}
    assert "zqxwaits" in rendered[f"activities/{second.id}.md"]
