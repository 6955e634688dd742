"""The knowledge base: every record of every file, merged, with lookups by id.

Records keep the order of their files. Lookups return the first record with an
id (a duplicate is a validation error, reported by the ``duplicate-id`` rule).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from negotrack.model.problems import Level, Problem
from negotrack.model.records import (
    Actor,
    Document,
    Event,
    Issue,
    Person,
    Position,
    Record,
    Source,
)


@dataclass
class KnowledgeBase:
    actors: list[Actor] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    #: The files read, as shown in messages, in reading order.
    files: list[str] = field(default_factory=list)
    #: The KB as it was found: the file or directory read ("" when built in memory).
    path: str = ""
    #: True when ``path`` is the KB bundled with negotrack.
    bundled: bool = False
    #: False when a file or a whole section could not be read (cross-record checks wait).
    complete: bool = True
    #: Raw mappings of records that failed validation, per section: the checks
    #: treat their ids as defined and their references as made.
    broken: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False, compare=False)
    #: Identifies the exact files read and the code that read them (None when
    #: read without the cache): the key of the cached cross-record problems.
    fingerprint: bytes | None = field(default=None, repr=False, compare=False)
    #: Finds the line and column of a field of a record; set by the loader.
    locator: Callable[[Record, tuple[Any, ...], bool], tuple[int, int]] | None = field(
        default=None, repr=False, compare=False
    )
    _index: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False, compare=False)
    #: Lookup tables built on first use by other modules (e.g. names for ``resolve``).
    lookup_cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def section(self, name: str) -> list[Any]:
        return getattr(self, name)  # type: ignore[no-any-return]

    def by_id(self, section: str) -> dict[str, Any]:
        """``{id: record}`` for a section, first record winning."""
        index = self._index.get(section)
        if index is None:
            index = {}
            for record in self.section(section):
                index.setdefault(record.id, record)
            self._index[section] = index
        return index

    def actor(self, id: str) -> Actor | None:
        return self.by_id("actors").get(id)

    def person(self, id: str) -> Person | None:
        return self.by_id("people").get(id)

    def issue(self, id: str) -> Issue | None:
        return self.by_id("issues").get(id)

    def source(self, id: str) -> Source | None:
        return self.by_id("sources").get(id)

    def event(self, id: str) -> Event | None:
        return self.by_id("events").get(id)

    def position(self, id: str) -> Position | None:
        return self.by_id("positions").get(id)

    def document(self, id: str) -> Document | None:
        return self.by_id("documents").get(id)

    def broken_values(self, section: str, field: str) -> set[str]:
        """Values of ``field`` in the invalid records of ``section`` (e.g. their ids)."""
        return {
            value
            for item in self.broken.get(section, ())
            if isinstance(value := item.get(field), str)
        }

    def children(self, issue_id: str) -> list[Issue]:
        return [i for i in self.issues if i.parent == issue_id]

    def counts(self) -> dict[str, int]:
        return {
            name: len(self.section(name))
            for name in (
                "actors",
                "people",
                "issues",
                "sources",
                "events",
                "positions",
                "documents",
            )
        }

    def where(self, record: Record, *path: Any, key: bool = False) -> tuple[str, int, int]:
        """File, 1-based line and column of ``record`` or of a field inside it."""
        if self.locator is not None and record.file:
            line, column = self.locator(record, path, key)
            return record.file, line, column
        return record.file, record.line, 1 if record.line else 0

    def problem(
        self,
        record: Record,
        path: tuple[Any, ...],
        message: str,
        rule: str,
        level: Level = "error",
        *,
        key: bool = False,
    ) -> Problem:
        """A problem located at a field of a record."""
        file, line, column = self.where(record, *path, key=key)
        field = path[0] if path and isinstance(path[0], str) else None
        return Problem(file, line, column, level, message, rule, field)
