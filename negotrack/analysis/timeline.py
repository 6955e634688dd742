"""``negotrack timeline``: positions and events in date order, shifts marked.

Shifts are found over each actor's whole history on an issue (the positions
the filters keep), so a position just after ``since`` is still compared with
the one before it. Only counted stated and reported positions shift (see
:mod:`negotrack.analysis.history`); the others are listed, marked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from negotrack.analysis import resolve
from negotrack.analysis.history import histories
from negotrack.analysis.query import events as select_events
from negotrack.analysis.query import scope, since_ok, until_ok
from negotrack.analysis.stance import (
    NO_FILTERS,
    Filters,
    not_counted,
    not_counted_as,
    with_official_only,
)
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase, Listed, ListedRow, Listing, Scope
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
    """The entries in order: ``entries``, or, for a KB read for the listing (see
    :func:`listing_scope`), the positions ``listed`` and the ``events``."""

    kb: KnowledgeBase
    entries: list[Entry]
    since: PartialDate | None
    until: PartialDate | None
    filters: Filters = NO_FILTERS
    listed: Listed | None = None
    events: list[Event] = field(default_factory=list)

    def listed_entries(self) -> Iterator[Entry | tuple[ListedRow, str | None]]:
        """The entries of a view read for its listing, in order: each event, and each
        position listed with why it does not count (or None)."""
        assert self.listed is not None
        events = iter(self.events)
        event = next(events, None)
        for row in self.listed.rows():
            key = _DATES.get(row.date) or _DATES.setdefault(row.date, PartialDate.parse(row.date))
            while event is not None and event.date.sort_key() <= key.sort_key():
                yield Entry("event", event.date, None, event)  # events first on a date
                event = next(events, None)
            yield row, not_counted_as(row.evidence, row.official == 1)
        while event is not None:
            yield Entry("event", event.date, None, event)
            event = next(events, None)


#: Dates as read from a listing (few distinct ones), shared.
_DATES: dict[str, PartialDate] = {}


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
    if kb.listed is not None:  # read for a listing: it must be this one
        wanted = _listing(actor_ids, issue_ids, since, until, shifts_only, filters)
        if kb.scope is None or kb.scope.listing != wanted:
            raise ValueError("the KB was read for another listing")
        events = select_events(kb, actor_ids, since, until)
        events.sort(key=lambda e: e.date.sort_key())  # stable: KB order on a date
        return TimelineView(kb, [], since, until, filters, kb.listed, events)
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


def listing_scope(
    kb: KnowledgeBase,
    found: Scope | None,
    *,
    actors: Iterable[str] = (),
    issues: Iterable[str] = (),
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    shifts_only: bool = False,
    official_only: bool = False,
    filters: Filters = NO_FILTERS,
) -> Scope | None:
    """``found`` (see :func:`needs`) for a view that writes only the JSON of
    :func:`timeline`'s entries: with the whole listing of positions, which the
    query index then answers without reading them, when the stance rules weigh
    as by default (the index keeps the shifts found so); else ``found``."""
    filters = with_official_only(filters, official_only)
    if found is None or replace(filters, tags=frozenset()) != NO_FILTERS:
        return found
    actor_ids = [resolve.actor(kb, a).id for a in actors]
    issue_ids = {n.issue.id for n in scope(kb, issues)} if issues else None
    wanted = _listing(actor_ids, issue_ids, since, until, shifts_only, filters)
    return replace(found, listing=wanted)


def _listing(
    actors: list[str],
    issues: set[str] | None,
    since: PartialDate | None,
    until: PartialDate | None,
    shifts_only: bool,
    filters: Filters,
) -> Listing:
    return Listing(
        actors=frozenset(actors),
        issues=frozenset(issues) if issues is not None else frozenset(),
        tags=filters.tags,
        since=since,
        until=until,
        shifts=shifts_only,
        events=True,
    )


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
        events=True,
    )
