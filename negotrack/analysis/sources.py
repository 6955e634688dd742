"""The sources of a KB with how many positions cite each: ``negotrack sources``."""

from __future__ import annotations

from dataclasses import dataclass

from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import Source
from negotrack.render.references import citation_counts


@dataclass
class SourceList:
    kb: KnowledgeBase
    #: ``(source, positions citing it)`` in order of publication, then id.
    rows: list[tuple[Source, int]]
    unused_only: bool = False


def source_list(kb: KnowledgeBase, *, unused: bool = False) -> SourceList:
    """Every source (or, with ``unused``, those no position cites) and its citation count."""
    counts = citation_counts(kb)
    rows = [(s, counts[s.id]) for s in kb.sources if not unused or counts[s.id] == 0]
    rows.sort(key=lambda row: (row[0].published.sort_key(), row[0].id))
    return SourceList(kb, rows, unused)
