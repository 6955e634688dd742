"""A position's ``ideal`` lies inside its own ``acceptable`` range."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "ideal-outside-range"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    issues = kb.by_id("issues")
    for position in kb.positions:
        issue = issues.get(position.issue)
        if issue is None or position.acceptable is None or position.ideal is None:
            continue
        low, high = (issue.option_index(o) for o in position.acceptable)
        ideal = issue.option_index(position.ideal)
        if None in (low, high, ideal) or low > high:
            continue  # reported by `unknown-option` or `range-order`
        if not low <= ideal <= high:
            low_id, high_id = position.acceptable
            yield kb.problem(
                position,
                ("ideal",),
                f"ideal '{position.ideal}' is outside the acceptable range [{low_id}, {high_id}]",
            )
