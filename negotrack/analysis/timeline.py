"""``negotrack timeline``: positions and events in date order, shifts marked.

Shifts are found over each actor's whole history on an issue (the positions
the filters keep), so a position just after ``since`` is still compared with
the one before it. Only counted stated and reported positions shift (see
:mod:`negotrack.analysis.history`); the others are listed, marked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from negotrack.analysis import resolve
from negotrack.analysis.history import histories
from negotrack.analysis.query import events as select_events
from negotrack.analysis.query import scope, since_ok, until_ok
from negotrack.analysis.stance import NO_FILTERS, Filters, not_counted, with_official_only
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase, Scope
from negotrack.model.records import Event, Position


@dataclass(frozen=True, slots=True)
class Entry:
    """A position (with its shift and previous position) or an event."""

    kind: str  # "position" or "event"
    date: PartialDate
    position: Position | None = None
    event: Event | None = None
    shift: str | None = None
    previous: Position | None = None
    #: Why the position does not count (``claim`` or ``unofficial``), or None.
    not_counted: str | None = None


@dataclass(frozen=True)
class TimelineView:
    kb: KnowledgeBase
    entries: list[Entry]
    since: PartialDate | None
    until: PartialDate | None
    filters: Filters = NO_FILTERS


def timeline(
    kb: KnowledgeBase,
    *,
    actors: Iterable[str] = (),
    issues: Iterable[str] = (),
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    shifts_only: bool = False,
    official_only: bool = False,
    filters: Filters = NO_FILTERS,
) -> TimelineView:
    """Positions of ``actors`` on ``issues`` (their subtrees) and the events those actors
    took part in (all, without ``actors``), in date order; on one date, events first."""
    actor_ids = [resolve.actor(kb, a).id for a in actors]
    issue_ids = {n.issue.id for n in scope(kb, issues)} if issues else None
    filters = with_official_only(filters, official_only)
    # Tags choose what is listed; the other filters choose what is weighed at all.
    tags = filters.tags
    weighed = replace(filters, tags=frozenset())
    considered = [p for p in kb.positions if weighed.keeps(kb, p)]

    def reason(p: Position) -> str | None:
        return not_counted(kb, p, filters.include_unofficial)

    steps = histories(considered, reason)
    wanted_actors = set(actor_ids)
    entries: list[Entry] = []
    for p in considered:
        if tags and not tags.intersection(p.tags):
            continue
        if wanted_actors and p.actor not in wanted_actors:
            continue
        if issue_ids is not None and p.issue not in issue_ids:
            continue
        if not (until_ok(p.when, until) and since_ok(p.when, since)):
            continue
        step = steps[p.id]
        if shifts_only and step.shift is None:
            continue
        entries.append(
            Entry("position", p.when, p, None, step.shift, step.previous, step.not_counted)
        )
    for e in select_events(kb, actor_ids, since, until):
        entries.append(Entry("event", e.date, None, e))
    # Stable: positions of one date keep KB order; events come before positions.
    entries.sort(key=lambda entry: (entry.date.sort_key(), entry.kind != "event"))
    return TimelineView(kb, entries, since, until, filters)


def needs(
    kb: KnowledgeBase, actors: Iterable[str] = (), issues: Iterable[str] = ()
) -> Scope | None:
    """The positions :func:`timeline` of ``actors`` on ``issues`` looks at: a position's
    shift is found among the same actor's positions on the same issue, so those of
    the actors on the issues' subtrees (None when a name names nothing)."""
    ids = []
    for name in actors:
        record = resolve.lookup(kb, "actors", name)
        if record is None:
            return None
        ids.append(record.id)
    names = list(issues)
    return Scope(
        actors=frozenset(ids) if ids else None,
        issues=frozenset(n.issue.id for n in scope(kb, names)) if names else None,
    )
