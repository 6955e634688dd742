"""A position or a document cannot be dated after the source that reports it was published.
Precision counts: a statement of ``2025-03-16`` is not after a source published
in ``2025-03``; only a statement whose earliest possible day is after the
source's latest possible day is reported."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem
from negotrack.model.records import Document, Position

ID = "date-after-source"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    dated: list[Position | Document] = [*kb.positions, *kb.documents]
    sources = kb.by_id("sources")
    for position in dated:
        source = sources.get(position.source)
        if position.date is None or source is None:
            continue
        if position.date.is_after(source.published):
            yield kb.problem(
                position,
                ("date",),
                f"dated {position.date}, after its source '{source.id}' was published "
                f"({source.published})",
            )
