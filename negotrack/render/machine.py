"""JSON and CSV: stable keys and columns, every value as data.

JSON is written with ``ensure_ascii=False`` for readability; the characters KB
text may not hold (C1 controls and bidirectional overrides, which JSON would
otherwise pass through raw) and the line and paragraph separators U+2028 and
U+2029 (which readers splitting on Unicode line breaks would cut a JSON line
at) are written as ``\\uXXXX`` escapes, so the output can never act on a
terminal and still decodes to the exact text. CSV goes through the csv module
(quoting as needed), with control characters made visible as in every other
text output; lists are joined with ``; `` and booleans are ``true``/``false``.

A CSV cell that a spreadsheet would read as a formula (one beginning with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a
leading ``'``, so that a spreadsheet shows it as text and never runs it;
``raw=True`` writes cells exactly as they are, for tools that are not
spreadsheets.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from negotrack import jsontext
from negotrack.jsontext import Composed, Raw, Shared, Written
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase, ListedRow
from negotrack.model.plain import DEPTH, PARTS, position_dict, record_dict, source_members
from negotrack.model.records import ORIGIN_FIELDS, Event, Position, Source
from negotrack.model.safetext import visible

if TYPE_CHECKING:
    from negotrack.analysis.stance import CurrentStance

T = TypeVar("T")

#: How a cell starts that a spreadsheet would evaluate as a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

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


#: What a listed position gains in ``filter`` and ``timeline``: whether it counts
#: towards a stance, and if not why (``claim`` or ``unofficial``).
COUNT_COLUMNS = ("counts", "not_counted")


def count_fields(reason: str | None) -> dict[str, Any]:
    """``{"counts": bool, "not_counted": reason}`` for a listed position."""
    return {"counts": reason is None, "not_counted": reason}


def json_text(document: Any) -> str:
    """``document`` as indented JSON, one final newline (see :mod:`negotrack.jsontext`)."""
    return jsontext.indented(document) + "\n"


def json_array_pieces(items: Iterable[Any]) -> Iterator[str]:
    """``json_text(list(items))``, byte for byte, in pieces, one per item, to be
    written as they come (see :func:`negotrack.jsontext.array_pieces`)."""
    return jsontext.array_pieces(items)


def json_line(document: Any) -> str:
    """``document`` as one line of JSON Lines, with its newline."""
    return jsontext.line(document) + "\n"


def csv_text(
    columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *, raw: bool = False
) -> str:
    """A header and one line per row (``\\n`` line ends); missing values are empty.

    Cells a spreadsheet would evaluate get a leading ``'`` unless ``raw``.
    """
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_value(column, raw=raw) for column in columns])
    for row in rows:
        writer.writerow([csv_value(row.get(column), raw=raw) for column in columns])
    return buffer.getvalue()


def csv_value(value: Any, *, raw: bool = False) -> str:
    """One CSV cell; see :func:`csv_text`."""
    text = _cell(value)
    if not raw and text.startswith(FORMULA_START):
        return "'" + text
    return text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, PartialDate):
        return str(value)
    return visible(str(value))


class Records:
    """JSON-ready dicts of positions, events and sources, each source built once."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._sources: dict[str, Any] = {}
        self._written: dict[str, str] = {}
        self._members: dict[str, str] = {}

    def fetch(self, positions: Iterable[Position]) -> None:
        """Have the written members of ``positions`` at hand (one request to the KB's
        store for all, rather than one each), forgetting those fetched before."""
        if self.kb.written is not None:
            found = self.kb.written.positions([p.id for p in positions])
            self._written = {i: jsontext.dedent(text, DEPTH) for i, text in found.items()}

    def source(self, source_id: str) -> Any:
        """The source object, or its id if the KB has no such source."""
        found = self._sources.get(source_id)
        if found is None:
            written = self.kb.written.source(source_id) if self.kb.written is not None else None
            if written is not None:
                found = Composed(Written(source_members(written)))
            else:
                record = self.kb.source(source_id)
                found = Shared(record_dict(record)) if record is not None else source_id
            self._sources[source_id] = found
        return found

    def _source_member(self, source_id: str) -> str:
        """``"source": {...}``, the source object as a member of a position written at
        depth 0."""
        found = self._members.get(source_id)
        if found is None:
            if self.kb.written is not None:
                found = self.kb.written.source(source_id)
                if found is not None:
                    found = jsontext.dedent(found, DEPTH)
            if found is None:
                found = jsontext.members({"source": self.source(source_id)})
            self._members[source_id] = found
        return found

    def position(
        self,
        position: Position,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> dict[str, Any] | Composed:
        """:func:`~negotrack.model.plain.position_dict`, with the source object, after
        the members ``before`` and before those ``after``: the object
        ``{**before, **position, **after}``.

        A position read from the KB's query index comes with its members written
        (:func:`~negotrack.model.plain.written_position`): the object is then
        composed of them (:class:`~negotrack.jsontext.Composed`), which only JSON
        writers read.
        """
        written = None
        if self.kb.written is not None:
            written = self._written.get(position.id)
            if written is None:
                written = self.kb.written.positions([position.id]).get(position.id)
                if written is not None:
                    written = jsontext.dedent(written, DEPTH)
        if written is not None and _apart(before, after):
            date = str(position.when)
            source = self._source_member(position.source)
            if before and "date" in before:  # written where before has it
                before = {**before, "date": date}
                head, middle, tail = written.split(PARTS)
                text = ",\n  ".join((head, source, middle, tail))
            else:
                text = composed_position(written, source, date)
            return Composed(before or {}, Written(text), after or {})
        out = position_dict(self.kb, position, source=False)
        out["source"] = self.source(position.source)
        return {**(before or {}), **out, **(after or {})} if before or after else out

    def listed(self, row: ListedRow, after: str, before: str | None = None) -> Raw:
        """:meth:`listed_text` as a raw JSON value."""
        return Raw(self.listed_text(row, after, before), DEPTH)

    def listed_text(self, row: ListedRow, after: str, before: str | None = None) -> str:
        """A position listed from the KB's query index (see
        :class:`~negotrack.model.kb.Listing`), written as :meth:`position` writes
        it as an item of an array (at :data:`~negotrack.model.plain.DEPTH`), after
        the members ``before``, which then hold its date (written there), and
        before those ``after`` (both written as by
        :func:`~negotrack.jsontext.members` at that depth)."""
        source = row.source_member
        if source is None:  # the KB has no such source: its id
            source = self._members.get(row.source)
            if source is None:
                source = jsontext.members({"source": row.source}, DEPTH)
                self._members[row.source] = source
        parts: tuple[str, ...]
        if before is not None:
            head, middle, tail = row.written.split(PARTS)
            parts = (before, head, source, middle, tail, after)
        else:
            parts = (composed_position(row.written, source, row.date, DEPTH), after)
        return "{" + _INNER + _BETWEEN.join(parts) + _CLOSE

    def stance(self, current: CurrentStance | None) -> dict[str, Any]:
        """A current stance: the stance, whether approximate, the positions it rests
        on, its basis, the issue it is inherited from and whether a red line stands."""
        if current is None:
            return {
                "stance": None,
                "approximate": False,
                "positions": [],
                "basis": None,
                "inherited_from": None,
                "red_line": False,
            }
        return {
            "stance": current.stance,
            "approximate": current.approximate,
            "positions": [self.position(p) for p in current.positions],
            "basis": current.basis,
            "inherited_from": current.inherited_from,
            "red_line": current.red_line,
        }

    def event(self, event: Event) -> dict[str, Any]:
        out = record_dict(event)
        out["source"] = self.source(event.source)
        out["file"] = event.file
        out["line"] = event.line
        return out


#: The keys of a position's object (see :func:`~negotrack.model.plain.position_dict`).
_POSITION_KEYS = frozenset(
    [f.name for f in dataclasses.fields(Position) if f.name not in ORIGIN_FIELDS]
    + ["date", "as_reported", "quote_url", "file", "line"]
)


def composed_position(written: str, source: str, date: str, depth: int = 0) -> str:
    """The members of a position's JSON object at ``depth``, from its own members as
    written (:func:`~negotrack.model.plain.written_position`) and its source as a
    member, both at that depth, and its date."""
    head, middle, tail = written.split(PARTS)
    # A date is digits and hyphens: nothing to escape.
    return ("," + jsontext.PADS[depth + 1]).join((head, source, middle, f'"date": "{date}"', tail))


#: How a position's object at :data:`~negotrack.model.plain.DEPTH` starts, separates
#: its members and ends.
_INNER = jsontext.PADS[DEPTH + 1]
_BETWEEN = "," + _INNER
_CLOSE = jsontext.PADS[DEPTH] + "}"


def _apart(before: dict[str, Any] | None, after: dict[str, Any] | None) -> bool:
    """Whether ``before`` (but for a date) and ``after`` name no key of a position."""
    if before and not _POSITION_KEYS.isdisjoint(before.keys() - {"date"}):
        return False
    return not after or _POSITION_KEYS.isdisjoint(after)


def chunks(items: Sequence[T], size: int = 500) -> Iterator[Sequence[T]]:
    """``items`` in consecutive pieces of ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


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
