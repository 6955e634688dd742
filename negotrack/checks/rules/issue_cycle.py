"""Issues form a tree: following ``parent`` from any issue must end at a root,
never come back to where it started."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.checks.rules._cycle import cycles
from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "issue-cycle"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    for issue, cycle in cycles(kb.issues, kb.by_id("issues"), lambda r: r.parent):
        yield kb.problem(issue, ("parent",), "the issue tree has a cycle: " + " -> ".join(cycle))
