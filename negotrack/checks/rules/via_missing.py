"""Warning: a ``reported`` or ``assessment`` position says in ``via`` who reported
or assessed it, so that a reader can tell the actor's words from someone
else's reading of them."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "via-missing"
LEVEL = "warning"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    for position in kb.positions:
        if position.evidence in ("reported", "assessment") and position.via is None:
            yield kb.problem(
                position,
                ("evidence",),
                f"evidence is '{position.evidence}' but 'via' does not say who "
                f"{'reported' if position.evidence == 'reported' else 'assessed'} it",
            )
