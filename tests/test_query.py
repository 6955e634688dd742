"""Selection: names, issue subtrees and tree order, precision-aware dates, filters, sorting."""

from __future__ import annotations

import functools

import pytest

import negotrack
from negotrack.analysis import query
from negotrack.errors import UnknownName, UsageError
from negotrack.model.dates import PartialDate
from tests.conftest import KBS


@functools.cache
def the_kb() -> negotrack.KnowledgeBase:
    """The KB of these tests, read when a test first needs it (never on import)."""
    return negotrack.open_kb(KBS / "read.yaml")


def ids(positions) -> list[str]:
    return [p.id for p in positions]


def select(**criteria) -> list[str]:
    return ids(query.select(the_kb(), query.query(the_kb(), **criteria)))


def test_the_issue_tree_lists_each_issue_after_its_parent() -> None:
    assert [(n.issue.id, n.depth) for n in query.issue_tree(the_kb())] == [
        ("land", 0),
        ("coast", 1),
        ("harbour", 2),
        ("hills", 1),
        ("truce", 0),
        ("prisoners", 0),
    ]


def test_an_issue_stands_for_its_subtree_with_depths_from_it() -> None:
    assert [(n.issue.id, n.depth) for n in query.scope(the_kb(), ["coast"])] == [
        ("coast", 0),
        ("harbour", 1),
    ]
    # Named twice, or by name and through a parent: listed once, in tree order.
    assert [
        n.issue.id for n in query.scope(the_kb(), ["Prisoner exchange", "land", "HARBOUR"])
    ] == [
        "land",
        "coast",
        "harbour",
        "hills",
        "prisoners",
    ]


def test_headings_are_added_for_the_ancestors_of_an_issue_shown() -> None:
    nodes = query.scope(the_kb())
    assert [(n.issue.id, shown) for n, shown in query.with_ancestors(nodes, {"harbour"})] == [
        ("land", False),
        ("coast", False),
        ("harbour", True),
    ]
    assert [(n.issue.id, shown) for n, shown in query.with_ancestors(nodes, {"hills", "land"})] == [
        ("land", True),
        ("hills", True),
    ]


def test_select_by_actor_alias_and_issue_subtree() -> None:
    assert select(actors=["Nordia"], issues=["coast"]) == [
        "nils-coast-2025-03-05",
        "olaf-harbour-2025-03-12",
    ]


def test_options_of_one_kind_widen_and_of_different_kinds_narrow() -> None:
    assert select(stances=["oppose", "conditional"], actors=["sud"]) == [
        "sara-land-2025-04-02",
        "south-coast-weekly",
        "sara-hills-2025-03",
        "sara-truce-2025-03-25",
        "sara-prisoners-2025-04-02",
    ]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        (
            {"speakers": ["Sara Sol"], "firmness": ["red-line"]},
            ["sara-land-2025-04-02", "sara-truce-2025-03-25"],
        ),
        (
            {"sources": ["daily-2025-03"], "evidence": ["reported"]},
            ["north-truce-2025-03", "north-prisoners-2025-03-15"],
        ),
        ({"text": "REFERENDUM"}, ["north-land-2025-04-01"]),
        ({"text": "metre [of land]"}, ["nils-land-2025-02-01"]),
        ({"text": "all prisoners are exchanged"}, ["sara-prisoners-2025-04-02"]),
    ],
)
def test_each_criterion(criteria: dict, expected: list[str]) -> None:
    assert select(**criteria) == expected


def test_text_is_searched_in_the_note_too(tmp_path) -> None:
    kb = tmp_path / "kb.yaml"
    kb.write_text(
        (KBS / "read.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "    credibility: 2\n", "    credibility: 2\n    note: Confirmed by the Red Cross.\n"
        )
    )
    other = negotrack.open_kb(kb)
    found = query.select(other, query.query(other, text="red cross"))
    assert ids(found) == ["north-prisoners-2025-03-15"]


def test_until_keeps_a_coarser_date_that_may_fall_before_it() -> None:
    # 2025-03 is kept for 2025-03-15 (it may mean the 1st); 2025-03-20 is certainly after.
    assert select(actors=["north"], issues=["truce"], until=PartialDate.parse("2025-03-15")) == [
        "north-truce-2025-03"
    ]


def test_since_keeps_a_coarser_date_that_may_fall_after_it() -> None:
    assert select(issues=["truce"], since=PartialDate.parse("2025-03-21")) == [
        "north-truce-2025-03",
        "sara-truce-2025-03-25",
    ]
    assert select(issues=["truce"], since=PartialDate.parse("2025-04")) == []


def test_an_undated_position_is_placed_at_its_source_date() -> None:
    assert select(actors=["south"], issues=["coast"], until=PartialDate.parse("2025-04-01")) == []
    assert select(actors=["south"], issues=["coast"], since=PartialDate.parse("2025-04-02")) == [
        "south-coast-weekly"
    ]


def test_official_only_drops_unofficial_speakers() -> None:
    assert "olaf-harbour-2025-03-12" in select(actors=["north"])
    assert "olaf-harbour-2025-03-12" not in select(actors=["north"], official_only=True)
    # A position without a speaker is not dropped.
    assert "north-truce-2025-03" in select(actors=["north"], official_only=True)


def test_sorting_by_date_actor_and_issue() -> None:
    positions = query.select(the_kb(), query.query(the_kb(), issues=["truce", "hills"]))
    # Date: first day of the period, coarser first; ties keep the order given.
    assert ids(query.sort_positions(the_kb(), reversed(positions), "date")) == [
        "north-truce-2025-03",
        "sara-hills-2025-03",
        "nils-truce-2025-03-20",
        "sara-truce-2025-03-25",
    ]
    # Actor: in the order the the_kb() lists actors, then by date.
    assert ids(query.sort_positions(the_kb(), positions, "actor")) == [
        "north-truce-2025-03",
        "nils-truce-2025-03-20",
        "sara-hills-2025-03",
        "sara-truce-2025-03-25",
    ]
    # Issue: tree order (hills, under land, before truce), then by date.
    assert ids(query.sort_positions(the_kb(), positions, "issue")) == [
        "sara-hills-2025-03",
        "north-truce-2025-03",
        "nils-truce-2025-03-20",
        "sara-truce-2025-03-25",
    ]


def test_unknown_names_and_values_are_usage_errors() -> None:
    with pytest.raises(UnknownName) as error:
        query.query(the_kb(), actors=["nort"])
    assert str(error.value) == (
        "unknown actor 'nort' — did you mean 'north'?\nvalid actor ids: north, south, east"
    )
    with pytest.raises(UnknownName):
        query.query(the_kb(), issues=["coasts-and-more"])
    with pytest.raises(UsageError, match="unknown stance 'maybe'"):
        query.query(the_kb(), stances=["maybe"])
    with pytest.raises(UsageError, match="cannot sort by 'speaker'"):
        query.sort_positions(the_kb(), [], "speaker")


def test_events_by_actor_and_date() -> None:
    assert [e.id for e in query.events(the_kb(), ["north"])] == ["summit-2025-03-10"]
    assert [e.id for e in query.events(the_kb(), since=PartialDate.parse("2025-04-30"))] == [
        "call-2025-04"
    ]
