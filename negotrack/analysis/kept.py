"""What the query index keeps of the stance rules' work, worked out when it is
written (:func:`worked_out`), and the ledger of a view read with it
(:class:`KeptLedger`).

Everything kept is found by the functions a view calls, on the whole KB, as
the stance rules weigh by default (every position, no date): whether each
position's speaker spoke officially, its source's grade, its shift and
previous position (as a timeline finds them), and each actor's own current
stance on each issue (as :class:`~negotrack.analysis.stance.Ledger` finds it),
with the steps of the positions it rests on (as ``show`` lists them). A view
that weighs otherwise reads the positions instead.
"""

from __future__ import annotations

from negotrack.analysis.history import Step, steps_of
from negotrack.analysis.stance import (
    NO_FILTERS,
    CurrentStance,
    Filters,
    Ledger,
    grade_rank,
    not_counted_as,
    official,
)
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KeptStance, KnowledgeBase, WorkedOut
from negotrack.model.records import Position


def worked_out(kb: KnowledgeBase) -> WorkedOut:
    """What the query index of ``kb`` keeps (see :class:`~negotrack.model.kb.WorkedOut`)."""
    officials = {id(p): official(kb, p) for p in kb.positions}
    ledger = _Ledger(kb, officials)
    steps: dict[str, Step] = {}
    stances: list[KeptStance] = []
    for (actor, issue), group in ledger.groups.items():
        ordered = steps_of(group, ledger.not_counted)
        steps.update((step.position.id, step) for step in ordered)
        current = ledger.own_stance(actor, issue)
        if current is not None:
            stances.append(_kept(actor, issue, current, ordered))
    positions = []
    for p in kb.positions:
        step = steps[p.id]
        previous = step.previous.id if step.previous is not None else None
        positions.append((officials[id(p)], grade_rank(kb, p), step.shift, previous))
    return WorkedOut(positions, stances)


class _Ledger(Ledger):
    """The ledger of the whole KB weighed by default, each position's speaker's
    standing (:func:`~negotrack.analysis.stance.official`) worked out once."""

    def __init__(self, kb: KnowledgeBase, officials: dict[int, bool]) -> None:
        super().__init__(kb)
        self._officials = officials

    def not_counted(self, p: Position) -> str | None:
        return not_counted_as(p.evidence, self._officials[id(p)])


def _kept(actor: str, issue: str, current: CurrentStance, ordered: list[Step]) -> KeptStance:
    shown = {id(p) for p in current.positions}
    return KeptStance(
        actor,
        issue,
        current.stance,
        tuple(p.id for p in current.positions),
        str(current.date),
        current.approximate,
        current.basis,
        tuple(p.id for p in current.red_lines),
        tuple(p.id for p in current.newer),
        tuple(
            (s.position.id, s.shift, s.previous.id if s.previous is not None else None)
            for s in ordered
            if id(s.position) in shown
        ),
    )


class KeptLedger(Ledger):
    """A :class:`~negotrack.analysis.stance.Ledger` of a KB read with the stances kept
    for its actors (:attr:`~negotrack.model.kb.KnowledgeBase.kept`): their own
    stances as kept, no list of the positions used (the KB holds only those the
    stances rest on)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        assert kb.kept is not None
        self.kb = kb
        self.as_of = None
        self.filters = NO_FILTERS
        self.groups = {}
        self._own = {}
        self._kept = kb.kept

    def listed(self, actor: str, issue: str) -> list[Position]:
        raise ValueError("the positions used were not read: the KB keeps only stances")

    def own_stance(self, actor: str, issue: str) -> CurrentStance | None:
        key = (actor, issue)
        if key not in self._own:
            kept = self._kept.get(key)
            self._own[key] = None if kept is None else self._current(kept)
        return self._own[key]

    def shown_steps(self, actor: str, issue: str, current: CurrentStance) -> list[Step]:
        if current.inherited:
            return []
        positions = self.kb.by_id("positions")  # those the stances name, previous ones too
        steps = []
        for position_id, shift, previous in self._kept[actor, issue].steps:
            p = positions[position_id]
            before = positions[previous] if previous is not None else None
            steps.append(Step(p, shift, before, self.not_counted(p)))
        return steps

    def _current(self, kept: KeptStance) -> CurrentStance:
        def found(ids: tuple[str, ...]) -> list[Position]:
            return [self.kb.by_id("positions")[i] for i in ids]

        return CurrentStance(
            kept.stance,
            found(kept.positions),
            PartialDate.parse(kept.date),
            kept.approximate,
            kept.basis,
            None,
            found(kept.red_lines),
            found(kept.newer),
        )


def ledger_for(
    kb: KnowledgeBase,
    actors: set[str] | list[str],
    as_of: PartialDate | None = None,
    filters: Filters = NO_FILTERS,
) -> Ledger:
    """The ledger of ``actors`` for a view: as kept, for a KB read with kept stances
    (which must be weighed by default), else worked out from the positions."""
    if kb.kept is None:
        return Ledger(kb, actors, as_of, filters)
    if as_of is not None or filters != NO_FILTERS:
        raise ValueError("the KB was read with the stances kept for default weighing")
    return KeptLedger(kb)
