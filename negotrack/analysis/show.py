"""``negotrack show``: one actor's card and its current stance on every issue; or one
person's card and where their own statements put them on every issue."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from negotrack.analysis import resolve
from negotrack.analysis.history import Step, steps_of
from negotrack.analysis.kept import ledger_for
from negotrack.analysis.query import IssueNode, scope, with_ancestors
from negotrack.analysis.stance import (
    NO_FILTERS,
    CurrentStance,
    Filters,
    with_official_only,
)
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase, Scope
from negotrack.model.records import Actor, Person


@dataclass(frozen=True)
class IssueStance:
    """Where the actor stands on one issue, and (with ``history``) how it got there."""

    node: IssueNode
    #: None only with ``history``, for an issue where no position of the actor counts.
    current: CurrentStance | None
    #: With ``history``, every position used on the issue (counted or not), in date
    #: order, with shifts; else those the current stance rests on (none for an
    #: inherited stance).
    steps: list[Step]


@dataclass(frozen=True)
class ActorView:
    kb: KnowledgeBase
    actor: Actor
    people: list[Person]
    #: The issues in scope, in tree order (for headings).
    scope: list[IssueNode]
    #: The issues the actor has a stance on, in tree order.
    issues: list[IssueStance]
    as_of: PartialDate | None
    official_only: bool
    history: bool
    filters: Filters = NO_FILTERS
    #: Set when a person was asked for: only their statements count, and ``actor``
    #: is the actor they speak for.
    person: Person | None = None

    @property
    def outline(self) -> list[tuple[IssueNode, IssueStance | None]]:
        """The issues shown, in tree order, each after its ancestors within the scope
        as headings (``None``), so an indented issue never seems to belong to the
        issue listed before it."""
        by_id = {item.node.issue.id: item for item in self.issues}
        return [(node, by_id.get(node.issue.id)) for node, _ in with_ancestors(self.scope, by_id)]


def show(
    kb: KnowledgeBase,
    actor: str,
    *,
    issues: Iterable[str] = (),
    as_of: PartialDate | None = None,
    official_only: bool = False,
    history: bool = False,
    filters: Filters = NO_FILTERS,
) -> ActorView:
    """The card of ``actor`` (an id, name or alias) and its stance on each issue in
    scope (``issues`` and their subtrees; all by default) as of ``as_of``.

    Stances inherited from an ancestor issue are listed only when ``issues`` names
    the issue or a subtree containing it: unasked, they would repeat the parent's
    stance under every child.

    A person's id, name or alias works too: the view is then the person's card
    and the stance their own statements take on each issue (counted even when
    they are not an official speaker: they are what was asked for).
    """
    person = None
    record = resolve.lookup(kb, "actors", actor)
    if record is None:
        person = resolve.lookup(kb, "people", actor)
        if person is None:
            raise resolve.unknown(kb, "actors", actor, also=("people",))
        record = kb.actor(person.actor) or Actor(person.actor, person.actor)
    names = list(issues)
    nodes = scope(kb, names)
    filters = with_official_only(filters, official_only)
    if person is not None:
        filters = dataclasses.replace(
            filters, speakers=frozenset((person.id,)), include_unofficial=True
        )
    ledger = ledger_for(kb, [record.id], as_of, filters)
    rows = []
    for node in nodes:
        issue = node.issue.id
        current = ledger.own_stance(record.id, issue)
        if current is None and names:
            current = ledger.inherited(record.id, issue)
        if history:
            listed = ledger.listed(record.id, issue)
            if current is None and not listed:
                continue
            steps = steps_of(listed, ledger.not_counted)
        elif current is None:
            continue
        else:
            steps = ledger.shown_steps(record.id, issue, current)
        rows.append(IssueStance(node, current, steps))
    people = [p for p in kb.people if p.actor == record.id] if person is None else [person]
    return ActorView(
        kb, record, people, nodes, rows, as_of, official_only, history, filters, person
    )


def kept_scope(
    kb: KnowledgeBase,
    found: Scope | None,
    actor: str,
    *,
    as_of: PartialDate | None = None,
    official_only: bool = False,
    history: bool = False,
    filters: Filters = NO_FILTERS,
) -> Scope | None:
    """``found`` (see :func:`needs`), for a view of an actor (not a person) weighed
    as by default and without history, with the stances the query index keeps
    (which it then answers with, reading only the positions they rest on)."""
    if (
        found is None
        or as_of is not None
        or history
        or with_official_only(filters, official_only) != NO_FILTERS
        or resolve.lookup(kb, "actors", actor) is None
    ):
        return found
    return dataclasses.replace(found, kept=True)


def needs(kb: KnowledgeBase, actor: str, issues: Iterable[str] = ()) -> Scope | None:
    """The positions :func:`show` of ``actor`` on ``issues`` looks at: all those of the
    actor (a stance may be inherited from any issue), or of the actor a person
    speaks for. None when the name names neither; an issue that names nothing
    raises, as :func:`show` would."""
    for name in issues:
        resolve.issue(kb, name)
    record = resolve.lookup(kb, "actors", actor)
    if record is None:
        person = resolve.lookup(kb, "people", actor)
        if person is None:
            return None
        return Scope(actors=frozenset((person.actor,)))
    return Scope(actors=frozenset((record.id,)))
