"""The stance rules: which positions count, and where an actor stands on an issue.

Every view that gives a current stance (``show``, ``diff``, ``matrix``) and every
shift (``timeline``, ``show``'s history) follows these rules, and only these:

1. **What counts.** Only the actor's own positions count: a ``claim`` (another
   party's claim about the actor) never does, and a position whose speaker is
   not official on its date (``official: false``, or said outside every one of
   the speaker's ``terms``) counts only with ``include_unofficial``. Positions
   that do not count are still listed, marked (:func:`not_counted`).
2. **Evidence tiers.** The actor's own positions (``quote``, ``paraphrase``:
   stated; ``reported``) outrank ``assessment`` ones. The current stance comes
   from the own positions when there are any, from assessments only when there
   are none; within that tier the latest-date rule applies (:func:`latest`).
   Its basis is ``stated`` when it rests on a quote or paraphrase, else
   ``reported``, or ``assessed``. Counted assessments newer than the positions
   it rests on are kept beside it (``newer``) so that nothing is hidden.
3. **Red lines stand** from the stated or reported position that draws one
   (``firmness: red-line``) until a position certainly said later (same actor,
   same issue) takes a different stance or is ``flexible``. Restating a
   position without firmness, or as ``firm``, does not lift it.
4. **Inheritance.** An actor with no counted position on an issue inherits an
   ``oppose`` from its nearest ancestor issue on which it has a current stance
   (the ``oppose`` positions of that stance, when it is mixed): questions in a
   subtree specialise their parent's, so opposing the parent opposes each
   child. Only ``oppose`` is inherited: supporting some concession is not
   supporting each one, so any other stance on the nearest ancestor stops it.
5. **Shifts** are found between counted stated and reported positions only
   (:mod:`negotrack.analysis.history`).
6. **Staleness.** Two stances compared in a diff whose positions are more than
   :data:`STALE_DAYS` apart (first possible days) are stale.

:func:`stance_of` answers for one actor and issue; :class:`Ledger` answers for
many, reading the KB once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import OWN, STATED, Position

if TYPE_CHECKING:
    from negotrack.analysis.history import Step

MIXED = "mixed"
#: Every value a current stance can take, in the order views list them.
CURRENT_STANCES = ("support", "oppose", "conditional", "ambiguous", MIXED)
#: What a current stance rests on (rule 2), or ``inherited`` (rule 4).
BASES = ("stated", "reported", "assessed", "inherited")
#: Why a position does not count (rule 1).
NOT_COUNTED = ("claim", "unofficial")
#: Source grades, best first; an ungraded source ranks with F.
GRADES = ("A", "B", "C", "D", "E", "F")
#: A diff row whose sides rest on positions further apart than this is stale.
STALE_DAYS = 180


@dataclass(frozen=True)
class Filters:
    """Which positions a view uses at all, before the stance rules weigh them.

    An empty set allows every value. ``min_reliability`` keeps positions whose
    source is graded at least that well (``A`` best; an ungraded source passes
    only at ``F``). ``include_unofficial`` lets positions of speakers who are
    not official on their date count; ``official_only`` leaves them out
    altogether. ``tags`` keeps positions carrying any of them; ``speakers``
    those said by one of these people.
    """

    evidence: frozenset[str] = frozenset()
    min_reliability: str | None = None
    include_unofficial: bool = False
    official_only: bool = False
    tags: frozenset[str] = frozenset()
    #: Only statements by these people (ids): one person's own view.
    speakers: frozenset[str] = frozenset()

    def keeps(self, kb: KnowledgeBase, p: Position) -> bool:
        """Whether ``p`` is used at all under these filters."""
        if self.evidence and p.evidence not in self.evidence:
            return False
        if self.speakers and p.speaker not in self.speakers:
            return False
        if self.tags and not self.tags.intersection(p.tags):
            return False
        if self.min_reliability is not None and not reliable_enough(kb, p, self.min_reliability):
            return False
        return not (self.official_only and not official(kb, p))


NO_FILTERS = Filters()


def with_official_only(filters: Filters, official_only: bool) -> Filters:
    """``filters``, leaving out unofficial speakers too when ``official_only``."""
    if not official_only or filters.official_only:
        return filters
    return replace(filters, official_only=True)


def reliable_enough(kb: KnowledgeBase, p: Position, grade: str) -> bool:
    """Whether ``p``'s source is graded ``grade`` or better (ungraded: only for ``F``)."""
    return grade_rank(kb, p) <= GRADES.index(grade)


def grade_rank(kb: KnowledgeBase, p: Position) -> int:
    """The grade of ``p``'s source as its place among :data:`GRADES` (``A`` = 0; an
    ungraded or missing source as ``F``)."""
    source = kb.source(p.source)
    given = source.reliability if source is not None else None
    return GRADES.index(given or "F")


