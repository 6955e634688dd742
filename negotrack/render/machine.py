"""JSON and CSV: stable keys and columns, every value as data.

JSON is written with ``ensure_ascii=False`` for readability; the characters KB
text may not hold (C1 controls and bidirectional overrides, which JSON would
otherwise pass through raw) are written as ``\\uXXXX`` escapes, so the output can
never act on a terminal and still decodes to the exact text. CSV goes through
the csv module (quoting as needed), with control characters made visible as in
every other text output; lists are joined with ``; `` and booleans are
``true``/``false``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import Event, Position, Source
from negotrack.model.safetext import visible
from negotrack.render.serialize import position_dict, record_dict

# JSON already escapes U+0000-U+001F; these it would leave raw.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

SOURCE_FIELDS = ("title", "publisher", "url", "published", "author", "reliability", "note")

#: The columns of a position in CSV: its fields, the date that stands for it, the
#: cited source's fields and where the position is written.
POSITION_COLUMNS = (
    "id",
    "actor",
    "issue",
    "stance",
    "summary",
    "source",
    "evidence",
    "quote",
    "speaker",
    "date",
    "as_reported",
    "firmness",
    "conditions",
    "via",
    "credibility",
    "tags",
    "note",
    *(f"source_{name}" for name in SOURCE_FIELDS),
    "file",
    "line",
)


def json_text(document: Any) -> str:
    import json

    text = json.dumps(document, indent=2, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """A header and one line per row (``\\n`` line ends); missing values are empty."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_value(row.get(column)) for column in columns])
    return buffer.getvalue()


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(csv_value(v) for v in value)
    if isinstance(value, PartialDate):
        return str(value)
    return visible(str(value))


class Records:
    """JSON-ready dicts of positions, events and sources, each source built once."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._sources: dict[str, Any] = {}

    def source(self, source_id: str) -> Any:
        """The source object, or its id if the KB has no such source."""
        found = self._sources.get(source_id)
        if found is None:
            record = self.kb.source(source_id)
            found = record_dict(record) if record is not None else source_id
            self._sources[source_id] = found
        return found

    def position(self, position: Position) -> dict[str, Any]:
        """:func:`~negotrack.render.serialize.position_dict`, with the source object."""
        out = position_dict(self.kb, position, source=False)
        out["source"] = self.source(position.source)
        return out

    def event(self, event: Event) -> dict[str, Any]:
        out = record_dict(event)
        out["source"] = self.source(event.source)
        out["file"] = event.file
        out["line"] = event.line
        return out


def position_row(kb: KnowledgeBase, position: Position) -> dict[str, Any]:
    """A position as a CSV row (see :data:`POSITION_COLUMNS`)."""
    row = record_dict(position)
    row["date"] = position.when
    row["as_reported"] = position.as_reported
    row.update(source_columns(kb.source(position.source)))
    row["file"] = position.file
    row["line"] = position.line
    return row


def source_columns(source: Source | None) -> dict[str, Any]:
    if source is None:
        return {}
    return {f"source_{name}": getattr(source, name) for name in SOURCE_FIELDS}
