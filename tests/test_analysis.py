"""The rules behind the views: current stance, mixed and approximate, shifts, relations."""

from __future__ import annotations

import functools

import pytest

import negotrack
from negotrack.analysis.diff import diff, relation
from negotrack.analysis.history import classify, histories
from negotrack.analysis.matrix import Cell, matrix
from negotrack.analysis.show import show
from negotrack.analysis.stance import current_stance
from negotrack.analysis.timeline import timeline
from negotrack.model.dates import PartialDate
from negotrack.model.records import Position
from tests.conftest import KBS
from tests.readkb import SUMMARY


@functools.cache
def the_kb() -> negotrack.KnowledgeBase:
    """The KB of these tests, read when a test first needs it (never on import)."""
    return negotrack.open_kb(KBS / "read.yaml")


def position(id: str, stance: str, date: str, **fields) -> Position:
    p = Position(id, "a", "i", stance, "s", "src", "paraphrase", **fields)
    p.when = PartialDate.parse(date)
    return p


def test_the_current_stance_is_that_of_the_latest_positions() -> None:
    current = current_stance(
        [
            position("old", "oppose", "2025-02-01"),
            position("new", "support", "2025-03-05"),
            position("older", "conditional", "2024"),
        ]
    )
    assert current is not None
    assert (current.stance, [p.id for p in current.positions]) == ("support", ["new"])
    assert (str(current.date), current.approximate) == ("2025-03-05", False)


def test_positions_sharing_the_latest_date_that_disagree_are_mixed_and_all_kept() -> None:
    current = current_stance(
        [
            position("a", "oppose", "2025-04-02"),
            position("b", "ambiguous", "2025-04-02"),
            position("c", "support", "2025-04-01"),
        ]
    )
    assert current is not None
    assert (current.stance, [p.id for p in current.positions]) == ("mixed", ["a", "b"])


def test_positions_sharing_the_latest_date_that_agree_are_not_mixed() -> None:
    current = current_stance(
        [position("a", "oppose", "2025-04"), position("b", "oppose", "2025-04")]
    )
    assert current is not None
    assert (current.stance, len(current.positions), current.approximate) == ("oppose", 2, False)


def test_a_coarser_date_overlapping_the_latest_makes_it_approximate() -> None:
    # 2025-03-20 sorts after 2025-03, but the 2025-03 statement may be as recent.
    current = current_stance(
        [position("month", "oppose", "2025-03"), position("day", "support", "2025-03-20")]
    )
    assert current is not None
    assert (current.stance, current.approximate) == ("support", True)
    # A coarser date that cannot overlap is simply earlier.
    current = current_stance(
        [position("month", "oppose", "2025-02"), position("day", "support", "2025-03-20")]
    )
    assert current is not None
    assert current.approximate is False


def test_no_positions_no_stance() -> None:
    assert current_stance([]) is None


@pytest.mark.parametrize(
    ("before", "after", "shift"),
    [
        ("support", "oppose", "full"),
        ("oppose", "support", "full"),
        ("support", "conditional", "half"),
        ("conditional", "oppose", "half"),
        ("ambiguous", "support", "half"),
        ("conditional", "ambiguous", "half"),
        ("oppose", "oppose", None),
    ],
)
def test_shift_classification(before: str, after: str, shift: str | None) -> None:
    assert classify(before, after) == shift


