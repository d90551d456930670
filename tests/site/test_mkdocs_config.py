"""A long guide's activities are grouped in the navigation, so no page lists thousands."""

from __future__ import annotations

from generator.site.mkdocs_config import NAV_GROUP, nav_tree


def pages(activities: int) -> list[tuple[str, str]]:
    return [("index.md", "Home"), ("activities/index.md", "Activities")] + [
        (f"activities/a{i:04d}.md", f"Activity {i}") for i in range(1, activities + 1)
    ]


def test_a_short_list_stays_one_section() -> None:
    section = nav_tree(pages(NAV_GROUP))[1]["Activities"]
    assert len(section) == NAV_GROUP + 1
    assert section[0] == {"Activities": "activities/index.md"}


def test_a_long_list_is_split_in_order_into_groups_of_at_most_nav_group() -> None:
    section = nav_tree(pages(2 * NAV_GROUP + 3))[1]["Activities"]
    assert section[0] == {"Activities": "activities/index.md"}
    groups = section[1:]
    assert [next(iter(g)) for g in groups] == [
        f"Activities 1 to {NAV_GROUP}",
        f"Activities {NAV_GROUP + 1} to {2 * NAV_GROUP}",
        f"Activities {2 * NAV_GROUP + 1} to {2 * NAV_GROUP + 3}",
    ]
    flat = [path for g in groups for entry in next(iter(g.values())) for path in entry.values()]
    assert flat == [path for path, _ in pages(2 * NAV_GROUP + 3)[2:]]  # every activity once, in order
