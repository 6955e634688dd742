"""``negotrack brief``: what changed in a period, every item cited.

Two questions, kept apart because they differ: what was *said* in a period
(statement dates: new positions, shifts, red lines drawn or lifted, stances
that became mixed, events, documents) and what was *recorded* since a revision
of the KB's repository (positions added, changed or removed in the files).

Statement dates keep their precision: a ``2025-03`` position belongs to a brief
from ``2025-03-15``, since it may have been said on the 20th, and is marked as
possibly said before the period began.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field

from negotrack.analysis.query import events as select_events
from negotrack.analysis.query import since_ok, tree_rank, until_ok
from negotrack.analysis.stance import (
    Ledger,
    by_actor_issue,
    certainly_later,
    not_counted,
    standing_red_lines,
)
from negotrack.analysis.timeline import timeline
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import OWN, Document, Event, Position

RED_LINE = "red-line"


@dataclass(frozen=True, slots=True)
class BriefPosition:
    """A position said in the period; ``possibly_earlier`` when its date is coarser
    than the period's start and may fall before it."""

    position: Position
    possibly_earlier: bool = False


@dataclass(frozen=True, slots=True)
class BriefShift:
    position: Position
    previous: Position
    shift: str


@dataclass(frozen=True, slots=True)
class Mixed:
    """An actor whose current stance on an issue became mixed in the period."""

    actor: str
    issue: str
    positions: list[Position]


@dataclass(frozen=True, slots=True)
class ZoneShift:
    """A scaled issue whose zone of possible agreement (or gap) moved in the period:
    as it stood the day before the period began, and at its end."""

    issue: str
    zone_before: list[str]
    gap_before: int
    zone_after: list[str]
    gap_after: int


@dataclass(frozen=True)
class BriefView:
    kb: KnowledgeBase
    since: PartialDate
    until: PartialDate | None
    positions: list[BriefPosition] = field(default_factory=list)
    shifts: list[BriefShift] = field(default_factory=list)
    drawn: list[Position] = field(default_factory=list)
    lifted: list[Position] = field(default_factory=list)
    mixed: list[Mixed] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    zones: list[ZoneShift] = field(default_factory=list)


def in_period(date: PartialDate, since: PartialDate, until: PartialDate | None) -> bool:
    """Not certainly before ``since`` and not certainly after ``until``."""
    return since_ok(date, since) and until_ok(date, until)


def possibly_earlier(date: PartialDate, since: PartialDate) -> bool:
    return date.first_day() < since.first_day()


def brief(kb: KnowledgeBase, since: PartialDate, until: PartialDate | None = None) -> BriefView:
    """What was said between ``since`` and ``until`` (the KB's end when None)."""
    said = [p for p in kb.positions if in_period(p.when, since, until)]
    rank = _rank(kb)
    said.sort(key=lambda p: (*rank(p.actor, p.issue), p.when.sort_key()))
    positions = [BriefPosition(p, possibly_earlier(p.when, since)) for p in said]
    shifts = [
        BriefShift(e.position, e.previous, e.shift)
        for e in timeline(kb, since=since, until=until, shifts_only=True).entries
        if e.position is not None and e.previous is not None and e.shift is not None
    ]
    drawn = [p for p in said if p.firmness == RED_LINE and _own(kb, p)]
    lifted = _lifted(kb, said)
    events = select_events(kb, (), since, until)
    documents = [d for d in kb.documents if in_period(d.date, since, until)]
    return BriefView(
        kb,
        since,
        until,
        positions,
        shifts,
        drawn,
        lifted,
        _newly_mixed(kb, since, until),
        events,
        documents,
        _zones(kb, since, until),
    )


def _own(kb: KnowledgeBase, p: Position) -> bool:
    """Whether ``p`` is one the stance rules count and can draw a red line with: the
    actor's own (stated or reported) words, not a claim, from an official speaker."""
    return p.evidence in OWN and not_counted(kb, p) is None


def _lifted(kb: KnowledgeBase, said: list[Position]) -> list[Position]:
    """Positions in the period that lift a red line the same actor drew on the issue
    before them (the stance rules' rule 3: a later counted position with a different
    stance, or ``firmness: flexible``)."""
    lifted: list[Position] = []
    groups = by_actor_issue(p for p in kb.positions if _own(kb, p))
    for p in said:
        if not _own(kb, p) or p.firmness == RED_LINE:
            continue
        before = [q for q in groups.get((p.actor, p.issue), []) if certainly_later(p, q)]
        standing = standing_red_lines(before)
        if any(p.stance != r.stance or p.firmness == "flexible" for r in standing):
            lifted.append(p)
    return lifted


def _newly_mixed(kb: KnowledgeBase, since: PartialDate, until: PartialDate | None) -> list[Mixed]:
    """Actors whose current stance on an issue (by the stance rules) is mixed at the end
    of the period and was not the day before it began."""
    then = Ledger(kb, as_of=_day_before(since))
    now = Ledger(kb, as_of=until)
    rank = _rank(kb)
    found = []
    for actor, issue in sorted(now.groups, key=lambda key: rank(*key)):
        current = now.own_stance(actor, issue)
        earlier = then.own_stance(actor, issue)
        if current is not None and current.mixed and (earlier is None or not earlier.mixed):
            found.append(Mixed(actor, issue, current.positions))
    return found


def _zones(kb: KnowledgeBase, since: PartialDate, until: PartialDate | None) -> list[ZoneShift]:
    """Scaled issues whose zone or gap differs between the day before ``since`` and
    ``until``, in tree order (the same weighing as ``zone``)."""
    from negotrack.analysis.query import issue_tree
    from negotrack.analysis.zone import zone

    before = _day_before(since)
    found = []
    for node in issue_tree(kb):
        if not node.issue.scale:
            continue
        then = zone(kb, node.issue.id, as_of=before)
        now = zone(kb, node.issue.id, as_of=until)
        a, b = then.agreement, now.agreement
        if (a.zone, a.gap) != (b.zone, b.gap):
            found.append(
                ZoneShift(
                    node.issue.id, then.option_ids(a.zone), a.gap, now.option_ids(b.zone), b.gap
                )
            )
    return found


def _day_before(date: PartialDate) -> PartialDate:
    day = date.first_day() - _dt.timedelta(days=1)
    return PartialDate(day.year, day.month, day.day)


def _rank(kb: KnowledgeBase) -> Callable[[str, str], tuple[int, int]]:
    """``(actor, issue)`` → its place: actors in KB order, issues in tree order."""
    actors = {a.id: i for i, a in enumerate(kb.actors)}
    issues = tree_rank(kb)
    return lambda actor, issue: (
        actors.get(actor, len(actors)),
        issues.get(issue, len(issues)),
    )


@dataclass(frozen=True)
class RecordedView:
    """What the KB's files gained, changed or lost since a revision."""

    kb: KnowledgeBase
    revision: str
    added: list[str]
    changed: list[str]
    removed: list[str]


def recorded(kb: KnowledgeBase, earlier: KnowledgeBase, revision: str) -> RecordedView:
    """Position ids added, changed (any field) or removed between ``earlier`` and ``kb``."""
    # Records compare by their format fields only, not by where they are written.
    before = {p.id: p for p in earlier.positions}
    now = {p.id: p for p in kb.positions}
    added = [i for i in now if i not in before]
    removed = [i for i in before if i not in now]
    changed = [i for i in now if i in before and now[i] != before[i]]
    return RecordedView(kb, revision, added, changed, removed)
