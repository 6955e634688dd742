"""Warning: a source that no position or document cites (events do not count)."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "unused-source"
LEVEL = "warning"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    cited = {position.source for position in kb.positions}
    cited |= {document.source for document in kb.documents}
    cited |= kb.broken_values("positions", "source") | kb.broken_values("documents", "source")
    for source in kb.sources:
        if source.id not in cited:
            yield kb.problem(
                source,
                ("id",),
                f"source '{source.id}' is not cited by any position or document",
            )
