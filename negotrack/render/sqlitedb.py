"""The KB as a SQLite database, for the ``sqlite3`` shell, Datasette and any SQL tool.

Tables (columns are the format's field names):

- ``actors``, ``people``, ``issues``, ``sources``, ``events``, ``positions``:
  one row a record, ``id`` the primary key, references as foreign keys;
- ``documents`` and ``provisions`` (in document order: ``seq``), and
  ``scale_options`` (each issue's scale in order, ``seq`` counted from 1);
  positions carry their range as ``acceptable_low``, ``acceptable_high`` and
  ``ideal`` (option ids);
- ``aliases`` (``kind`` is ``actor``, ``person`` or ``issue``; the column of
  that name holds the id), ``event_actors``, ``document_authors``,
  ``conditions`` (in order: ``seq``), ``tags`` and ``terms`` (a person's terms
  of office, in order: ``seq``; the format's ``from`` is ``term_from``): the
  lists of the format, one row an item;
- ``positions_fts``: a full-text index (FTS5, or FTS4 where the SQLite
  library lacks FTS5) over position summaries and quotes.

Dates are stored as text with their precision (``date``: ``2024-12``) and as
the first and last day they may mean (``date_start``, ``date_end``:
``2024-12-01``, ``2024-12-31``), which sort and compare as ISO dates. A
position's ``date`` is the date that stands for it: its own, or its source's
publication date, and then ``as_reported`` is 1.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase

SCHEMA = """
CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT
);
CREATE TABLE people (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    actor TEXT NOT NULL REFERENCES actors(id),
    role TEXT,
    official INTEGER NOT NULL
);
CREATE TABLE issues (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    question TEXT,
    parent TEXT REFERENCES issues(id),
    description TEXT
);
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    publisher TEXT NOT NULL,
    url TEXT NOT NULL,
    published TEXT NOT NULL,
    published_start TEXT NOT NULL,
    published_end TEXT NOT NULL,
    author TEXT,
    reliability TEXT,
    title_is_description INTEGER NOT NULL,
    note TEXT
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    date_start TEXT NOT NULL,
    date_end TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL REFERENCES sources(id),
    note TEXT
);
CREATE TABLE positions (
    id TEXT PRIMARY KEY,
    actor TEXT NOT NULL REFERENCES actors(id),
    issue TEXT NOT NULL REFERENCES issues(id),
    stance TEXT NOT NULL,
    summary TEXT NOT NULL,
    source TEXT NOT NULL REFERENCES sources(id),
    evidence TEXT NOT NULL,
    quote TEXT,
    speaker TEXT REFERENCES people(id),
    date TEXT NOT NULL,
    as_reported INTEGER NOT NULL,
    date_start TEXT NOT NULL,
    date_end TEXT NOT NULL,
    firmness TEXT,
    via TEXT,
    credibility INTEGER,
    note TEXT,
    file TEXT,
    line INTEGER,
    acceptable_low TEXT,
    acceptable_high TEXT,
    ideal TEXT
);
CREATE TABLE scale_options (
    issue TEXT NOT NULL REFERENCES issues(id),
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    label TEXT NOT NULL,
    description TEXT,
    PRIMARY KEY (issue, id)
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    date_start TEXT NOT NULL,
    date_end TEXT NOT NULL,
    source TEXT NOT NULL REFERENCES sources(id),
    revises TEXT REFERENCES documents(id),
    file TEXT,
    line INTEGER
);
CREATE TABLE document_authors (
    document TEXT NOT NULL REFERENCES documents(id),
    actor TEXT NOT NULL REFERENCES actors(id),
    PRIMARY KEY (document, actor)
);
CREATE TABLE provisions (
    document TEXT NOT NULL REFERENCES documents(id),
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    number TEXT,
    issue TEXT NOT NULL REFERENCES issues(id),
    text TEXT,
    summary TEXT NOT NULL,
    option TEXT,
    stance TEXT,
    PRIMARY KEY (document, id)
);
CREATE TABLE aliases (
    kind TEXT NOT NULL CHECK (kind IN ('actor', 'person', 'issue')),
    alias TEXT NOT NULL,
    actor TEXT REFERENCES actors(id),
    person TEXT REFERENCES people(id),
    issue TEXT REFERENCES issues(id),
    PRIMARY KEY (kind, alias),
    CHECK ((actor IS NOT NULL) = (kind = 'actor') AND (person IS NOT NULL) = (kind = 'person')
           AND (issue IS NOT NULL) = (kind = 'issue'))
);
CREATE TABLE event_actors (
    event TEXT NOT NULL REFERENCES events(id),
    actor TEXT NOT NULL REFERENCES actors(id),
    PRIMARY KEY (event, actor)
);
CREATE TABLE conditions (
    position TEXT NOT NULL REFERENCES positions(id),
    seq INTEGER NOT NULL,
    condition TEXT NOT NULL,
    PRIMARY KEY (position, seq)
);
CREATE TABLE terms (
    person TEXT NOT NULL REFERENCES people(id),
    seq INTEGER NOT NULL,
    role TEXT NOT NULL,
    term_from TEXT NOT NULL,
    term_from_start TEXT NOT NULL,
    until TEXT,
    until_end TEXT,
    PRIMARY KEY (person, seq)
);
CREATE TABLE tags (
    position TEXT NOT NULL REFERENCES positions(id),
    tag TEXT NOT NULL,
    PRIMARY KEY (position, tag)
);
CREATE INDEX people_actor ON people(actor);
CREATE INDEX issues_parent ON issues(parent);
CREATE INDEX sources_published ON sources(published_start);
CREATE INDEX events_date ON events(date_start);
CREATE INDEX events_source ON events(source);
CREATE INDEX event_actors_actor ON event_actors(actor);
CREATE INDEX positions_actor ON positions(actor);
CREATE INDEX positions_issue ON positions(issue);
CREATE INDEX positions_stance ON positions(stance);
CREATE INDEX positions_date ON positions(date_start);
CREATE INDEX positions_source ON positions(source);
CREATE INDEX positions_speaker ON positions(speaker);
CREATE INDEX aliases_actor ON aliases(actor);
CREATE INDEX aliases_person ON aliases(person);
CREATE INDEX aliases_issue ON aliases(issue);
CREATE INDEX tags_tag ON tags(tag);
CREATE INDEX provisions_issue ON provisions(issue);
CREATE INDEX documents_date ON documents(date_start);
"""

#: The full-text index; Datasette finds it by its ``content="positions"``.
FTS = 'CREATE VIRTUAL TABLE positions_fts USING {module}(summary, quote, content="positions")'


def write_database(kb: KnowledgeBase, path: Path) -> None:
    """Build the database of ``kb`` in the (new or empty) file ``path``."""
    connection = sqlite3.connect(path)
    try:
        # The file is fsynced once complete; a half-built database is thrown away.
        connection.execute("PRAGMA synchronous = OFF")
        connection.executescript(SCHEMA)
        connection.execute(FTS.format(module=fts_module()))
        with connection:
            _fill(connection, kb)
            connection.execute("INSERT INTO positions_fts(positions_fts) VALUES ('rebuild')")
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:  # pragma: no cover - a valid KB has no dangling reference
            raise RuntimeError(f"dangling references in the export: {broken[:5]}")
    finally:
        connection.close()


def fts_module() -> str:
    """``fts5`` when this SQLite library has it, else ``fts4``."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.OperationalError:
        return "fts4"
    finally:
        probe.close()
    return "fts5"


