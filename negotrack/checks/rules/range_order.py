"""``acceptable: [LOW, HIGH]`` runs up the scale: LOW may not come after HIGH
(``[X, X]`` is a single option)."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "range-order"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    issues = kb.by_id("issues")
    for position in kb.positions:
        issue = issues.get(position.issue)
        if issue is None or position.acceptable is None:
            continue
        low, high = position.acceptable
        low_at, high_at = issue.option_index(low), issue.option_index(high)
        if low_at is not None and high_at is not None and low_at > high_at:
            yield kb.problem(
                position,
                ("acceptable",),
                f"acceptable: '{low}' comes after '{high}' on the scale of '{issue.id}'; "
                f"write [{high}, {low}]",
            )