def official(kb: KnowledgeBase, p: Position) -> bool:
    """Whether ``p``'s speaker spoke officially on its date.

    No speaker: the actor itself, official. ``official: false``: never. With
    ``terms``: only within one, precision-aware (a ``2025-01`` statement is within
    a term from ``2025-01-20``: it may have been said then). The date compared is
    the one that stands for the position (its source's, when it has none).
    """
    if p.speaker is None:
        return True
    person = kb.person(p.speaker)
    if person is None:
        return True
    if not person.official:
        return False
    return not person.terms or any(term.may_hold(p.when) for term in person.terms)


def not_counted(kb: KnowledgeBase, p: Position, include_unofficial: bool = False) -> str | None:
    """Why ``p`` does not count towards a stance (``claim`` or ``unofficial``), or None."""
    if p.evidence == "claim":  # whoever said it
        return "claim"
    return not_counted_as(p.evidence, official(kb, p), include_unofficial)


def not_counted_as(evidence: str, official: bool, include_unofficial: bool = False) -> str | None:
    """:func:`not_counted` of a position of this ``evidence``, whose speaker spoke
    officially or not (:func:`official`)."""
    if evidence == "claim":
        return "claim"
    if not include_unofficial and not official:
        return "unofficial"
    return None


@dataclass(frozen=True, slots=True)
class CurrentStance:
    """``stance`` (a position stance or ``mixed``), the positions behind it, and why."""

    stance: str
    #: The positions it rests on (sharing the latest date), in KB order; for an
    #: inherited stance, the ancestor's ``oppose`` positions.
    positions: list[Position]
    date: PartialDate
    #: True when an earlier-sorted position with a coarser date may be as recent.
    approximate: bool
    #: ``stated``, ``reported``, ``assessed`` or ``inherited`` (see :data:`BASES`).
    basis: str = "stated"
    #: The issue id it is inherited from, or None.
    inherited_from: str | None = None
    #: The positions whose red line stands (rule 3), in date order.
    red_lines: list[Position] = field(default_factory=list)
    #: Counted assessments newer than the positions it rests on, in date order.
    newer: list[Position] = field(default_factory=list)

    @property
    def mixed(self) -> bool:
        return self.stance == MIXED

    @property
    def red_line(self) -> bool:
        """Whether a red line stands."""
        return bool(self.red_lines)

    @property
    def inherited(self) -> bool:
        return self.inherited_from is not None


def latest(positions: Iterable[Position]) -> CurrentStance | None:
    """The latest-date rule: the stance of the positions sharing the latest date
    (dates by first day, coarser first), ``mixed`` when they disagree, approximate
    when a coarser date overlaps it; None without positions."""
    positions = list(positions)
    if not positions:
        return None
    top = max((p.when for p in positions), key=PartialDate.sort_key)
    current = [p for p in positions if p.when == top]
    stances = {p.stance for p in current}
    stance = current[0].stance if len(stances) == 1 else MIXED
    approximate = any(p.when != top and p.when.overlaps(top) for p in positions)
    return CurrentStance(stance, current, top, approximate)


def current_stance(positions: Iterable[Position]) -> CurrentStance | None:
    """The latest-date rule alone (kept for callers that weigh positions themselves)."""
    return latest(positions)


def certainly_later(p: Position, earlier: Position) -> bool:
    """Whether ``p`` was certainly said after ``earlier``; a position known only as
    reported may have been said any time up to its source's publication, so never."""
    return not p.as_reported and p.when.is_after(earlier.when)


def standing_red_lines(own: Iterable[Position]) -> list[Position]:
    """The red lines still standing among one actor's counted stated and reported
    positions on one issue (rule 3), in date order."""
    standing: list[Position] = []
    for p in sorted(own, key=lambda q: q.when.sort_key()):
        standing = [
            r
            for r in standing
            if not (certainly_later(p, r) and (p.stance != r.stance or p.firmness == "flexible"))
        ]
        if p.firmness == "red-line":
            standing.append(p)
    return standing


def weigh(counted: Iterable[Position]) -> CurrentStance | None:
    """Rules 2 and 3 on one actor's counted positions on one issue (KB order)."""
    counted = list(counted)
    own = [p for p in counted if p.evidence in OWN]
    assessed = [p for p in counted if p.evidence == "assessment"]
    found = latest(own or assessed)
    if found is None:
        return None
    if own:
        basis = "stated" if any(p.evidence in STATED for p in found.positions) else "reported"
        top = found.date.sort_key()
        newer = sorted(
            (a for a in assessed if a.when.sort_key() > top), key=lambda a: a.when.sort_key()
        )
    else:
        basis, newer = "assessed", []
    return CurrentStance(
        found.stance,
        found.positions,
        found.date,
        found.approximate,
        basis,
        None,
        standing_red_lines(own),
        newer,
    )


