"""How an actor's positions on an issue moved: each position against the one before.

Positions of one actor on one issue are put in date order (ties in KB order).
A position whose stance differs from the previous one is a shift: ``full``
between ``support`` and ``oppose``, ``half`` for any other change (to or from
``conditional`` or ``ambiguous``). The same stance again is no shift.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Position
from .stance import by_actor_issue

FULL = "full"
HALF = "half"
SHIFTS = (HALF, FULL)


@dataclass(frozen=True, slots=True)
class Step:
    """A position, how it differs from the actor's previous one on the issue, and that one."""

    position: Position
    shift: str | None
    previous: Position | None


def classify(before: str, after: str) -> str | None:
    """``full``, ``half`` or None for a change of stance from ``before`` to ``after``."""
    if before == after:
        return None
    return FULL if {before, after} == {"support", "oppose"} else HALF


def steps_of(positions: Iterable[Position]) -> list[Step]:
    """The steps of one actor on one issue, in date order (``positions`` in KB order)."""
    steps: list[Step] = []
    previous: Position | None = None
    for p in sorted(positions, key=lambda p: p.when.sort_key()):
        shift = classify(previous.stance, p.stance) if previous is not None else None
        steps.append(Step(p, shift, previous))
        previous = p
    return steps


def histories(positions: Iterable[Position]) -> dict[str, Step]:
    """``{position id: step}`` for every position, each against the same actor's previous
    position on the same issue (``positions`` in KB order)."""
    steps: dict[str, Step] = {}
    for group in by_actor_issue(positions).values():
        for step in steps_of(group):
            steps[step.position.id] = step
    return steps
