"""The query index: an SQLite database per KB, which read commands query while no
file of the KB changed.

The parse cache (:mod:`negotrack.load.cache`) keeps each file's records, but a
command answered from it still decodes every record of the KB, so its time and
memory grow with the KB however little it shows. The index keeps the same
records one per row, with the columns a view selects by, so that a view of one
or two actors reads only their positions:

- ``meta``: what identifies the index (:data:`MAGIC`, the code that wrote it, the
  KB's fingerprint: its files as named and as read), the files' names, the KB's
  problems, and its small sections (actors, people, issues, events, documents)
  as one value;
- ``records``: one row per position in KB order (``seq``), the record and the
  row of its source;
- ``positions``: by ``place`` (by actor, then in date order, so that a listing
  of an actor reads its rows in a run), what a listed position is written from
  (:class:`~negotrack.model.kb.ListedRow`): its members of a JSON object as
  JSON writers write them (:func:`~negotrack.model.plain.written_position`),
  which a JSON view then repeats instead of writing them again, its source's
  object written likewise (:func:`~negotrack.model.plain.written_source`, in
  every row that cites it, so that a listing reads one row a position), its
  date, evidence, official standing and shift;
- ``facts``: by ``seq``, what a view selects and orders positions by: the
  position's ``actor``, ``issue``, ``speaker``, ``stance``, ``evidence``,
  ``firmness`` and ``tags``, its date (as text, and its place in date order),
  and what the caller worked out for it when the index was written (whether
  its speaker spoke officially, its source's grade, its shift), and the
  ``place`` of its row of ``positions``: a narrow table, read through without
  the records;
- ``texts``: each position's searchable text (case-folded, what a text search
  looks in), by ``seq``: a table of its own, which a search reads through;
- ``stances``: each actor's own current stance on each issue as the stance rules
  find it by default (:class:`~negotrack.model.kb.KeptStance`, worked out by the
  caller), and the rows of the positions it names: a view of current stances
  weighed by default reads only those;
- ``sources``: one row per source in KB order, its ``id``, the record and its
  JSON object as written as the member of a position
  (:func:`~negotrack.model.plain.written_source`).

Records are stored as the parse cache stores them (``marshal`` of plain data,
never ``pickle``) and decoded by the same code, so a record read from the index
is the record read from the YAML. For most scopes SQL only narrows: it returns
the rows that *can* match the view's scope (:class:`~negotrack.model.kb.Scope`),
and the view then selects among them with the same Python as on a whole KB, so
results never depend on the index. Two kinds of scope are answered by the index:

- a view that writes only positions' JSON (a
  :class:`~negotrack.model.kb.Listing`): its every criterion is a column of
  ``facts`` or a date kept there, so the index selects and orders the
  positions, and the view writes the JSON kept for each without a record being
  read;
- a view of current stances weighed by default (``Scope.kept``): it reads the
  stances kept and only the positions they name.

What the index keeps beyond the records (facts, stances) is worked out by the
caller with the views' own functions (:class:`~negotrack.model.kb.WorkedOut`).
A text search is a substring search (``instr`` on the case-folded text), exactly
as the view's own test. A full-text index of words
would answer another question; one of trigrams, which finds substrings, took
3 times as long to build as the rest of the index and 80 MB at 100,000
positions, to save about 50 ms a search (see docs/performance.md).

The index is written when a command with a scope (see
:func:`negotrack.checks.validate.open_kb`) has read a whole KB and found it
valid, to a temporary file renamed over the old one, and only read while its
fingerprint is the KB's (every file unchanged, the same code). It lives in the
cache directory under the same rules of trust, size and failure: an index that
cannot be read, is damaged, foreign or another user's is ignored and written
again, and never changes a result.
"""

from __future__ import annotations

