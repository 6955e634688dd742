"""``negotrack show``: one actor's card and its current stance on every issue."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from negotrack.analysis import resolve
from negotrack.analysis.history import Step, steps_of
from negotrack.analysis.query import IssueNode, considered, scope
from negotrack.analysis.stance import CurrentStance, current_stance
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import Actor, Person, Position


@dataclass(frozen=True)
class IssueStance:
    """Where the actor stands on one issue, and (for ``--history``) how it got there."""

    node: IssueNode
    current: CurrentStance
    #: Every position considered, in date order, with shifts.
    steps: list[Step]


@dataclass(frozen=True)
class ActorView:
    kb: KnowledgeBase
    actor: Actor
    people: list[Person]
    #: The issues in scope, in tree order (for headings).
    scope: list[IssueNode]
    #: The issues the actor has a position on, in tree order.
    issues: list[IssueStance]
    as_of: PartialDate | None
    official_only: bool
    history: bool


def show(
    kb: KnowledgeBase,
    actor: str,
    *,
    issues: Iterable[str] = (),
    as_of: PartialDate | None = None,
    official_only: bool = False,
    history: bool = False,
) -> ActorView:
    """The card of ``actor`` (an id, name or alias) and its stance on each issue in
    scope (``issues`` and their subtrees; all by default) as of ``as_of``."""
    record = resolve.actor(kb, actor)
    nodes = scope(kb, issues)
    grouped: dict[str, list[Position]] = {}
    for p in considered(kb, {record.id}, nodes, as_of, official_only):
        grouped.setdefault(p.issue, []).append(p)
    rows = []
    for node in nodes:
        group = grouped.get(node.issue.id, [])
        current = current_stance(group)
        if current is not None:
            rows.append(IssueStance(node, current, steps_of(group)))
    people = [p for p in kb.people if p.actor == record.id]
    return ActorView(kb, record, people, nodes, rows, as_of, official_only, history)