class Ledger:
    """The positions some actors took, as a view uses them, and their current stances.

    Built once per view: positions of ``actors`` (ids; all when None) that pass
    ``filters`` and are not certainly after ``as_of``, grouped by actor and issue
    over the whole KB (an inherited stance may come from an issue outside the view).
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        actors: Iterable[str] | None = None,
        as_of: PartialDate | None = None,
        filters: Filters = NO_FILTERS,
    ) -> None:
        self.kb = kb
        self.as_of = as_of
        self.filters = filters
        wanted = None if actors is None else set(actors)
        self.groups: dict[tuple[str, str], list[Position]] = {}
        for p in kb.positions:
            if wanted is not None and p.actor not in wanted:
                continue
            if as_of is not None and p.when.is_after(as_of):
                continue
            if not filters.keeps(kb, p):
                continue
            self.groups.setdefault((p.actor, p.issue), []).append(p)
        self._own: dict[tuple[str, str], CurrentStance | None] = {}

    def listed(self, actor: str, issue: str) -> list[Position]:
        """Every position used of ``actor`` on ``issue``, counted or not, in KB order."""
        return self.groups.get((actor, issue), [])

    def not_counted(self, p: Position) -> str | None:
        """Why ``p`` does not count here (see :func:`not_counted`)."""
        return not_counted(self.kb, p, self.filters.include_unofficial)

    def counted(self, actor: str, issue: str) -> list[Position]:
        """The positions of ``actor`` on ``issue`` that count (rule 1), in KB order."""
        return [p for p in self.listed(actor, issue) if self.not_counted(p) is None]

    def own_stance(self, actor: str, issue: str) -> CurrentStance | None:
        """The stance from ``actor``'s counted positions on ``issue`` itself (rules 1-3)."""
        key = (actor, issue)
        if key not in self._own:
            self._own[key] = weigh(self.counted(actor, issue))
        return self._own[key]

    def shown_steps(self, actor: str, issue: str, current: CurrentStance) -> list[Step]:
        """The steps (see :mod:`negotrack.analysis.history`) of the positions
        ``current``, ``actor``'s stance on ``issue``, rests on, in date order: what a
        view without history lists; none for an inherited stance."""
        from negotrack.analysis.history import steps_of

        if current.inherited:
            return []
        shown = {id(p) for p in current.positions}
        steps = steps_of(self.listed(actor, issue), self.not_counted)
        return [step for step in steps if id(step.position) in shown]

    def stance(self, actor: str, issue: str) -> CurrentStance | None:
        """``actor``'s current stance on ``issue``: its own, else inherited (rule 4)."""
        own = self.own_stance(actor, issue)
        if own is not None:
            return own
        return self.inherited(actor, issue)

    def inherited(self, actor: str, issue: str) -> CurrentStance | None:
        """The ``oppose`` ``actor`` inherits on ``issue`` from its nearest ancestor with a
        current stance, or None."""
        seen = {issue}
        record = self.kb.issue(issue)
        parent = record.parent if record is not None else None
        while parent is not None and parent not in seen:
            seen.add(parent)
            found = self.own_stance(actor, parent)
            if found is not None:
                opposed = [p for p in found.positions if p.stance == "oppose"]
                if not opposed:
                    return None
                return CurrentStance(
                    "oppose",
                    opposed,
                    found.date,
                    found.approximate,
                    "inherited",
                    parent,
                    [r for r in found.red_lines if r.stance == "oppose"],
                    [],
                )
            ancestor = self.kb.issue(parent)
            parent = ancestor.parent if ancestor is not None else None
        return None


def stance_of(
    kb: KnowledgeBase,
    actor: str,
    issue: str,
    as_of: PartialDate | None = None,
    filters: Filters = NO_FILTERS,
) -> CurrentStance | None:
    """Where ``actor`` stands on ``issue`` (ids) as of ``as_of`` under ``filters``, by the
    stance rules: the counted positions the stance rests on (``positions``), its
    ``basis``, ``red_line`` and ``inherited_from``; None when it has no stance there."""
    return Ledger(kb, [actor], as_of, filters).stance(actor, issue)


def stale(a: CurrentStance | None, b: CurrentStance | None) -> bool:
    """Whether two stances rest on positions more than :data:`STALE_DAYS` apart, by the
    first day each date may mean (rule 6)."""
    if a is None or b is None:
        return False
    apart = abs((a.date.first_day() - b.date.first_day()).days)
    return apart > STALE_DAYS


def by_actor_issue(positions: Iterable[Position]) -> dict[tuple[str, str], list[Position]]:
    """``{(actor id, issue id): positions}``, each list in the order given."""
    groups: dict[tuple[str, str], list[Position]] = {}
    for p in positions:
        groups.setdefault((p.actor, p.issue), []).append(p)
    return groups