import contextlib
import dataclasses
import marshal
import os
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from negotrack.errors import NegotrackError
from negotrack.load import cache
from negotrack.model.dates import PartialDate
from negotrack.model.kb import (
    KeptStance,
    KnowledgeBase,
    ListedRow,
    Listing,
    Scope,
    WorkedOut,
    searchable,
)
from negotrack.model.plain import written_position, written_source
from negotrack.model.problems import Problem
from negotrack.model.records import Position, Source

#: Identifies an index and its format; bumped when the format changes.
MAGIC = b"negotrack-index-7"
#: The sections kept whole in ``meta``: small next to positions and sources. Events
#: are kept apart, read only for a view that writes them.
SMALL = ("actors", "people", "issues", "documents")
T = TypeVar("T")
#: What the caller works out for a KB when its index is written (see
#: :class:`~negotrack.model.kb.WorkedOut`).
Facts = Callable[[KnowledgeBase], WorkedOut]

#: At most this many values in one query (SQLite's oldest limit is 999).
_CHUNK = 500

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE records (seq INTEGER PRIMARY KEY, source INTEGER NOT NULL, record BLOB NOT NULL);
CREATE TABLE positions (
    place INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL,
    date TEXT NOT NULL,
    evidence TEXT NOT NULL,
    official INTEGER NOT NULL,
    shift TEXT,
    previous TEXT,
    written TEXT NOT NULL,
    source TEXT
);
CREATE TABLE facts (
    seq INTEGER PRIMARY KEY,
    actor TEXT NOT NULL,
    issue TEXT NOT NULL,
    speaker TEXT,
    stance TEXT NOT NULL,
    evidence TEXT NOT NULL,
    firmness TEXT,
    tags BLOB NOT NULL,
    date TEXT NOT NULL,
    dated INTEGER NOT NULL,
    official INTEGER NOT NULL,
    grade INTEGER NOT NULL,
    shift TEXT,
    place INTEGER NOT NULL
);
CREATE TABLE texts (seq INTEGER PRIMARY KEY, searchable TEXT NOT NULL);
CREATE TABLE stances (
    actor TEXT NOT NULL,
    issue TEXT NOT NULL,
    kept BLOB NOT NULL,
    seqs BLOB NOT NULL
);
CREATE TABLE sources (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    record BLOB NOT NULL,
    written TEXT NOT NULL
);
"""
#: Made once the rows are in (faster than keeping them up to date row by row).
_INDEXES = """
CREATE INDEX facts_actor ON facts (actor, dated);
CREATE INDEX facts_issue ON facts (issue, dated);
CREATE INDEX facts_speaker ON facts (speaker, dated);
CREATE INDEX facts_dated ON facts (dated);
CREATE INDEX sources_id ON sources (id);
CREATE INDEX stances_actor ON stances (actor);
"""


class KbIndex:
    """An open index whose fingerprint is the KB's: its problems, the KB without its
    positions and sources (:meth:`skeleton`), and the KB for a scope (:meth:`read`)."""

    def __init__(self, connection: sqlite3.Connection, meta: dict[str, Any], path: Path) -> None:
        self._db = connection
        self._meta = meta
        self._path = path

    def close(self) -> None:
        self._db.close()

    def discard(self) -> None:
        """Close and delete the index (found damaged): the next whole read writes it again."""
        self._db.close()
        with contextlib.suppress(OSError):
            self._path.unlink()

    def problems(self) -> list[Problem]:
        """Every problem of the KB (per file and cross-record), sorted."""
        return [Problem(*fields) for fields in marshal.loads(self._meta["problems"])]

    def skeleton(self, path: str, bundled: bool) -> KnowledgeBase:
        """The KB's small sections, without positions, sources and events: enough to
        resolve the names a user typed and to work out a view's scope."""
        small = marshal.loads(self._meta["small"])
        dates: dict[str, PartialDate] = {}
        actors, people, issues, documents = (
            [cache.build_record(section, row, file, dates) for file, row in rows]
            for section, rows in zip(SMALL, small, strict=True)
        )
        return KnowledgeBase(
            actors=actors,
            people=people,
            issues=issues,
            documents=documents,
            files=marshal.loads(self._meta["files"]),
            path=path,
            bundled=bundled,
            fingerprint=self._meta["fingerprint"],
        )

    def read(self, skeleton: KnowledgeBase, scope: Scope) -> KnowledgeBase:
        """The KB of ``skeleton`` with the positions that can be in ``scope`` and the
        sources they, the events and the documents cite, each in KB order; for a
        scope with a listing, with the positions it lists instead, no sources, and
        the objects of those the events and the documents cite written."""
        dates: dict[str, PartialDate] = {}
        if scope.events or (scope.listing is not None and scope.listing.events):
            rows = marshal.loads(self._meta["events"])
            events = [cache.build_record("events", row, file, dates) for file, row in rows]
            skeleton = dataclasses.replace(skeleton, events=events)
        cited = {e.source for e in skeleton.events}
        cited.update(d.source for d in skeleton.documents)
        if scope.listing is not None:
            listed = _Listed(self._db, self._path, *self._listed(scope.listing))
            texts = self._source_texts(cited) if scope.listing.events else {}  # written
            written = _Written(self._db, {}, texts)
            return dataclasses.replace(skeleton, scope=scope, listed=listed, written=written)
        kept = None
        read: Iterable[tuple[int, bytes, int]]
        if scope.kept and scope.actors is not None:
            kept, named = self._kept(scope.actors)
            read = self._by_seq(named)
        else:
            read = self._rows(scope)
        rows = [(seq, _position(blob, dates), source) for seq, blob, source in read]
        rows.sort(key=_first)  # here, not by SQLite, which would copy every record to sort
        positions = [position for _, position, _ in rows]
        seqs = {position.id: seq for seq, position, _ in rows}
        found = self._sources({source for *_, source in rows}, cited)
        del rows
        sources = [_source(blob, dates) for _, blob, _ in found]
        texts = {s.id: text for s, (*_, text) in zip(sources, found, strict=True)}
        written = _Written(self._db, seqs, texts)
        return dataclasses.replace(
            skeleton, sources=sources, positions=positions, scope=scope, written=written, kept=kept
        )

    def _kept(self, actors: frozenset[str]) -> tuple[dict[tuple[str, str], KeptStance], set[int]]:
        """The stances kept for ``actors``, by (actor, issue), and the rows of the
        positions they name."""
        found: dict[tuple[str, str], KeptStance] = {}
        named: set[int] = set()
        for chunk in _chunks(sorted(actors)):
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT kept, seqs FROM stances WHERE actor IN ({marks})"
            for blob, seqs in self._db.execute(query, chunk):
                stance = KeptStance(*marshal.loads(blob))
                found[stance.actor, stance.issue] = stance
                named.update(marshal.loads(seqs))
        return found, named

    def _by_seq(self, seqs: set[int]) -> list[tuple[int, bytes, int]]:
        """The rows (``seq``, record, source's row) of the positions ``seqs``."""
        found: list[tuple[int, bytes, int]] = []
        for chunk in _chunks(sorted(seqs)):
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT seq, record, source FROM records WHERE seq IN ({marks})"
            found.extend(self._db.execute(query, chunk))
        return found

    def _rows(self, scope: Scope) -> Iterator[tuple[int, bytes, int]]:
        """The rows (``seq``, record, source's row) of the positions that can be in
        ``scope``, in no particular order."""
        where: list[str] = []
        values: list[Any] = []
        for column, wanted in (
            ("actor", scope.actors),
            ("issue", scope.issues),
            ("speaker", scope.speakers),
        ):
            if wanted is None or len(values) + len(wanted) > _CHUNK:  # the view selects
                continue
            where.append(f"{column} IN ({', '.join('?' * len(wanted))})")
            values.extend(sorted(wanted))
        if scope.text is not None and _storable(scope.text):  # else the view selects
            where.append("seq IN (SELECT seq FROM texts WHERE instr(searchable, ?) > 0)")
            values.append(scope.text)
        if not where:
            return self._db.execute("SELECT seq, record, source FROM records")
        selected = f"SELECT seq FROM facts WHERE {' AND '.join(where)}"
        query = f"SELECT seq, record, source FROM records WHERE seq IN ({selected})"
        return self._db.execute(query, values)

    def _listed(self, listing: Listing) -> tuple[list[int], tuple[str, list[Any]] | None]:
        """The rows (``seq``) of the positions ``listing`` lists, in its order, or,
        when SQL decides alone, none but the query that gives what a listed position
        holds (see :class:`_Listed`) in that order."""
        where: list[str] = []
        values: list[Any] = []
        later: list[tuple[int, frozenset[str]]] = []  # criteria too long for one query
        for column, wanted in enumerate(
            (
                listing.actors,
                listing.issues,
                listing.speakers,
                listing.stances,
                listing.evidence,
                listing.firmness,
            )
        ):
            if not wanted:
                continue
            if len(values) + len(wanted) > _CHUNK:
                later.append((column + 1, wanted))
                continue
            where.append(f"f.{_FACTS[column]} IN ({', '.join('?' * len(wanted))})")
            values.extend(sorted(wanted))
        if listing.text is not None:
            if not _storable(listing.text):  # in no text SQLite holds
                return [], None
            where.append("f.seq IN (SELECT seq FROM texts WHERE instr(searchable, ?) > 0)")
            values.append(listing.text)
        if listing.official:
            where.append("f.official = 1")
        if listing.grade is not None:
            where.append("f.grade <= ?")
            values.append(listing.grade)
        if listing.shifts:
            where.append("f.shift IS NOT NULL")
        condition = f" WHERE {' AND '.join(where)}" if where else ""
        since, until, tags = listing.since, listing.until, listing.tags
        if not (later or since is not None or until is not None or tags or listing.ranked_by):
            # SQL decides alone: one query, in date order (read from an index).
            query = (
                f"SELECT {_LISTED} FROM facts f JOIN positions p ON p.place = f.place{condition}"
                " ORDER BY f.dated"
            )
            if listing.limit is not None:
                query += " LIMIT ?"
                values.append(listing.limit)
            return [], (query, values)
        rows = self._db.execute(
            f"SELECT seq, {', '.join(_FACTS)}, date, tags FROM facts f{condition} ORDER BY dated",
            values,
        ).fetchall()
        if later or since is not None or until is not None or tags:
            dates: dict[str, PartialDate] = {}
            kept = []
            for row in rows:
                if any(row[column] not in wanted for column, wanted in later):
                    continue
                if tags and not tags.intersection(marshal.loads(row[-1])):
                    continue
                if since is not None or until is not None:
                    text = row[-2]
                    date = dates.get(text) or dates.setdefault(text, PartialDate.parse(text))
                    if until is not None and date.is_after(until):
                        continue
                    if since is not None and since.is_after(date):
                        continue
                kept.append(row)
            rows = kept
        if listing.ranked_by is not None:
            rank = dict(listing.rank)
            column = 1 + _FACTS.index(listing.ranked_by)
            rows.sort(key=lambda row: rank.get(row[column], len(rank)))  # stable: by date
        if listing.limit is not None:
            rows = rows[: listing.limit]
        return [row[0] for row in rows], None

    def _source_texts(self, ids: set[str]) -> dict[str, str]:
        """The objects of the sources ``ids`` written as a position's member, by id."""
        found: dict[str, str] = {}
        for chunk in _chunks(sorted(ids)):
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT id, written FROM sources WHERE id IN ({marks}) ORDER BY seq DESC"
            found.update(self._db.execute(query, chunk))  # the first of an id last
        return found

    def _sources(self, seqs: set[int], ids: set[str]) -> list[tuple[int, bytes, str]]:
        """The rows of the sources ``seqs`` (the positions' sources, by row) and ``ids``."""
        found: dict[int, tuple[int, bytes, str]] = {}
        wanted: list[tuple[str, list[Any]]] = [("seq", sorted(seqs)), ("id", sorted(ids))]
        for column, values in wanted:
            for chunk in _chunks(values):
                marks = ", ".join("?" * len(chunk))
                query = f"SELECT seq, record, written FROM sources WHERE {column} IN ({marks})"
                found.update((row[0], row) for row in self._db.execute(query, chunk))
        return sorted(found.values(), key=_first)


