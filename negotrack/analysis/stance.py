"""An actor's current stance on an issue: what its latest positions say.

The latest positions are those sharing the latest date, dates ordered by the
first day of their period, coarser first (``2025-03`` < ``2025-03-01`` <
``2025-03-16``). If they disagree the stance is ``mixed``: mixed signals are
information, and every one of them is kept. When a position with a coarser date
overlaps the latest date (a ``2025-03`` statement beside a ``2025-03-16`` one),
which came last is not certain and the stance is marked approximate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from negotrack.model.dates import PartialDate
from negotrack.model.records import Position

MIXED = "mixed"
#: Every value a current stance can take, in the order views list them.
CURRENT_STANCES = ("support", "oppose", "conditional", "ambiguous", MIXED)


@dataclass(frozen=True, slots=True)
class CurrentStance:
    """``stance`` (a position stance or ``mixed``) and the positions behind it."""

    stance: str
    #: The positions sharing the latest date, in KB order.
    positions: list[Position]
    date: PartialDate
    #: True when an earlier-sorted position with a coarser date may be as recent.
    approximate: bool

    @property
    def mixed(self) -> bool:
        return self.stance == MIXED


def current_stance(positions: Iterable[Position]) -> CurrentStance | None:
    """The current stance behind ``positions`` (one actor, one issue, in KB order);
    None when there are none."""
    positions = list(positions)
    if not positions:
        return None
    latest = max((p.when for p in positions), key=PartialDate.sort_key)
    current = [p for p in positions if p.when == latest]
    stances = {p.stance for p in current}
    stance = current[0].stance if len(stances) == 1 else MIXED
    approximate = any(p.when != latest and p.when.overlaps(latest) for p in positions)
    return CurrentStance(stance, current, latest, approximate)


def by_actor_issue(positions: Iterable[Position]) -> dict[tuple[str, str], list[Position]]:
    """``{(actor id, issue id): positions}``, each list in the order given."""
    groups: dict[tuple[str, str], list[Position]] = {}
    for p in positions:
        groups.setdefault((p.actor, p.issue), []).append(p)
    return groups
