"""Citation numbers: ``[1]``, ``[2]``, … in order of first use, and the reference list."""

from __future__ import annotations

from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import Source


class Citations:
    """Numbers the sources a view cites, in the order it cites them."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._numbers: dict[str, int] = {}

    def cite(self, source_id: str) -> int:
        """The number of a source, assigning the next one on first use."""
        number = self._numbers.get(source_id)
        if number is None:
            number = self._numbers[source_id] = len(self._numbers) + 1
        return number

    def mark(self, source_id: str) -> str:
        return f"[{self.cite(source_id)}]"

    def sources(self) -> list[tuple[int, Source]]:
        """``(number, source)`` for every source cited, in number order."""
        found = []
        for source_id, number in self._numbers.items():
            source = self.kb.source(source_id)
            if source is not None:
                found.append((number, source))
        return found
