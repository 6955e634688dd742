"""Issues form a tree: following ``parent`` from any issue must end at a root,
never come back to where it started."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "issue-cycle"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    issues = kb.by_id("issues")
    reported: set[str] = set()
    for issue in kb.issues:
        chain = [issue.id]
        current = issue
        while current.parent is not None and current.parent in issues:
            if current.parent in chain:
                cycle = [*chain[chain.index(current.parent) :], current.parent]
                if not reported.intersection(cycle):
                    reported.update(cycle)
                    yield kb.problem(
                        issue,
                        ("parent",),
                        "the issue tree has a cycle: " + " -> ".join(cycle),
                    )
                break
            chain.append(current.parent)
            current = issues[current.parent]
