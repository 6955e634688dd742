"""A position's ``ideal`` lies inside its own ``acceptable`` range."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.checks.rules._scaled import ranges
from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "ideal-outside-range"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    for position, issue, (low_id, high_id), (low, high) in ranges(kb):
        if position.ideal is None:
            continue
        ideal = issue.option_index(position.ideal)
        if low is None or high is None or ideal is None or low > high:
            continue  # reported by `unknown-option` or `range-order`
        if not low <= ideal <= high:
            yield kb.problem(
                position,
                ("ideal",),
                f"ideal '{position.ideal}' is outside the acceptable range [{low_id}, {high_id}]",
            )
