"""Where an actor stands on an issue's scale: the range of options its current
positions accept, and how two or more ranges meet.

A scale orders an issue's answers from "no" (first option) to "yes" (last). A
position may accept a contiguous range of options (``acceptable: [LOW, HIGH]``)
and name its ``ideal``. An actor's range is read from its current positions on
the issue, chosen by the same stance rules as ``show``: when several current
positions carry a range, the actor accepts only what all of them accept (the
ranges intersect). An empty intersection is ``mixed``: the actor's signals
disagree, and it has no range.

Options are handled by their place on the scale (0 for the first); views turn
places back into option ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from negotrack.analysis.stance import (
    NO_FILTERS,
    CurrentStance,
    Filters,
    Ledger,
    with_official_only,
)
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import EVIDENCE, Issue, Position


def standing(
    kb: KnowledgeBase,
    actors: Iterable[str],
    issue: Issue,
    as_of: PartialDate | None = None,
    official_only: bool = False,
    filters: Filters = NO_FILTERS,
) -> dict[str, CurrentStance]:
    """``{actor id: current stance}`` on ``issue`` (not its subtree) for the actors that
    have one of their own there, under the stance rules ``show`` applies (an inherited
    ``oppose`` rests on another issue's positions, which carry no range on this scale)."""
    wanted = list(dict.fromkeys(actors))
    ledger = Ledger(kb, wanted, as_of, with_official_only(filters, official_only))
    out: dict[str, CurrentStance] = {}
    for actor in wanted:
        current = ledger.own_stance(actor, issue.id)
        if current is not None:
            out[actor] = current
    return out


@dataclass(frozen=True)
class Range:
    """An actor's range on a scale, from its current positions that carry one."""

    #: Places on the scale (0 = first option); None when ``mixed``.
    low: int | None
    high: int | None
    #: The place of the ideal option, when the positions agree on one inside the range.
    ideal: int | None
    #: True when the ranges of the current positions have no option in common.
    mixed: bool
    #: The current positions the range rests on (those carrying a range), in KB order.
    positions: list[Position]
    #: The weakest evidence among them (``quote`` … ``assessment``): how far to trust it.
    basis: str
    #: True when a red line of the actor on the issue stands (the stance rules).
    red_line: bool

    def __contains__(self, place: int) -> bool:
        return self.low is not None and self.high is not None and self.low <= place <= self.high

    @property
    def places(self) -> list[int]:
        if self.low is None or self.high is None:
            return []
        return list(range(self.low, self.high + 1))


def range_of(issue: Issue, current: CurrentStance | None) -> Range | None:
    """The actor's range on ``issue``'s scale from its current stance; None when no
    current position carries one (or the issue has no scale)."""
    if current is None or not issue.scale:
        return None
    ranged: list[tuple[Position, int, int]] = []
    for p in current.positions:
        if p.acceptable is None or p.issue != issue.id:
            continue
        low, high = (issue.option_index(o) for o in p.acceptable)
        if low is not None and high is not None:  # a valid KB always has both
            ranged.append((p, low, high))
    if not ranged:
        return None
    low = max(r[1] for r in ranged)
    high = min(r[2] for r in ranged)
    mixed = low > high
    ideals = {issue.option_index(p.ideal) for p, _, _ in ranged if p.ideal is not None}
    ideal = ideals.pop() if len(ideals) == 1 else None
    if mixed or ideal is None or not low <= ideal <= high:
        ideal = None
    positions = [r[0] for r in ranged]
    basis = max((p.evidence for p in positions), key=_weakness)
    red_line = current.red_line
    return Range(
        None if mixed else low, None if mixed else high, ideal, mixed, positions, basis, red_line
    )


def _weakness(evidence: str) -> int:
    return EVIDENCE.index(evidence) if evidence in EVIDENCE else len(EVIDENCE)


@dataclass(frozen=True)
class Agreement:
    """Where several ranges meet: the options inside all of them (``zone``), or the
    steps between the highest LOW and the lowest HIGH (``gap``), and who sets them."""

    zone: list[int]
    #: 0 when ``zone`` is not empty (or there are no ranges).
    gap: int
    #: The actors whose range sets an edge: the highest LOW or the lowest HIGH.
    binding: list[str]
    #: ``(highest LOW, lowest HIGH)``; None without ranges.
    edges: tuple[int, int] | None = None


def agreement(ranges: Sequence[tuple[str, Range]]) -> Agreement:
    """The zone of possible agreement of ``(actor id, range)`` pairs; mixed ranges and
    actors without a range take no part."""
    counted = [(a, r.low, r.high) for a, r in ranges if r.low is not None and r.high is not None]
    if not counted:
        return Agreement([], 0, [])
    top_low = max(low for _, low, _ in counted)
    bottom_high = min(high for _, _, high in counted)
    binding = [a for a, low, high in counted if low == top_low or high == bottom_high]
    edges = (top_low, bottom_high)
    if top_low <= bottom_high:
        return Agreement(list(range(top_low, bottom_high + 1)), 0, binding, edges)
    return Agreement([], top_low - bottom_high, binding, edges)


def overlap(a: Range | None, b: Range | None) -> tuple[list[int], int] | None:
    """The places in both ranges and the distance between them (0 when they overlap,
    else the steps from one range's edge to the other's); None without two ranges."""
    if a is None or b is None or a.low is None or b.low is None:
        return None
    both = [place for place in a.places if place in b]
    if both:
        return both, 0
    assert a.high is not None and b.high is not None
    return [], max(a.low, b.low) - min(a.high, b.high)
