r"""The knowledge base: every record of every file, merged, with lookups by id.

Records keep the order of their files. Lookups return the first record with an
id (a duplicate is a validation error, reported by the ``duplicate-id`` rule).

A :class:`KnowledgeBase` is frozen once loaded. Tables derived from it (the
issue tree, the names of a section) are :class:`Index`\ es: each built on
first use and kept with the KB it was built from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

from negotrack.model.dates import PartialDate
from negotrack.model.problems import Level, Problem
from negotrack.model.records import (
    SECTIONS,
    Actor,
    Document,
    Event,
    Issue,
    Person,
    Position,
    Record,
    Source,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Scope:
    """Which positions a view will look at: those of one of ``actors``, on one of
    ``issues``, by one of ``speakers``, whose searchable text (see
    :func:`negotrack.analysis.query.searchable`) holds ``text`` (case-folded); a
    criterion left None matches every position. A KB read for a scope may hold
    only those positions, the events only when ``events``, and the sources they
    cite (see :mod:`negotrack.load.kbindex`): the view then selects among them as
    it would among all.
    """

    actors: frozenset[str] | None = None
    issues: frozenset[str] | None = None
    speakers: frozenset[str] | None = None
    text: str | None = None
    #: The whole listing wanted, when a view writes only positions' JSON: a KB read
    #: for it from the query index holds no positions and no sources (those the
    #: events and documents cite are written, :attr:`KnowledgeBase.written`), but
    #: the positions listed (:attr:`KnowledgeBase.listed`), selected and in order.
    listing: Listing | None = None
    #: True when the view weighs positions as the stance rules do by default (no
    #: filter, no date) and shows only current stances: a KB read for it from the
    #: query index holds the stances kept for ``actors``
    #: (:attr:`KnowledgeBase.kept`) and only the positions they rest on.
    kept: bool = False
    #: True when the view writes events: a KB read for a scope from the query index
    #: holds events (and the sources they cite) only then.
    events: bool = False

    @property
    def everything(self) -> bool:
        """True when the scope leaves no position out (whether it asks for events or
        not)."""
        return dataclasses.replace(self, events=False) == EVERYTHING


#: The scope of a view that looks at every position.
EVERYTHING = Scope()


@dataclass(frozen=True)
class Listing:
    """Which positions a listing lists, and in which order, in terms of what the query
    index keeps of each position: those meeting every criterion (an empty set or
    None meets all) in date order (a date's first day, coarser first, then KB
    order), then by ``rank`` of their ``ranked_by`` field (``actor`` or
    ``issue``; unranked last), at most ``limit``.

    ``since`` and ``until`` keep a position unless its date is certainly before or
    after them (:meth:`~negotrack.model.dates.PartialDate.is_after`); ``text``
    must be in its searchable text (:func:`searchable`); ``official`` keeps only
    positions whose speaker spoke officially; ``grade`` those whose source's
    grade is at least this good (an index into the grades, ``A`` = 0, ungraded as
    ``F``); ``tags`` those carrying any of them.

    What the index keeps of a position beyond its fields (whether its speaker
    spoke officially, its source's grade, its shift) is worked out when the
    index is written, by the functions a view would call.
    """

    actors: frozenset[str] = frozenset()
    issues: frozenset[str] = frozenset()
    speakers: frozenset[str] = frozenset()
    evidence: frozenset[str] = frozenset()
    stances: frozenset[str] = frozenset()
    firmness: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    since: PartialDate | None = None
    until: PartialDate | None = None
    text: str | None = None
    official: bool = False
    grade: int | None = None
    #: Only positions that shift from the previous one (see
    #: :mod:`negotrack.analysis.history`; under the stance rules' defaults).
    shifts: bool = False
    #: Whether the view writes events too (a KB read for the listing then has the
    #: objects of the sources they cite written at hand).
    events: bool = False
    ranked_by: str | None = None
    rank: tuple[tuple[str, int], ...] = ()
    limit: int | None = None


@dataclass(frozen=True)
class KeptStance:
    """An actor's own current stance on an issue as the stance rules find it by
    default (every position weighed, no date), worked out when the query index
    is written and kept there: the fields of a current stance, positions by id.
    ``steps`` are the shift and previous position's id of each position it rests
    on, in date order (as a timeline finds them)."""

    actor: str
    issue: str
    stance: str
    positions: tuple[str, ...]
    date: str
    approximate: bool
    basis: str
    red_lines: tuple[str, ...]
    newer: tuple[str, ...]
    steps: tuple[tuple[str, str | None, str | None], ...]

    def ids(self) -> set[str]:
        """Every position it names."""
        found = {*self.positions, *self.red_lines, *self.newer}
        found.update(previous for _, _, previous in self.steps if previous is not None)
        return found


class WorkedOut(NamedTuple):
    """What the query index keeps that the stance rules work out (see
    :class:`Listing`, :class:`KeptStance`): for each position in KB order, whether
    its speaker spoke officially, its source's grade (0 best), its shift and
    previous position's id; and each actor's own current stances."""

    positions: list[tuple[bool, int, str | None, str | None]]
    stances: list[KeptStance]


class ListedRow(NamedTuple):
    """A position listed (see :class:`Listing`), as a JSON writer needs it."""

    #: Its own members of a JSON object, written (see
    #: :func:`negotrack.model.plain.written_position`).
    written: str
    #: Its source's id, and the source's object written as a position's member
    #: (None when the KB has no such source).
    source: str
    source_member: str | None
    #: The date that stands for it, as text.
    date: str
    evidence: str
    #: 1 when its speaker spoke officially on that date, else 0.
    official: int
    #: How it shifts from the same actor's previous position on the issue, and that
    #: position's id, under the stance rules' defaults (see
    #: :mod:`negotrack.analysis.history`).
    shift: str | None
    previous: str | None


class Listed(Protocol):
    """The positions of a :class:`Listing`, in order, read from the query index."""

    def rows(self) -> Iterator[ListedRow]:
        """Each position listed, in order, read a few hundred at a time."""
        ...


class WrittenJson(Protocol):
    """Records' JSON, kept written: a position's own members
    (:func:`negotrack.model.plain.written_position`) and a source's object as a
    position's member (:func:`negotrack.model.plain.written_source`)."""

    def positions(self, ids: Collection[str]) -> dict[str, str]:
        """The written members of the positions ``ids``, by id; those it cannot give
        (the store failed) are left out, to be written again."""
        ...

    def source(self, source_id: str) -> str | None:
        """A source's object written as a position's member, or None to write it again."""
        ...


@dataclass(frozen=True)
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
    #: Set when the KB holds only the positions of a scope (and the sources cited by
    #: them, the events and the documents): read for one view, which selects among them.
    scope: Scope | None = field(default=None, repr=False, compare=False)
    #: Where the positions' own members of their JSON objects are kept written, when
    #: they were read from the KB's query index: JSON writers repeat them instead of
    #: writing them again.
    written: WrittenJson | None = field(default=None, repr=False, compare=False)
    #: When read for a scope with a :class:`Listing`: the positions it lists (the KB
    #: then holds no positions and no sources).
    listed: Listed | None = field(default=None, repr=False, compare=False)
    #: When read for a scope that keeps stances: the stances kept for its actors, by
    #: (actor, issue) (the KB then holds only the positions they name).
    kept: dict[tuple[str, str], KeptStance] | None = field(default=None, repr=False, compare=False)
    #: Finds the line and column of a field of a record; set by the loader.
    locator: Callable[[Record, tuple[Any, ...], bool], tuple[int, int]] | None = field(
        default=None, repr=False, compare=False
    )
    #: The tables built from this KB so far (see :class:`Index`).
    _indexes: dict[Index[Any], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def section(self, name: str) -> list[Any]:
        return getattr(self, name)  # type: ignore[no-any-return]

    def by_id(self, section: str) -> dict[str, Any]:
        """``{id: record}`` for a section, first record winning."""
        return BY_ID[section].of(self)

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
        """``{section: number of records}``, every section in format order."""
        return {name: len(self.section(name)) for name in SECTIONS}

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
        rule: str = "",
        level: Level = "error",
        *,
        key: bool = False,
    ) -> Problem:
        """A problem located at a field of a record. A cross-record rule leaves out
        ``rule`` and ``level``: the runner fills them in from the rule."""
        file, line, column = self.where(record, *path, key=key)
        field = path[0] if path and isinstance(path[0], str) else None
        return Problem(file, line, column, level, message, rule, field)


class Index(Generic[T]):
    """A table derived from a KB: built by ``build`` on first use, then kept with
    the KB (which never changes). One ``Index`` object per kind of table, so a
    table is found by identity and has its own type, never by a string key."""

    def __init__(self, build: Callable[[KnowledgeBase], T]) -> None:
        self.build = build

    def of(self, kb: KnowledgeBase) -> T:
        """The table for ``kb``."""
        try:
            return kb._indexes[self]  # type: ignore[no-any-return]
        except KeyError:
            value = kb._indexes[self] = self.build(kb)
            return value


def _by_id(section: str) -> Index[dict[str, Any]]:
    def build(kb: KnowledgeBase) -> dict[str, Any]:
        index: dict[str, Any] = {}
        for record in kb.section(section):
            index.setdefault(record.id, record)
        return index

    return Index(build)


#: ``{id: record}`` for each section, first record winning.
BY_ID: dict[str, Index[dict[str, Any]]] = {section: _by_id(section) for section in SECTIONS}


def searchable(kb: KnowledgeBase, p: Position) -> str:
    """The text a text search looks in, case-folded: summary, quote, conditions, note,
    via, the speaker's name, and the source's publisher and title."""
    speaker = kb.person(p.speaker) if p.speaker else None
    source = kb.source(p.source)
    parts = [
        p.summary,
        p.quote or "",
        *p.conditions,
        p.note or "",
        p.via or "",
        speaker.name if speaker is not None else "",
        source.publisher if source is not None else "",
        source.title if source is not None else "",
    ]
    return "\n".join(parts).casefold()
