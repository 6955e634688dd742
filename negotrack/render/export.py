"""The KB for other tools: JSON, JSON Lines, CSV and SQLite.

- ``json``: the whole KB in one document, shaped like a KB file
  (``{"negotrack": 1, "actors": [...], ..., "positions": [...]}``) with every
  field present (``null`` or ``[]`` when not set), dates as strings with their
  precision, and the names of referenced records next to their ids.
- ``jsonl``: one position a line, its source embedded, for pipelines and jq.
- ``csv``: one row a position: the columns of ``filter --format csv`` (its
  fields and its source's), then the names of its actor, issue and speaker,
  then its range (see :data:`CSV_COLUMNS`).
- With ``records="provisions"``, ``jsonl`` and ``csv`` hold the documents'
  provisions instead, one a line or row, each with its document (see
  :data:`PROVISION_COLUMNS`).
- ``sqlite``: a database with tables, keys, indexes and a full-text index
  (see :mod:`negotrack.render.sqlitedb`).

Files are written atomically (see :mod:`negotrack.atomic`) and an existing
file is replaced only when asked to (``force``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from negotrack import atomic
from negotrack.errors import Field, OutputExists, UsageError
from negotrack.model.kb import KnowledgeBase
from negotrack.model.plain import position_dict, record_dict
from negotrack.model.records import SECTIONS, Position
from negotrack.render.formats import EXPORT_FORMATS
from negotrack.render.machine import POSITION_COLUMNS, csv_text, json_line, json_text, position_row

FORMATS = EXPORT_FORMATS
#: What one line of ``jsonl`` or one row of ``csv`` is.
RECORDS = ("positions", "provisions")

#: The columns of the CSV export of provisions: the document's, then the provision's.
PROVISION_COLUMNS = (
    "document",
    "document_title",
    "document_kind",
    "document_date",
    "document_authors",
    "document_revises",
    "document_source",
    "id",
    "number",
    "issue",
    "issue_name",
    "text",
    "summary",
    "option",
    "option_label",
    "stance",
)

#: The columns of the CSV export: a position's columns as in ``filter --format csv``,
#: then the names of its actor, issue and speaker, then its range on the issue's scale.
CSV_COLUMNS = (
    *POSITION_COLUMNS,
    "actor_name",
    "issue_name",
    "speaker_name",
    "acceptable_low",
    "acceptable_high",
    "ideal",
)


def export(
    kb: KnowledgeBase,
    format: str,
    output: str,
    *,
    force: bool = False,
    stdout: IO[str] | None = None,
    csv_raw: bool = False,
    records: str = "positions",
) -> None:
    """Write ``kb`` in ``format`` to the file ``output``, or to ``stdout`` when it is ``-``.

    Raises :class:`~negotrack.errors.OutputExists` when ``output`` exists and
    ``force`` is false, and :class:`~negotrack.errors.UsageError` for SQLite to
    stdout and for an ``output`` that is empty or is anything but a regular
    file or a new name (a directory, a link, a pipe, a device), ``force`` or
    not. ``csv_raw`` writes CSV cells that a spreadsheet would evaluate as
    they are (see :func:`~negotrack.render.machine.csv_text`).
    """
    if format not in FORMATS:
        raise UsageError(f"unknown export format {format!r}: use {', '.join(FORMATS)}")
    if records not in RECORDS:
        raise UsageError(f"unknown records {records!r}: use {', '.join(RECORDS)}")
    if records != "positions" and format in ("json", "sqlite"):
        raise UsageError(f"{format} holds every record; choose the records of jsonl or csv only")
    if output == "-":
        if format == "sqlite":
            raise UsageError(
                "a SQLite database cannot be written to stdout; name a file with ",
                Field("output", value="FILE"),
            )
        assert stdout is not None
        write_text(kb, format, stdout, csv_raw=csv_raw, records=records)
        return
    path = output_path(output)
    if not force and os.path.lexists(path):
        raise OutputExists(f"{path} already exists; use ", Field("force"), " to replace it")
    with atomic.replacing(path, overwrite=force) as temporary:
        if format == "sqlite":
            from negotrack.render.sqlitedb import write_database

            write_database(kb, temporary)
        else:
            with open(temporary, "w", encoding="utf-8", newline="") as stream:
                write_text(kb, format, stream, csv_raw=csv_raw, records=records)


def output_path(output: str) -> Path:
    """The file named ``output``, refused unless it can be a regular file.

    Raises :class:`~negotrack.errors.UsageError` for an empty name or a
    directory, and :class:`~negotrack.atomic.NotRegularFile` for a link, a
    pipe, a device or a socket.
    """
    if not output.strip():
        raise UsageError("the output file name is empty; name a file, or '-' for standard output")
    path = Path(output)
    if output.endswith(("/", os.sep)) or path.is_dir():
        raise UsageError(f"{output} names a directory; name a file to write")
    atomic.check_replaceable(path)
    return path


def write_text(
    kb: KnowledgeBase,
    format: str,
    stream: IO[str],
    *,
    csv_raw: bool = False,
    records: str = "positions",
) -> None:
    """Write ``kb`` as ``json``, ``jsonl`` or ``csv`` to a text stream (``records``: what
    a line of ``jsonl`` or a row of ``csv`` is)."""
    if format == "json":
        stream.write(json_text(document(kb)))
    elif records == "provisions":
        if format == "jsonl":
            for line in provision_records(kb):
                stream.write(json_line(line))
        else:
            stream.write(csv_text(PROVISION_COLUMNS, provision_rows(kb), raw=csv_raw))
    elif format == "jsonl":
        for position in kb.positions:
            stream.write(json_line(position_record(kb, position)))
    else:
        stream.write(csv_text(CSV_COLUMNS, csv_rows(kb), raw=csv_raw))


def document(kb: KnowledgeBase) -> dict[str, Any]:
    """The whole KB as one JSON-ready document, shaped like a KB file."""
    from negotrack.analysis.sources import citation_counts

    cited = citation_counts(kb)
    out: dict[str, Any] = {"negotrack": 1}
    for section in SECTIONS:
        records = []
        for record in kb.section(section):
            if section == "positions":
                data = position_record(kb, record, source=False)
            else:
                data = record_dict(record)
            if section == "people":
                data["actor_name"] = _name(kb, "actors", record.actor)
            elif section == "issues":
                data["parent_name"] = _name(kb, "issues", record.parent)
            elif section == "sources":
                data["cited_by"] = cited[record.id]
            records.append(data)
        out[section] = records
    return out


def position_record(
    kb: KnowledgeBase, position: Position, *, source: bool = True
) -> dict[str, Any]:
    """A position for JSON: :func:`~negotrack.model.plain.position_dict` (its standing
    date, ``as_reported``, file and line, its source embedded when ``source``),
    plus the names of its actor, issue and speaker."""
    data = position_dict(kb, position, source=source)
    data["actor_name"] = _name(kb, "actors", position.actor)
    data["issue_name"] = _name(kb, "issues", position.issue)
    data["speaker_name"] = _name(kb, "people", position.speaker)
    return data


def csv_rows(kb: KnowledgeBase) -> Iterator[dict[str, Any]]:
    """A row of :data:`CSV_COLUMNS` for each position."""
    for position in kb.positions:
        row = position_row(kb, position)
        row["actor_name"] = _name(kb, "actors", position.actor)
        row["issue_name"] = _name(kb, "issues", position.issue)
        row["speaker_name"] = _name(kb, "people", position.speaker)
        row["acceptable_low"], row["acceptable_high"] = position.acceptable or (None, None)
        yield row


def provision_records(kb: KnowledgeBase) -> Iterator[dict[str, Any]]:
    """Each provision for JSON Lines: its document (source embedded, provisions left
    out), its fields, and the names of its issue and option."""
    for doc in kb.documents:
        head = record_dict(doc)
        del head["provisions"]
        source = kb.source(doc.source)
        head["source"] = record_dict(source) if source is not None else doc.source
        for provision in doc.provisions:
            yield {
                "document": head,
                **record_dict(provision),
                "issue_name": _name(kb, "issues", provision.issue),
                "option_label": _option_label(kb, provision.issue, provision.option),
            }


def provision_rows(kb: KnowledgeBase) -> Iterator[dict[str, Any]]:
    """A row of :data:`PROVISION_COLUMNS` for each provision of each document."""
    for doc in kb.documents:
        for provision in doc.provisions:
            yield {
                "document": doc.id,
                "document_title": doc.title,
                "document_kind": doc.kind,
                "document_date": doc.date,
                "document_authors": doc.authors,
                "document_revises": doc.revises,
                "document_source": doc.source,
                **record_dict(provision),
                "issue_name": _name(kb, "issues", provision.issue),
                "option_label": _option_label(kb, provision.issue, provision.option),
            }


def _option_label(kb: KnowledgeBase, issue_id: str, option: str | None) -> str | None:
    issue = kb.issue(issue_id)
    if issue is None or option is None:
        return None
    place = issue.option_index(option)
    return issue.scale[place].label if place is not None else None


def _name(kb: KnowledgeBase, section: str, id: str | None) -> str | None:
    record = kb.by_id(section).get(id) if id is not None else None
    return record.name if record is not None else None