def _first(row: tuple[int, Any, Any]) -> int:
    return row[0]


#: The columns of ``facts`` a listing asks for one of a set of values, in the order of
#: :meth:`KbIndex._listed`'s criteria.
_FACTS = ("actor", "issue", "speaker", "stance", "evidence", "firmness")


class IndexFailed(NegotrackError):
    """The query index failed while a listing was written from it (damaged): it is
    removed, and the next command reads the KB whole."""


#: What a listed position holds (:class:`~negotrack.model.kb.ListedRow`'s fields, in
#: order), from ``positions p``.
_LISTED = "p.written, p.source_id, p.source, p.date, p.evidence, p.official, p.shift, p.previous"


class _Listed:
    """The positions a listing lists: the rows of ``query`` (see :data:`_LISTED`), or
    those of ``seqs`` fetched a chunk at a time, read as they are written. Holds
    the index open, closed when this goes (see :class:`_Written`)."""

    def __init__(
        self,
        db: sqlite3.Connection,
        path: Path,
        seqs: list[int],
        query: tuple[str, list[Any]] | None,
    ) -> None:
        import weakref

        self._db = db
        self._path = path
        self._seqs = seqs
        self._query = query
        weakref.finalize(self, _close, db)

    def rows(self) -> Iterator[ListedRow]:
        new = tuple.__new__  # ListedRow's fields in order, without its checks of them
        try:
            for chunk in self._chunks():
                for row in chunk:
                    yield new(ListedRow, row)
        except sqlite3.DatabaseError as error:  # damaged where these rows are
            _close(self._db)
            with contextlib.suppress(OSError):
                self._path.unlink()
            raise IndexFailed(
                f"the query index failed while read ({error}); it has been removed: "
                "run the command again"
            ) from None

    def _chunks(self) -> Iterator[list[tuple[Any, ...]]]:
        """What the positions listed hold (see :data:`_LISTED`), a few hundred at a time."""
        if self._query is not None:
            cursor = self._db.execute(*self._query)
            while chunk := cursor.fetchmany(_CHUNK):
                yield chunk
            return
        for seqs in _chunks(self._seqs):
            marks = ", ".join("?" * len(seqs))
            query = (
                f"SELECT f.seq, {_LISTED} FROM facts f JOIN positions p ON p.place = f.place"
                f" WHERE f.seq IN ({marks})"
            )
            found = {row[0]: row[1:] for row in self._db.execute(query, seqs)}
            if len(found) != len(seqs):
                raise sqlite3.DatabaseError("rows missing")
            yield [found[seq] for seq in seqs]


