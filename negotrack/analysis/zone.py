"""``negotrack zone``: each actor's range on an issue's scale, and where a deal could land.

The zone of possible agreement is the set of options inside the range of every
actor counted: those whose current positions carry a range that is not mixed.
When there is none, the gap is the number of scale steps between the highest
LOW and the lowest HIGH, and the actors whose ranges set those edges bind it.
With ``history``, the zone is worked out again as of each date on which one of
the actors took a position on the issue, and every date on which the zone or
the gap changed is listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from negotrack.analysis import resolve
from negotrack.analysis.query import until_ok
from negotrack.analysis.ranges import Agreement, Range, agreement, range_of, standing
from negotrack.analysis.stance import NO_FILTERS, CurrentStance, Filters
from negotrack.errors import UsageError
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import Actor, Issue


@dataclass(frozen=True)
class ActorRange:
    """An actor on the scale: its current stance (None: no position) and range (None:
    no current position carries one)."""

    actor: Actor
    current: CurrentStance | None
    range: Range | None

    @property
    def counted(self) -> bool:
        """Whether the actor's range takes part in the zone."""
        return self.range is not None and not self.range.mixed


@dataclass(frozen=True)
class ZoneChange:
    """The zone (places on the scale) and gap as they stood from ``date``."""

    date: PartialDate
    zone: list[int]
    gap: int
    binding: list[str]


@dataclass(frozen=True)
class ZoneView:
    kb: KnowledgeBase
    issue: Issue
    actors: list[ActorRange]
    agreement: Agreement
    as_of: PartialDate | None
    official_only: bool
    #: Each change of zone or gap in date order (None unless asked for).
    history: list[ZoneChange] | None

    def option_ids(self, places: Iterable[int]) -> list[str]:
        return [self.issue.scale[place].id for place in places]


def zone(
    kb: KnowledgeBase,
    issue: str,
    *,
    actors: Iterable[str] = (),
    as_of: PartialDate | None = None,
    official_only: bool = False,
    history: bool = False,
    filters: Filters = NO_FILTERS,
) -> ZoneView:
    """The ranges on ``issue``'s scale of ``actors`` (ids, names or aliases; by default
    every actor with a stance of its own on the issue, in KB order) as of ``as_of``,
    under the stance rules (``filters`` choose the positions weighed, as for
    ``show``), and the zone of possible agreement or the gap. Raises UsageError for
    an issue without a scale."""
    record = resolve.issue(kb, issue)
    if not record.scale:
        scaled = [i.id for i in kb.issues if i.scale]
        known = f"; issues with one: {', '.join(scaled)}" if scaled else ""
        raise UsageError(f"issue '{record.id}' has no scale{known}")
    chosen: list[Actor] = []
    for name in actors:
        found = resolve.actor(kb, name)
        if found not in chosen:
            chosen.append(found)
    ids = [a.id for a in chosen] if chosen else [a.id for a in kb.actors]
    current = standing(kb, ids, record, as_of, official_only, filters)
    if not chosen:
        chosen = [a for a in kb.actors if a.id in current]
    rows = [ActorRange(a, current.get(a.id), range_of(record, current.get(a.id))) for a in chosen]
    changes = (
        _history(kb, record, [a.id for a in chosen], as_of, official_only, filters)
        if history
        else None
    )
    return ZoneView(kb, record, rows, _agreement(rows), as_of, official_only, changes)


def _agreement(rows: list[ActorRange]) -> Agreement:
    return agreement([(row.actor.id, row.range) for row in rows if row.range is not None])


def _history(
    kb: KnowledgeBase,
    issue: Issue,
    actors: list[str],
    as_of: PartialDate | None,
    official_only: bool,
    filters: Filters,
) -> list[ZoneChange]:
    wanted = set(actors)
    dates: list[PartialDate] = []
    for p in kb.positions:
        on_issue = p.issue == issue.id and p.actor in wanted
        if on_issue and until_ok(p.when, as_of) and p.when not in dates:
            dates.append(p.when)
    dates.sort(key=PartialDate.sort_key)
    changes: list[ZoneChange] = []
    for date in dates:
        current = standing(kb, actors, issue, date, official_only, filters)
        ranges = [
            (a, found) for a in actors if (found := range_of(issue, current.get(a))) is not None
        ]
        if not any(not r.mixed for _, r in ranges):
            continue  # nothing on the scale yet
        result = agreement(ranges)
        if changes and (changes[-1].zone, changes[-1].gap) == (result.zone, result.gap):
            continue
        changes.append(ZoneChange(date, result.zone, result.gap, result.binding))
    return changes
