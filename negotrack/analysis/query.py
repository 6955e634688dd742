"""Selecting positions: which actor, which issues, who spoke, where, how, when, saying what.

Every read command starts here. Names typed by a user are resolved to records
(:mod:`negotrack.analysis.resolve`: id, name or alias, any case). An issue stands for
its whole subtree (``territory`` covers ``crimea``, ``donbas``, …), and views
list issues in tree order: each issue after its parent, siblings in the order
the KB lists them.

Dates keep their precision when compared (the rule validation uses): ``until``
(and ``as_of``) keeps a position unless it is certainly after that date, so a
``2025-03`` position is kept as of ``2025-03-15``; ``since`` keeps a position
unless it is certainly before that date.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from negotrack.analysis import resolve
from negotrack.analysis.stance import (
    GRADES,
    Filters,
    not_counted,
    not_counted_as,
)
from negotrack.errors import UsageError
from negotrack.model.dates import PartialDate
from negotrack.model.kb import Index, KnowledgeBase, Listed, ListedRow, Listing, Scope, searchable
from negotrack.model.records import EVIDENCE, FIRMNESS, STANCES, Event, Issue, Position

#: How :func:`sort_positions` may order positions (ties keep the order of the KB).
SORTS = ("date", "actor", "issue")


@dataclass(frozen=True, slots=True)
class IssueNode:
    """An issue in a view, with its depth below the top of that view (0 for a root)."""

    issue: Issue
    depth: int


def issue_tree(kb: KnowledgeBase) -> list[IssueNode]:
    """Every issue in tree order: each after its parent, siblings in KB order."""
    return _ISSUE_TREE.of(kb)


def _issue_tree(kb: KnowledgeBase) -> list[IssueNode]:
    ids = kb.by_id("issues")
    children: dict[str | None, list[Issue]] = {}
    for issue in kb.issues:
        parent = issue.parent if issue.parent in ids and issue.parent != issue.id else None
        children.setdefault(parent, []).append(issue)
    order: list[IssueNode] = []
    seen: set[str] = set()
    stack = [(issue, 0) for issue in reversed(children.get(None, []))]
    while stack:
        issue, depth = stack.pop()
        if issue.id in seen:  # a cycle or a duplicate id: validation reports it
            continue
        seen.add(issue.id)
        order.append(IssueNode(issue, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(issue.id, [])))
    # Issues caught in a cycle have no root above them; list them rather than lose them.
    for issue in kb.issues:
        if issue.id not in seen:
            seen.add(issue.id)
            order.append(IssueNode(issue, 0))
    return order


_ISSUE_TREE = Index(_issue_tree)
_TREE_RANK = Index(lambda kb: {node.issue.id: rank for rank, node in enumerate(issue_tree(kb))})


def tree_rank(kb: KnowledgeBase) -> dict[str, int]:
    """``{issue id: place in tree order}``."""
    return _TREE_RANK.of(kb)


def scope(kb: KnowledgeBase, issues: Iterable[str] = ()) -> list[IssueNode]:
    """The issues a view covers, in tree order: everything, or the named issues and
    their subtrees, with depths counted from the named issues."""
    names = list(issues)
    tree = issue_tree(kb)
    if not names:
        return tree
    wanted = {resolve.issue(kb, name).id for name in names}
    nodes: list[IssueNode] = []
    top: int | None = None  # depth of the named issue whose subtree we are in
    for node in tree:
        if top is not None and node.depth <= top:
            top = None
        if top is None and node.issue.id in wanted:
            top = node.depth
        if top is not None:
            nodes.append(IssueNode(node.issue, node.depth - top))
    return nodes


def with_ancestors(
    nodes: Sequence[IssueNode], shown: Container[str]
) -> list[tuple[IssueNode, bool]]:
    """``(node, has data)`` for the issues in ``shown`` and, as headings, their ancestors
    within ``nodes`` (a tree-order scope), so that an indented issue never appears to
    belong to the issue listed before it."""
    keep: list[tuple[IssueNode, bool]] = []
    path: list[IssueNode] = []  # the ancestors of the current node, root first
    emitted: set[str] = set()
    for node in nodes:
        del path[node.depth :]
        if node.issue.id in shown:
            for ancestor in path:
                if ancestor.issue.id not in emitted:
                    emitted.add(ancestor.issue.id)
                    keep.append((ancestor, False))
            emitted.add(node.issue.id)
            keep.append((node, True))
        path.append(node)
    return keep


def until_ok(date: PartialDate, until: PartialDate | None) -> bool:
    """False only when ``date`` is certainly after ``until``."""
    return until is None or not date.is_after(until)


def since_ok(date: PartialDate, since: PartialDate | None) -> bool:
    """False only when ``date`` is certainly before ``since``."""
    return since is None or not since.is_after(date)


@dataclass(frozen=True)
class Query:
    """What ``negotrack filter`` asks for; an empty criterion matches everything.

    Built with :func:`query`, which resolves names and expands issues to subtrees.
    """

    actors: frozenset[str] = frozenset()
    issues: frozenset[str] = frozenset()
    speakers: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    evidence: frozenset[str] = frozenset()
    stances: frozenset[str] = frozenset()
    firmness: frozenset[str] = frozenset()
    since: PartialDate | None = None
    until: PartialDate | None = None
    text: str | None = None
    official_only: bool = False
    tags: frozenset[str] = frozenset()
    min_reliability: str | None = None
    #: Whether positions of speakers who are not official on their date count.
    include_unofficial: bool = False

    @cached_property
    def filters(self) -> Filters:
        """What the stance rules need to know of this query (built once: every
        position asks)."""
        return Filters(
            evidence=self.evidence,
            min_reliability=self.min_reliability,
            include_unofficial=self.include_unofficial,
            official_only=self.official_only,
            tags=self.tags,
        )

    def matches(self, kb: KnowledgeBase, p: Position) -> bool:
        """Whether ``p`` meets every criterion."""
        return (
            (not self.actors or p.actor in self.actors)
            and (not self.issues or p.issue in self.issues)
            and (not self.speakers or p.speaker in self.speakers)
            and (not self.sources or p.source in self.sources)
            and (not self.stances or p.stance in self.stances)
            and (not self.firmness or p.firmness in self.firmness)
            and until_ok(p.when, self.until)
            and since_ok(p.when, self.since)
            and self.filters.keeps(kb, p)
            and (self.text is None or self.text in searchable(kb, p))
        )


def query(
    kb: KnowledgeBase,
    *,
    actors: Iterable[str] = (),
    issues: Iterable[str] = (),
    speakers: Iterable[str] = (),
    sources: Iterable[str] = (),
    evidence: Iterable[str] = (),
    stances: Iterable[str] = (),
    firmness: Iterable[str] = (),
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    text: str | None = None,
    official_only: bool = False,
    tags: Iterable[str] = (),
    min_reliability: str | None = None,
    include_unofficial: bool = False,
) -> Query:
    """A :class:`Query` from what a user typed: names resolved (UnknownName, exit 2,
    for one that matches nothing), each issue expanded to its subtree."""
    return Query(
        actors=frozenset(resolve.actor(kb, a).id for a in actors),
        issues=frozenset(n.issue.id for n in scope(kb, issues)) if issues else frozenset(),
        speakers=frozenset(resolve.person(kb, s).id for s in speakers),
        sources=frozenset(resolve.source(kb, s).id for s in sources),
        evidence=_choices("evidence", evidence, EVIDENCE),
        stances=_choices("stance", stances, STANCES),
        firmness=_choices("firmness", firmness, FIRMNESS),
        since=since,
        until=until,
        text=text.casefold() if text else None,
        official_only=official_only,
        tags=frozenset(tags),
        min_reliability=_grade(min_reliability),
        include_unofficial=include_unofficial,
    )


def needs(
    kb: KnowledgeBase,
    *,
    actors: Iterable[str] = (),
    issues: Iterable[str] = (),
    speakers: Iterable[str] = (),
    sources: Iterable[str] = (),
    text: str | None = None,
) -> Scope | None:
    """The positions a :func:`query` with these criteria can match (names as typed),
    as far as the query index can narrow them; None when a name names nothing or
    sources are named (the index holds no name of a source)."""
    if list(sources):
        return None
    ids: dict[str, set[str]] = {"actors": set(), "people": set()}
    for section, names in (("actors", actors), ("people", speakers)):
        for name in names:
            record = resolve.lookup(kb, section, name)
            if record is None:
                return None
            ids[section].add(record.id)
    named = list(issues)
    return Scope(
        actors=frozenset(ids["actors"]) or None,
        issues=frozenset(n.issue.id for n in scope(kb, named)) if named else None,
        speakers=frozenset(ids["people"]) or None,
        text=text.casefold() if text else None,
    )


def listing_scope(
    kb: KnowledgeBase,
    q: Query,
    scope: Scope | None,
    *,
    sort: str = "date",
    limit: int | None = None,
) -> Scope | None:
    """``scope`` (see :func:`needs`) for a view that writes only the JSON of the
    positions :func:`find` lists: with the whole listing, which the query index
    then answers without reading the positions (when sources are named, which the
    index holds no name of, ``scope`` as it is)."""
    if scope is None or q.sources:
        return scope
    return replace(scope, listing=_listing(kb, q, sort, limit))


def _listing(kb: KnowledgeBase, q: Query, sort: str, limit: int | None) -> Listing:
    if sort not in SORTS:
        raise UsageError(f"cannot sort by {sort!r}: use one of {', '.join(SORTS)}")
    rank: dict[str, int] = {}
    if sort == "actor":
        rank = {a.id: i for i, a in enumerate(kb.actors)}
    elif sort == "issue":
        rank = tree_rank(kb)
    return Listing(
        actors=q.actors,
        issues=q.issues,
        speakers=q.speakers,
        evidence=q.evidence,
        stances=q.stances,
        firmness=q.firmness,
        tags=q.tags,
        since=q.since,
        until=q.until,
        text=q.text,
        official=q.official_only,
        grade=None if q.min_reliability is None else GRADES.index(q.min_reliability),
        ranked_by=None if sort == "date" else sort,
        rank=tuple(sorted(rank.items())),
        limit=limit,
    )


@dataclass(frozen=True)
class Selection:
    """The positions ``negotrack filter`` lists, in order: ``positions``, or, for a KB
    read for the listing (see :func:`listing_scope`), ``listed``."""

    kb: KnowledgeBase
    positions: list[Position]
    #: Whether positions of speakers who are not official on their date count.
    include_unofficial: bool = False
    listed: Listed | None = None

    def not_counted(self, p: Position) -> str | None:
        """Why ``p`` does not count towards a stance (``claim``, ``unofficial``) or None."""
        return not_counted(self.kb, p, self.include_unofficial)

    def listed_not_counted(self, row: ListedRow) -> str | None:
        """Why the position ``row`` of ``listed`` does not count (or None)."""
        return not_counted_as(row.evidence, row.official == 1, self.include_unofficial)


def find(kb: KnowledgeBase, q: Query, *, sort: str = "date", limit: int | None = None) -> Selection:
    """The positions matching ``q``, sorted (see :func:`sort_positions`), at most ``limit``."""
    if kb.listed is not None:  # read for a listing: it must be this one
        if kb.scope is None or kb.scope.listing != _listing(kb, q, sort, limit):
            raise ValueError("the KB was read for another listing")
        return Selection(kb, [], q.include_unofficial, kb.listed)
    found = sort_positions(kb, select(kb, q), sort)
    return Selection(kb, found[:limit] if limit is not None else found, q.include_unofficial)


def filter_positions(
    kb: KnowledgeBase,
    *,
    actors: Iterable[str] = (),
    issues: Iterable[str] = (),
    speakers: Iterable[str] = (),
    sources: Iterable[str] = (),
    evidence: Iterable[str] = (),
    stances: Iterable[str] = (),
    firmness: Iterable[str] = (),
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    text: str | None = None,
    official_only: bool = False,
    tags: Iterable[str] = (),
    min_reliability: str | None = None,
    include_unofficial: bool = False,
    sort: str = "date",
    limit: int | None = None,
) -> Selection:
    """What ``negotrack filter`` lists: the positions matching every criterion given
    (names as a user types them; see :func:`query`), sorted, at most ``limit``."""
    q = query(
        kb,
        actors=actors,
        issues=issues,
        speakers=speakers,
        sources=sources,
        evidence=evidence,
        stances=stances,
        firmness=firmness,
        since=since,
        until=until,
        text=text,
        official_only=official_only,
        tags=tags,
        min_reliability=min_reliability,
        include_unofficial=include_unofficial,
    )
    return find(kb, q, sort=sort, limit=limit)


def select(kb: KnowledgeBase, q: Query) -> list[Position]:
    """The positions matching every criterion of ``q``, in KB order."""
    return [p for p in kb.positions if q.matches(kb, p)]


def sort_positions(
    kb: KnowledgeBase, positions: Iterable[Position], by: str = "date"
) -> list[Position]:
    """Positions by date (a date's first day, coarser first), by actor (in the order the
    KB lists actors, then by date) or by issue (tree order, then by date). Ties keep
    their order, so positions of one date stay in KB order."""
    if by not in SORTS:
        raise UsageError(f"cannot sort by {by!r}: use one of {', '.join(SORTS)}")
    ordered = sorted(positions, key=lambda p: p.when.sort_key())
    if by == "actor":
        rank = {a.id: i for i, a in enumerate(kb.actors)}
        ordered.sort(key=lambda p: rank.get(p.actor, len(rank)))
    elif by == "issue":
        issue_rank = tree_rank(kb)
        ordered.sort(key=lambda p: issue_rank.get(p.issue, len(issue_rank)))
    return ordered


def events(
    kb: KnowledgeBase,
    actors: Iterable[str] = (),
    since: PartialDate | None = None,
    until: PartialDate | None = None,
) -> list[Event]:
    """Events in the date range that involve one of ``actors`` (ids; any when empty)."""
    wanted = set(actors)
    return [
        e
        for e in kb.events
        if (not wanted or wanted.intersection(e.actors))
        and until_ok(e.date, until)
        and since_ok(e.date, since)
    ]


def _choices(what: str, values: Iterable[str], allowed: tuple[str, ...]) -> frozenset[str]:
    chosen = frozenset(values)
    unknown = sorted(chosen - set(allowed))
    if unknown:
        raise UsageError(f"unknown {what} {unknown[0]!r}: use one of {', '.join(allowed)}")
    return chosen


def _grade(grade: str | None) -> str | None:
    if grade is None:
        return None
    if grade.upper() not in GRADES:
        raise UsageError(f"unknown reliability grade {grade!r}: use one of {', '.join(GRADES)}")
    return grade.upper()
