"""``negotrack plans``, ``plan`` and ``plans compare``: documents point by point.

A provision answers its issue with an option of the issue's scale, a stance,
or both. Against an actor's current positions on that issue (the stance rules
of ``show``) it is:

- ``acceptable``: its option is inside the actor's range, or (without both an
  option and a range) its stance is the actor's current stance;
- ``unacceptable``: its option is outside the range, or its stance is the
  opposite of the actor's (``support`` against ``oppose``); a standing red
  line among the actor's current positions is flagged;
- ``unknown``: anything else (a conditional, ambiguous or mixed stance, a
  mixed range, no range and no stance to compare).

Two documents are compared issue by issue: the provisions of each on the
issue are ``same`` when they give the same options and stances, ``changed``
when not, ``only-a`` / ``only-b`` when one document has none there.
"""

from __future__ import annotations

from dataclasses import dataclass

from negotrack.analysis import resolve
from negotrack.analysis.query import IssueNode, issue_tree
from negotrack.analysis.ranges import range_of, standing
from negotrack.analysis.stance import NO_FILTERS, CurrentStance, Filters
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import Actor, Document, Issue, Position, Provision

VERDICTS = ("acceptable", "unacceptable", "unknown")
STATUSES = ("same", "changed", "only-a", "only-b")


@dataclass(frozen=True)
class PlansView:
    """Every document, by date (ties in KB order)."""

    kb: KnowledgeBase
    documents: list[Document]


def plans(kb: KnowledgeBase) -> PlansView:
    """The documents of ``kb``, oldest first."""
    return PlansView(kb, sorted(kb.documents, key=lambda d: d.date.sort_key()))


@dataclass(frozen=True)
class Verdict:
    actor: Actor
    verdict: str
    red_line: bool
    #: The positions the verdict rests on: the range's, else the current stance's.
    positions: list[Position]


@dataclass(frozen=True)
class ProvisionVerdicts:
    provision: Provision
    issue: Issue | None
    verdicts: list[Verdict]


@dataclass(frozen=True)
class PlanView:
    kb: KnowledgeBase
    document: Document
    #: The provisions in issue-tree order (document order within an issue).
    provisions: list[ProvisionVerdicts]
    as_of: PartialDate | None
    official_only: bool


def plan(
    kb: KnowledgeBase,
    document: str,
    *,
    as_of: PartialDate | None = None,
    official_only: bool = False,
    filters: Filters = NO_FILTERS,
) -> PlanView:
    """The provisions of ``document`` (id or title), each judged against every actor
    with a current stance of its own on its issue as of ``as_of``, under the stance
    rules (``filters`` as for ``show``)."""
    record = resolve.document(kb, document)
    issues = kb.by_id("issues")
    actors = [a.id for a in kb.actors]
    rows = []
    for provision in in_tree_order(kb, record.provisions):
        issue = issues.get(provision.issue)
        verdicts = []
        if issue is not None:
            current = standing(kb, actors, issue, as_of, official_only, filters)
            for actor in kb.actors:
                if actor.id in current:
                    verdicts.append(judge(actor, issue, provision, current[actor.id]))
        rows.append(ProvisionVerdicts(provision, issue, verdicts))
    return PlanView(kb, record, rows, as_of, official_only)


def judge(actor: Actor, issue: Issue, provision: Provision, current: CurrentStance) -> Verdict:
    """Whether ``provision`` is acceptable to an actor with this current stance."""
    found = range_of(issue, current)
    place = issue.option_index(provision.option) if provision.option is not None else None
    if place is not None and found is not None and not found.mixed:
        verdict = "acceptable" if place in found else "unacceptable"
        positions = found.positions
    elif provision.stance in ("support", "oppose") and current.stance in ("support", "oppose"):
        verdict = "acceptable" if provision.stance == current.stance else "unacceptable"
        positions = current.positions
    else:
        verdict = "unknown"
        positions = found.positions if found is not None else current.positions
    red_line = verdict == "unacceptable" and current.red_line
    return Verdict(actor, verdict, red_line, positions)


def in_tree_order(kb: KnowledgeBase, provisions: list[Provision]) -> list[Provision]:
    """Provisions by their issue's place in the tree; document order within an issue."""
    rank = {node.issue.id: i for i, node in enumerate(issue_tree(kb))}
    return sorted(provisions, key=lambda p: rank.get(p.issue, len(rank)))


@dataclass(frozen=True)
class CompareRow:
    node: IssueNode
    status: str
    a: list[Provision]
    b: list[Provision]


@dataclass(frozen=True)
class CompareView:
    kb: KnowledgeBase
    a: Document
    b: Document
    #: One row per issue either document addresses, in tree order.
    rows: list[CompareRow]
    #: How many rows have each status.
    summary: dict[str, int]

    @property
    def differs(self) -> bool:
        return self.summary["same"] != len(self.rows)


def compare(kb: KnowledgeBase, a: str, b: str) -> CompareView:
    """Documents ``a`` and ``b`` (ids or titles) aligned issue by issue."""
    doc_a, doc_b = resolve.document(kb, a), resolve.document(kb, b)
    rows = []
    summary = dict.fromkeys(STATUSES, 0)
    for node in issue_tree(kb):
        in_a = [p for p in doc_a.provisions if p.issue == node.issue.id]
        in_b = [p for p in doc_b.provisions if p.issue == node.issue.id]
        if not in_a and not in_b:
            continue
        if not in_b:
            status = "only-a"
        elif not in_a:
            status = "only-b"
        else:
            status = "same" if _answers(in_a) == _answers(in_b) else "changed"
        summary[status] += 1
        rows.append(CompareRow(node, status, in_a, in_b))
    return CompareView(kb, doc_a, doc_b, rows, summary)


def _answers(provisions: list[Provision]) -> list[tuple[str, str]]:
    return sorted((p.option or "", p.stance or "") for p in provisions)
