"""Documents revise earlier ones: following ``revises`` from any document must end,
never come back to where it started (a document cannot revise itself)."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "revises-cycle"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    documents = kb.by_id("documents")
    reported: set[str] = set()
    for document in kb.documents:
        chain = [document.id]
        current = document
        while current.revises is not None and current.revises in documents:
            if current.revises in chain:
                cycle = [*chain[chain.index(current.revises) :], current.revises]
                if not reported.intersection(cycle):
                    reported.update(cycle)
                    yield kb.problem(
                        document,
                        ("revises",),
                        "documents revise each other in a cycle: " + " -> ".join(cycle),
                    )
                break
            chain.append(current.revises)
            current = documents[current.revises]