class _Written:
    """The written members of the positions read, fetched from the index when a JSON
    writer asks for them (a view shows fewer positions than it reads). Holds the
    index open: its file may be replaced or removed meanwhile, never changed. The
    connection is closed when this goes (with its KB), in whichever thread, not
    left to be deallocated, which Python 3.13 warns of."""

    def __init__(
        self, db: sqlite3.Connection, seqs: dict[str, int], sources: dict[str, str]
    ) -> None:
        import weakref

        self._db = db
        self._seqs = seqs
        self._sources = sources
        self._failed = False
        weakref.finalize(self, _close, db)

    def source(self, source_id: str) -> str | None:
        return self._sources.get(source_id)

    def positions(self, ids: Collection[str]) -> dict[str, str]:
        if self._failed:  # asked again position by position: fail at once
            return {}
        seqs = self._seqs
        by_seq = {seqs[i]: i for i in ids if i in seqs}
        found: dict[str, str] = {}
        try:
            for chunk in _chunks(sorted(by_seq)):
                marks = ", ".join("?" * len(chunk))
                query = (
                    "SELECT f.seq, p.written FROM facts f JOIN positions p ON p.place = f.place"
                    f" WHERE f.seq IN ({marks})"
                )
                for seq, text in self._db.execute(query, chunk):
                    found[by_seq[seq]] = text
        except sqlite3.Error:  # damaged, or closed: the writer writes them again
            self._failed = True
            return {}
        return found


