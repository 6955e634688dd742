"""Warning: a stance that contradicts its range. The scale runs from the answer "no"
(first option) to "yes" (last), so an ``oppose`` whose range includes the last
option, or a ``support`` whose range is only the first, says two things at once."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.checks.rules._scaled import ranges
from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "stance-range"
LEVEL = "warning"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    for position, issue, _, (low, high) in ranges(kb):
        if len(issue.scale) < 2:
            continue
        if low is None or high is None or low > high:
            continue
        last = len(issue.scale) - 1
        if position.stance == "oppose" and high == last:
            message = (
                f"stance 'oppose' but the acceptable range includes the last option "
                f"'{issue.scale[last].id}', a full yes to the issue's question"
            )
        elif position.stance == "support" and high == 0:
            message = (
                f"stance 'support' but the acceptable range is only the first option "
                f"'{issue.scale[0].id}', a full no to the issue's question"
            )
        else:
            continue
        yield kb.problem(position, ("acceptable",), message)
