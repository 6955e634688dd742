"""``negotrack diff``: two actors' current stances side by side, and how they relate.

Relations, checked in this order: ``only-a`` / ``only-b`` (one side has no
position), ``unclear`` (either side ambiguous or mixed, even if the other is
conditional), ``partial`` (either side conditional), ``agree`` (both support or
both oppose), ``conflict`` (one supports, the other opposes). Stances follow
the stance rules (:mod:`negotrack.analysis.stance`): a conflict where a red
line of either side still stands is a red-line conflict; a side may inherit an
``oppose`` from an ancestor issue (a row where both sides are inherited is left
out: it says no more than the ancestor's row); a row whose sides rest on
positions more than 180 days apart is stale.

On an issue with a scale where both sides have a range (see
:mod:`negotrack.analysis.ranges`), a row also gives the options in both ranges
(the overlap) and the distance between them: 0 when they overlap, else the
steps from one range's edge to the other's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from negotrack.analysis import resolve
from negotrack.analysis.kept import ledger_for
from negotrack.analysis.query import IssueNode, scope, with_ancestors
from negotrack.analysis.ranges import overlap, range_of
from negotrack.analysis.stance import (
    MIXED,
    NO_FILTERS,
    CurrentStance,
    Filters,
    stale,
    with_official_only,
)
from negotrack.errors import UsageError
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase, Scope
from negotrack.model.records import Actor

RELATIONS = ("conflict", "partial", "unclear", "agree", "only-a", "only-b")


@dataclass(frozen=True)
class DiffRow:
    node: IssueNode
    relation: str
    red_line: bool
    a: CurrentStance | None
    b: CurrentStance | None
    #: Places on the scale in both ranges (None unless both sides have a range).
    overlap: list[int] | None = None
    #: Steps between the ranges, 0 when they overlap (None unless both have a range).
    distance: int | None = None
    #: True when the sides rest on positions more than 180 days apart.
    stale: bool = False


@dataclass(frozen=True)
class DiffView:
    kb: KnowledgeBase
    a: Actor
    b: Actor
    #: The issues in scope, in tree order (for headings).
    scope: list[IssueNode]
    #: The rows shown (all, or the conflicts with ``conflicts_only``), in tree order.
    rows: list[DiffRow]
    #: How many issues in scope have each relation (shown or not), and ``red_line``:
    #: how many conflicts are red-line conflicts.
    summary: dict[str, int]
    as_of: PartialDate | None
    official_only: bool
    filters: Filters = NO_FILTERS

    @property
    def conflicts(self) -> int:
        return self.summary["conflict"]

    @property
    def outline(self) -> list[tuple[IssueNode, DiffRow | None]]:
        """The rows in tree order, each after its ancestors within the scope as
        headings (``None``)."""
        by_id = {row.node.issue.id: row for row in self.rows}
        return [(node, by_id.get(node.issue.id)) for node, _ in with_ancestors(self.scope, by_id)]


def _typed(name: str | Actor) -> str:
    return name.id if isinstance(name, Actor) else name


def relation(a: str | None, b: str | None) -> str:
    """The relation between two current stances (None: no position)."""
    if a is None:
        return "only-b"
    if b is None:
        return "only-a"
    if MIXED in (a, b) or "ambiguous" in (a, b):
        return "unclear"
    if "conditional" in (a, b):
        return "partial"
    return "agree" if a == b else "conflict"


def diff(
    kb: KnowledgeBase,
    a: str | Actor,
    b: str | Actor,
    *,
    issues: Iterable[str] = (),
    as_of: PartialDate | None = None,
    official_only: bool = False,
    conflicts_only: bool = False,
    filters: Filters = NO_FILTERS,
) -> DiffView:
    """Compare actors ``a`` and ``b`` (ids, names, aliases or the records) on every
    issue in scope on which either has a position. Naming one actor twice is a
    usage error: there is nothing to compare."""
    actor_a = a if isinstance(a, Actor) else resolve.actor(kb, a)
    actor_b = b if isinstance(b, Actor) else resolve.actor(kb, b)
    if actor_a.id == actor_b.id:
        raise UsageError(
            f"{_typed(a)!r} and {_typed(b)!r} are both {actor_a.name} ({actor_a.id}): "
            "name two different actors"
        )
    nodes = scope(kb, issues)
    filters = with_official_only(filters, official_only)
    ledger = ledger_for(kb, {actor_a.id, actor_b.id}, as_of, filters)
    rows: list[DiffRow] = []
    summary = dict.fromkeys((*RELATIONS, "red_line"), 0)
    for node in nodes:
        side_a = ledger.stance(actor_a.id, node.issue.id)
        side_b = ledger.stance(actor_b.id, node.issue.id)
        if all(side is None or side.inherited for side in (side_a, side_b)):
            continue
        rel = relation(side_a.stance if side_a else None, side_b.stance if side_b else None)
        red_line = rel == "conflict" and any(side.red_line for side in (side_a, side_b) if side)
        summary[rel] += 1
        summary["red_line"] += red_line
        if not conflicts_only or rel == "conflict":
            both = overlap(range_of(node.issue, side_a), range_of(node.issue, side_b))
            shared, distance = both if both is not None else (None, None)
            rows.append(
                DiffRow(
                    node,
                    rel,
                    red_line,
                    side_a,
                    side_b,
                    overlap=shared,
                    distance=distance,
                    stale=stale(side_a, side_b),
                )
            )
    return DiffView(kb, actor_a, actor_b, nodes, rows, summary, as_of, official_only, filters)


def kept_scope(
    found: Scope | None,
    *,
    as_of: PartialDate | None = None,
    official_only: bool = False,
    filters: Filters = NO_FILTERS,
) -> Scope | None:
    """``found`` (see :func:`needs`), for a view weighed as by default, with the
    stances the query index keeps (which it then answers with, reading only the
    positions they rest on)."""
    if found is None or as_of is not None:
        return found
    if with_official_only(filters, official_only) != NO_FILTERS:
        return found
    return dataclasses.replace(found, kept=True)


def needs(kb: KnowledgeBase, words: Iterable[str], issues: Iterable[str] = ()) -> Scope | None:
    """The positions :func:`diff` of the two actors in ``words`` (see
    :func:`~negotrack.analysis.resolve.pair`) on ``issues`` looks at: all of theirs
    (None when a name names no actor; an issue that names nothing raises, as
    :func:`diff` would)."""
    for name in issues:
        resolve.issue(kb, name)
    ids = []
    for name in resolve.pair(kb, "actors", list(words)):
        record = resolve.lookup(kb, "actors", name)
        if record is None:
            return None
        ids.append(record.id)
    return Scope(actors=frozenset(ids))
