"""How an actor's positions on an issue moved: each position against the one before.

Positions of one actor on one issue are put in date order (ties in KB order).
A shift is a change over time, so it needs a certain order: each position is
compared with the latest one certainly said before it, whose period ends
before this one's begins. Positions on the same date, or whose dates overlap
(``2025-03`` and ``2025-03-16``), are not ordered and never shift from one
another: two stances at once are mixed signals, which the current stance shows.
A position known only "as reported" may have been said any time up to its
source's publication, so nothing is certainly before it and it never shifts
(it can still be the previous position of a later one).

A position whose stance differs from its previous one is a shift: ``full``
between ``support`` and ``oppose``, ``half`` for any other change (to or from
``conditional`` or ``ambiguous``). The same stance again is no shift.

Only counted ``stated`` and ``reported`` positions shift or serve as the
previous position (stance rule 5): an assessment is someone's inference and a
claim someone else's word, and a position that does not count (see
:func:`negotrack.analysis.stance.not_counted`) moves nothing. They are listed
all the same, with no shift.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from negotrack.analysis.stance import by_actor_issue
from negotrack.model.records import OWN, Position

FULL = "full"
HALF = "half"


@dataclass(frozen=True, slots=True)
class Step:
    """A position, how it differs from the actor's previous one on the issue, and that one."""

    position: Position
    shift: str | None
    previous: Position | None
    #: Why the position does not count (``claim`` or ``unofficial``), or None.
    not_counted: str | None = None


def classify(before: str, after: str) -> str | None:
    """``full``, ``half`` or None for a change of stance from ``before`` to ``after``."""
    if before == after:
        return None
    return FULL if {before, after} == {"support", "oppose"} else HALF


#: Why a position does not count, or None (see :func:`negotrack.analysis.stance.not_counted`).
Reason = Callable[[Position], str | None]


def _counts(p: Position) -> str | None:
    return "claim" if p.evidence == "claim" else None


def steps_of(positions: Iterable[Position], reason: Reason = _counts) -> list[Step]:
    """The steps of one actor on one issue, in date order (``positions`` in KB order);
    ``reason`` says why a position does not count (by default only claims do not)."""
    ordered = sorted(positions, key=lambda p: p.when.sort_key())
    why = [reason(p) for p in ordered]
    moves = [why[i] is None and p.evidence in OWN for i, p in enumerate(ordered)]
    steps: list[Step] = []
    for index, p in enumerate(ordered):
        previous = _certainly_before(ordered, moves, index) if moves[index] else None
        shift = classify(previous.stance, p.stance) if previous is not None else None
        steps.append(Step(p, shift, previous, why[index]))
    return steps


def _certainly_before(ordered: list[Position], moves: list[bool], index: int) -> Position | None:
    """The latest position of ``ordered[:index]`` that can shift (``moves``) certainly
    said before ``ordered[index]``."""
    p = ordered[index]
    if p.as_reported:
        return None
    # Walking back in date order; usually the first step back is it.
    for j in range(index - 1, -1, -1):
        if moves[j] and p.when.is_after(ordered[j].when):
            return ordered[j]
    return None


def histories(positions: Iterable[Position], reason: Reason = _counts) -> dict[str, Step]:
    """``{position id: step}`` for every position, each against the same actor's previous
    position on the same issue (``positions`` in KB order)."""
    steps: dict[str, Step] = {}
    for group in by_actor_issue(positions).values():
        for step in steps_of(group, reason):
            steps[step.position.id] = step
    return steps
