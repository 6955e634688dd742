"""Documents revise earlier ones: following ``revises`` from any document must end,
never come back to where it started (a document cannot revise itself)."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.checks.rules._cycle import cycles
from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "revises-cycle"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    for document, cycle in cycles(kb.documents, kb.by_id("documents"), lambda r: r.revises):
        yield kb.problem(
            document, ("revises",), "documents revise each other in a cycle: " + " -> ".join(cycle)
        )
