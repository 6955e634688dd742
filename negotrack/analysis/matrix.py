"""``negotrack matrix``: every actor's current stance on every issue, at a glance.

Cells follow the stance rules (:mod:`negotrack.analysis.stance`); a stance
inherited from an ancestor issue is marked as such and counts no positions.

On an issue with a scale, a cell also carries the actor's range (see
:mod:`negotrack.analysis.ranges`); views show ranges when the matrix is of
named issues (a whole-KB matrix stays a glance)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from negotrack.analysis import resolve
from negotrack.analysis.query import IssueNode, scope
from negotrack.analysis.ranges import Range, range_of
from negotrack.analysis.stance import NO_FILTERS, Filters, Ledger, with_official_only
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import Actor


@dataclass(frozen=True, slots=True)
class Cell:
    """An actor's current stance on an issue (None: no position) and how many of its
    positions there count."""

    stance: str | None
    count: int
    approximate: bool = False
    #: The actor's range on the issue's scale (None: no scale or no range).
    range: Range | None = None
    #: ``stated``, ``reported``, ``assessed`` or ``inherited``; None without a stance.
    basis: str | None = None
    inherited_from: str | None = None
    red_line: bool = False


@dataclass(frozen=True)
class MatrixView:
    kb: KnowledgeBase
    actors: list[Actor]
    issues: list[IssueNode]
    #: ``{(actor id, issue id): cell}`` for every actor and issue.
    cells: dict[tuple[str, str], Cell]
    as_of: PartialDate | None
    official_only: bool
    #: True when the matrix is of named issues: the views then show ranges.
    ranges: bool = False
    filters: Filters = NO_FILTERS

    def cell(self, actor: str, issue: str) -> Cell:
        return self.cells[(actor, issue)]


def matrix(
    kb: KnowledgeBase,
    *,
    actors: Iterable[str] = (),
    issues: Iterable[str] = (),
    as_of: PartialDate | None = None,
    official_only: bool = False,
    filters: Filters = NO_FILTERS,
) -> MatrixView:
    """Actors (all, in KB order, or those named, in that order) against the issues in
    scope (tree order), each cell the current stance as of ``as_of``."""
    chosen: list[Actor] = []
    for name in actors:
        record = resolve.actor(kb, name)
        if record not in chosen:
            chosen.append(record)
    columns = chosen or list(kb.actors)
    nodes = scope(kb, issues)
    filters = with_official_only(filters, official_only)
    ledger = Ledger(kb, {a.id for a in columns}, as_of, filters)
    cells: dict[tuple[str, str], Cell] = {}
    for node in nodes:
        for actor in columns:
            current = ledger.stance(actor.id, node.issue.id)
            if current is None:
                cells[(actor.id, node.issue.id)] = Cell(None, 0)
                continue
            count = 0 if current.inherited else len(ledger.counted(actor.id, node.issue.id))
            cells[(actor.id, node.issue.id)] = Cell(
                current.stance,
                count,
                current.approximate,
                None if current.inherited else range_of(node.issue, current),
                current.basis,
                current.inherited_from,
                current.red_line,
            )
    named = bool(list(issues))
    return MatrixView(kb, columns, nodes, cells, as_of, official_only, named, filters)