def _fill(connection: sqlite3.Connection, kb: KnowledgeBase) -> None:
    def insert(table: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            connection.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", rows)

    insert("actors", [(a.id, a.name, a.description) for a in kb.actors])
    insert("people", [(p.id, p.name, p.actor, p.role, int(p.official)) for p in kb.people])
    insert("issues", [(i.id, i.name, i.question, i.parent, i.description) for i in kb.issues])
    insert(
        "sources",
        [
            (
                s.id,
                s.title,
                s.publisher,
                s.url,
                *_span(s.published),
                s.author,
                s.reliability,
                int(s.title_is_description),
                s.note,
            )
            for s in kb.sources
        ],
    )
    insert("events", [(e.id, *_span(e.date), e.title, e.source, e.note) for e in kb.events])
    insert(
        "positions",
        [
            (
                p.id,
                p.actor,
                p.issue,
                p.stance,
                p.summary,
                p.source,
                p.evidence,
                p.quote,
                p.speaker,
                str(p.when),
                int(p.as_reported),
                *_span(p.when)[1:],
                p.firmness,
                p.via,
                p.credibility,
                p.note,
                p.file,
                p.line,
                *(p.acceptable or (None, None)),
                p.ideal,
            )
            for p in kb.positions
        ],
    )
    insert(
        "scale_options",
        [
            (i.id, seq, o.id, o.label, o.description)
            for i in kb.issues
            for seq, o in enumerate(i.scale, 1)
        ],
    )
    insert(
        "documents",
        [
            (d.id, d.title, d.kind, *_span(d.date), d.source, d.revises, d.file, d.line)
            for d in kb.documents
        ],
    )
    insert("document_authors", [(d.id, a) for d in kb.documents for a in d.authors])
    insert(
        "provisions",
        [
            (d.id, p.id, seq, p.number, p.issue, p.text, p.summary, p.option, p.stance)
            for d in kb.documents
            for seq, p in enumerate(d.provisions, 1)
        ],
    )
    insert(
        "aliases",
        [("actor", alias, a.id, None, None) for a in kb.actors for alias in a.aliases]
        + [("person", alias, None, p.id, None) for p in kb.people for alias in p.aliases]
        + [("issue", alias, None, None, i.id) for i in kb.issues for alias in i.aliases],
    )
    insert("event_actors", [(e.id, actor) for e in kb.events for actor in e.actors])
    insert(
        "conditions",
        [(p.id, seq, text) for p in kb.positions for seq, text in enumerate(p.conditions, 1)],
    )
    insert("tags", [(p.id, tag) for p in kb.positions for tag in p.tags])
    insert(
        "terms",
        [
            (
                p.id,
                seq,
                t.role,
                str(t.start),
                t.start.first_day().isoformat(),
                None if t.until is None else str(t.until),
                None if t.until is None else t.until.last_day().isoformat(),
            )
            for p in kb.people
            for seq, t in enumerate(p.terms, 1)
        ],
    )


def _span(date: PartialDate) -> tuple[str, str, str]:
    """The date as written, and the first and last day it may mean."""
    return str(date), date.first_day().isoformat(), date.last_day().isoformat()