def _close(db: sqlite3.Connection) -> None:
    """Close ``db`` (already closed: nothing to do)."""
    with contextlib.suppress(sqlite3.ProgrammingError):
        db.close()


def open_index(store: cache.Store, labels: list[str], fingerprint: bytes) -> KbIndex | None:
    """The index of the KB whose files are ``labels``, if it was written for this
    ``fingerprint`` by this code and may be trusted; else None."""
    entry = store.entry(b"index", *labels)
    if not store.trusted(entry):
        return None
    try:
        # A URI needs an absolute path (the cache directory may be given relative).
        # Read only, never at once from two threads: a KB read in one thread may be
        # used and dropped in another.
        db = sqlite3.connect(
            f"{entry.absolute().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
    except (sqlite3.Error, ValueError):
        return None
    try:
        meta = dict(db.execute("SELECT key, value FROM meta"))
        if (
            meta.get("magic") != MAGIC
            or meta.get("code") != cache.code_stamp()
            or meta.get("fingerprint") != fingerprint
        ):
            db.close()
            return None
    except sqlite3.Error:  # not a database, damaged, or of another shape
        db.close()
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # used now: the last to go when the cache is pruned
    return KbIndex(db, meta, entry)


def current(store: cache.Store, kb: KnowledgeBase) -> bool:
    """Whether the index of ``kb`` is up to date."""
    assert kb.fingerprint is not None
    found = open_index(store, kb.files, kb.fingerprint)
    if found is None:
        return False
    found.close()
    return True


def write(store: cache.Store, kb: KnowledgeBase, problems: list[Problem], facts: Facts) -> None:
    """Write the index of ``kb`` (a whole KB read with the cache), its ``problems`` and
    the ``facts`` of each position. A failure only means the next command reads the
    whole KB again."""
    import tempfile  # only to write

    assert kb.fingerprint is not None
    entry = store.entry(b"index", *kb.files)
    try:
        store.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not store.trusted(store.root):
            return
        fd, name = tempfile.mkstemp(dir=store.root, prefix=f".{entry.name}.", suffix=".tmp")
        os.close(fd)
    except OSError:
        return
    temporary = Path(name)
    try:
        db = sqlite3.connect(temporary)
        try:
            _fill(db, kb, problems, facts)
        finally:
            db.close()
        os.replace(temporary, entry)
    except Exception:  # a full disk, a value SQLite refuses: run without the index
        with contextlib.suppress(OSError):
            temporary.unlink()
        return
    with contextlib.suppress(OSError):
        store.prune()


def _fill(db: sqlite3.Connection, kb: KnowledgeBase, problems: list[Problem], facts: Facts) -> None:
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -65536")  # 64 MiB while the indexes are made
    db.executescript(_SCHEMA)
    small = [
        [(record.file, cache.record_row(section, record)) for record in kb.section(section)]
        for section in SMALL
    ]
    rows = [(p.file, p.line, p.column, p.level, p.message, p.rule, p.field) for p in problems]
    meta = {
        "magic": MAGIC,
        "code": cache.code_stamp(),
        "fingerprint": kb.fingerprint,
        "files": marshal.dumps(list(kb.files)),
        "problems": marshal.dumps(rows),
        "small": marshal.dumps(small),
        "events": marshal.dumps(
            [(e.file, cache.record_row("events", e)) for e in kb.section("events")]
        ),
    }
    worked = facts(kb)
    source_ids = [s.id for s in kb.sources]
    source_seqs = {s: seq for seq, s in reversed(list(enumerate(source_ids)))}
    # Date order as a listing sorts: a date's first day, coarser first, then KB order.
    dated = [0] * len(kb.positions)
    by_date = sorted(range(len(kb.positions)), key=lambda seq: kb.positions[seq].when.sort_key())
    for place, seq in enumerate(by_date):
        dated[seq] = place
    del by_date
    with db:
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.executemany(
            "INSERT INTO records VALUES (?, ?, ?)",
            (
                (seq, source_seqs.get(p.source, -1), _position_blob(p))
                for seq, p in enumerate(kb.positions)
            ),
        )
        # Each position's row holds its source's object too: a listing reads one row a
        # position (about 400 bytes more each, against a query per few hundred). The
        # rows lie by actor, then in date order: a listing of an actor reads them in a
        # run, as they lie.
        source_texts = [written_source(s) for s in kb.sources]  # once, for both tables
        cited = dict(zip(reversed(source_ids), reversed(source_texts), strict=True))
        laid = sorted(
            range(len(kb.positions)), key=lambda seq: (kb.positions[seq].actor, dated[seq])
        )
        places = [0] * len(laid)
        for at, seq in enumerate(laid):
            places[seq] = at
        db.executemany(
            "INSERT INTO positions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    places[seq],
                    p.source,
                    str(p.when),
                    p.evidence,
                    official,
                    shift,
                    previous,
                    written_position(kb, p),
                    cited.get(p.source),
                )
                for seq, p, (official, _, shift, previous) in (
                    (seq, kb.positions[seq], worked.positions[seq]) for seq in laid
                )
            ),
        )
        del cited, laid
        db.executemany(
            "INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    seq,
                    p.actor,
                    p.issue,
                    p.speaker,
                    p.stance,
                    p.evidence,
                    p.firmness,
                    marshal.dumps(list(p.tags)),
                    str(p.when),
                    dated[seq],
                    official,
                    grade,
                    shift,
                    places[seq],
                )
                for (seq, p), (official, grade, shift, _) in zip(
                    enumerate(kb.positions), worked.positions, strict=True
                )
            ),
        )
        seqs = {p.id: seq for seq, p in reversed(list(enumerate(kb.positions)))}
        db.executemany(
            "INSERT INTO stances VALUES (?, ?, ?, ?)",
            (
                (
                    stance.actor,
                    stance.issue,
                    marshal.dumps(dataclasses.astuple(stance)),
                    marshal.dumps(sorted(seqs[i] for i in stance.ids())),
                )
                for stance in worked.stances
            ),
        )
        db.executemany(
            "INSERT INTO texts VALUES (?, ?)",
            ((seq, searchable(kb, p)) for seq, p in enumerate(kb.positions)),
        )
        db.executemany(
            "INSERT INTO sources VALUES (?, ?, ?, ?)",
            (
                (
                    seq,
                    s.id,
                    marshal.dumps((s.file, cache.record_row("sources", s))),
                    text,
                )
                for seq, (s, text) in enumerate(zip(kb.sources, source_texts, strict=True))
            ),
        )
    db.executescript(_INDEXES)


def _position_blob(p: Position) -> bytes:
    row = cache.record_row("positions", p)
    return marshal.dumps((p.file, row, str(p.when), p.as_reported))


def _position(blob: bytes, dates: dict[str, PartialDate]) -> Position:
    file, row, when, as_reported = marshal.loads(blob)
    position: Position = cache.build_record("positions", row, file, dates)
    date = dates.get(when)
    position.when = date if date is not None else dates.setdefault(when, PartialDate.parse(when))
    position.as_reported = as_reported
    return position


def _source(blob: bytes, dates: dict[str, PartialDate]) -> Source:
    file, row = marshal.loads(blob)
    source: Source = cache.build_record("sources", row, file, dates)
    return source


def _storable(text: str) -> bool:
    """Whether SQLite takes ``text``: not one typed with bytes that are not UTF-8
    (they reach Python as lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _chunks(values: list[T]) -> Iterator[list[T]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]
