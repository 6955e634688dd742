"""The sources of a KB with how many positions cite each: ``negotrack sources``."""

from __future__ import annotations

from dataclasses import dataclass

from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import Source


@dataclass
class SourceList:
    kb: KnowledgeBase
    #: ``(source, positions citing it)`` in order of publication, then id.
    rows: list[tuple[Source, int]]
    unused_only: bool = False


def citation_counts(kb: KnowledgeBase) -> dict[str, int]:
    """How many positions cite each source, for every source of the KB (0 if none)."""
    counts = {source.id: 0 for source in kb.sources}
    for position in kb.positions:
        if position.source in counts:
            counts[position.source] += 1
    return counts


def source_list(kb: KnowledgeBase, *, unused: bool = False) -> SourceList:
    """Every source (or, with ``unused``, those no position cites) and its citation count."""
    counts = citation_counts(kb)
    rows = [(s, counts[s.id]) for s in kb.sources if not unused or counts[s.id] == 0]
    rows.sort(key=lambda row: (row[0].published.sort_key(), row[0].id))
    return SourceList(kb, rows, unused)