def test_shifts_compare_each_position_with_the_previous_in_date_order() -> None:
    steps = histories(the_kb().positions)
    summary = {
        pid: (steps[pid].shift, steps[pid].previous.id if steps[pid].previous else None)
        for pid in (
            "nils-land-2025-02-01",
            "nils-land-2025-03-05",
            "north-land-2025-04-01",
            "sara-land-2025-04-02",
            "south-land-weekly",
            "nils-truce-2025-03-20",
        )
    }
    assert summary == {
        "nils-land-2025-02-01": (None, None),
        "nils-land-2025-03-05": ("full", "nils-land-2025-02-01"),
        "north-land-2025-04-01": ("half", "nils-land-2025-03-05"),
        "sara-land-2025-04-02": (None, None),
        # Undated, as reported on 2025-04-02: it may have been said at any time
        # before, so nothing is certainly before it and it is no shift.
        "south-land-weekly": (None, None),
        # 2025-03 may be later than 2025-03-20: the two are not ordered.
        "nils-truce-2025-03-20": (None, None),
    }


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("support", "support", "agree"),
        ("oppose", "oppose", "agree"),
        ("support", "oppose", "conflict"),
        ("oppose", "support", "conflict"),
        ("conditional", "support", "partial"),
        ("oppose", "conditional", "partial"),
        ("conditional", "conditional", "partial"),
        ("ambiguous", "support", "unclear"),
        ("oppose", "mixed", "unclear"),
        # unclear is checked before partial
        ("conditional", "mixed", "unclear"),
        ("ambiguous", "conditional", "unclear"),
        ("support", None, "only-a"),
        (None, "mixed", "only-b"),
    ],
)
def test_relations(a: str | None, b: str | None, expected: str) -> None:
    assert relation(a, b) == expected


def test_diff_rows_relations_and_red_lines() -> None:
    view = diff(the_kb(), "nordia", "SUD")
    # Olaf's harbour position does not count: both sides inherit their coast oppose,
    # and a row where both are inherited says no more than the coast's.
    assert [(r.node.issue.id, r.relation, r.red_line) for r in view.rows] == [
        ("land", "unclear", False),
        ("coast", "agree", False),
        ("hills", "only-b", False),
        ("truce", "conflict", True),
        ("prisoners", "partial", False),
    ]
    assert view.summary == SUMMARY


def test_diff_as_of_and_official_only() -> None:
    view = diff(
        the_kb(), "north", "south", as_of=PartialDate.parse("2025-03-15"), official_only=True
    )
    assert [(r.node.issue.id, r.relation) for r in view.rows] == [
        ("land", "only-a"),
        ("coast", "only-a"),
        ("hills", "only-b"),
        ("truce", "only-a"),
        ("prisoners", "only-a"),
    ]


def test_diff_conflicts_only_still_counts_everything() -> None:
    view = diff(the_kb(), "north", "south", conflicts_only=True)
    assert [r.node.issue.id for r in view.rows] == ["truce"]
    assert view.summary["agree"] == 1 and view.conflicts == 1


def test_show_as_of_takes_the_kb_as_it_stood() -> None:
    view = show(the_kb(), "north", as_of=PartialDate.parse("2025-03-15"))
    assert [(i.node.issue.id, i.current.stance) for i in view.issues] == [
        ("land", "support"),
        ("coast", "oppose"),
        ("truce", "support"),
        ("prisoners", "support"),
    ]
    truce = view.issues[2].current
    assert ([p.id for p in truce.positions], truce.approximate) == (["north-truce-2025-03"], False)


def test_show_official_only_considers_only_official_positions() -> None:
    view = show(the_kb(), "north", official_only=True)
    assert "harbour" not in [i.node.issue.id for i in view.issues]


def test_timeline_orders_events_before_positions_of_the_same_date() -> None:
    view = timeline(the_kb(), actors=["south"], since=PartialDate.parse("2025-04"))
    assert [(e.kind, (e.event or e.position).id) for e in view.entries] == [
        ("event", "call-2025-04"),
        ("position", "sara-land-2025-04-02"),
        ("position", "south-land-weekly"),
        ("position", "south-coast-weekly"),
        ("position", "sara-prisoners-2025-04-02"),
    ]


def test_timeline_shifts_compare_with_positions_before_since() -> None:
    view = timeline(the_kb(), shifts_only=True, since=PartialDate.parse("2025-04-01"))
    assert [(e.kind, (e.event or e.position).id, e.shift) for e in view.entries] == [
        ("event", "call-2025-04", None),
        ("position", "north-land-2025-04-01", "half"),
    ]


def test_matrix_cells_count_positions_up_to_as_of() -> None:
    view = matrix(
        the_kb(), actors=["south", "north"], issues=["land"], as_of=PartialDate.parse("2025-03")
    )
    assert [a.id for a in view.actors] == ["south", "north"]
    assert view.cell("north", "land") == Cell("support", 2, False, basis="stated")
    assert view.cell("south", "hills") == Cell("conditional", 1, False, basis="stated")
    assert view.cell("south", "land") == Cell(None, 0)
