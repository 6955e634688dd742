"""``acceptable: [LOW, HIGH]`` runs up the scale: LOW may not come after HIGH
(``[X, X]`` is a single option)."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.checks.rules._scaled import ranges
from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "range-order"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    for position, issue, (low, high), (low_at, high_at) in ranges(kb):
        if low_at is not None and high_at is not None and low_at > high_at:
            yield kb.problem(
                position,
                ("acceptable",),
                f"acceptable: '{low}' comes after '{high}' on the scale of '{issue.id}'; "
                f"write [{high}, {low}]",
            )
