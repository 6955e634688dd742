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

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import Event, Position, Source
from negotrack.model.safetext import visible
from negotrack.render.serialize import position_dict, record_dict

if TYPE_CHECKING:
    from negotrack.analysis.stance import CurrentStance

# JSON already escapes U+0000-U+001F; these it would leave raw. U+2028 and U+2029
# are line breaks to str.splitlines() and to JavaScript before ES2019.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

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
    """``document`` as indented JSON, one final newline."""
    return _json_safe(_indented(document)) + "\n"


def json_array_pieces(items: Iterable[Any]) -> Iterator[str]:
    """``json_text(list(items))``, byte for byte, in pieces, one per item, to be
    written as they come.

    A whole-KB view (a timeline of every position) need not hold every item's
    dict, nor every item's text, at once: each is turned into its text, written
    and dropped before the next is built.
    """
    shared: dict[tuple[int, int], tuple[Any, str]] = {}
    before = "[\n  "
    for item in items:
        yield before + _json_safe(_indented(item, 1, shared))
        before = ",\n  "
    yield "[]\n" if before == "[\n  " else "\n]\n"


class _Unusual(Exception):
    """A value the fast path does not write (a float, a tuple, a non-text key)."""


def _indented(
    document: Any, start: int = 0, shared: dict[tuple[int, int], tuple[Any, str]] | None = None
) -> str:
    """``json.dumps(document, indent=2, ensure_ascii=False)``, byte for byte, as
    written ``start`` levels deep (each line after the first indented by as much).

    The json module writes indented JSON with its pure-Python encoder, which
    takes most of the time of a large listing. Views hold only dicts with text
    keys, lists, text, integers, booleans and None: those are written here with
    the C string escaper, about twice as fast. Anything else goes to json.dumps.
    A :class:`Shared` dict is written once per depth (``shared`` keeps those
    written, across the items of :func:`json_array_pieces`).
    """
    import json
    from json.encoder import encode_basestring as text

    pads = ["\n" + "  " * level for level in range(_DEPTH + 1)]
    keys = _KEYS
    # Each Shared dict's text by (identity, depth), with the dict, which keeps it
    # alive so that no other object can take its identity meanwhile.
    shared = {} if shared is None else shared

    def value(item: Any, level: int) -> str:
        kind = type(item)
        if kind is str:
            return text(item)
        if kind is dict or kind is Shared:
            if not item:
                return "{}"
            if kind is Shared:
                found = shared.get((id(item), level))
                if found is not None and found[0] is item:
                    return found[1]
            inner, deeper = pads[level + 1], level + 1
            fields = []
            for k, v in item.items():
                key = keys.get(k)
                if key is None:
                    key = keys[k] = text(k) + ": "  # TypeError for a key that is not text
                if type(v) is str:
                    fields.append(key + text(v))
                elif v is None:
                    fields.append(key + "null")
                else:
                    fields.append(key + value(v, deeper))
            written = "{" + inner + ("," + inner).join(fields) + pads[level] + "}"
            if kind is Shared:
                shared[id(item), level] = (item, written)
            return written
        if kind is list:
            if not item:
                return "[]"
            inner, deeper = pads[level + 1], level + 1
            items = [text(v) if type(v) is str else value(v, deeper) for v in item]
            return "[" + inner + ("," + inner).join(items) + pads[level] + "]"
        if item is None:
            return "null"
        if item is True:
            return "true"
        if item is False:
            return "false"
        if kind is int:
            return int.__repr__(item)
        raise _Unusual

    try:
        return value(document, start)
    except (_Unusual, TypeError, IndexError):  # TypeError: a key that is not text
        # json.dumps escapes every newline within a string: each "\n" starts a line.
        return json.dumps(document, indent=2, ensure_ascii=False).replace("\n", pads[start])


#: Deeper documents than this go to json.dumps (views nest three or four levels).
_DEPTH = 32
#: Keys as written before their values (``"id": ``), kept between documents.
_KEYS: dict[str, str] = {}


class Shared(dict[str, Any]):
    """A dict that many parts of one document hold (the source every position citing
    it holds): written once per depth, then repeated. It must not change while a
    document holding it is written."""


def json_line(document: Any) -> str:
    """``document`` as one line of JSON Lines, with its newline."""
    import json

    return _json_safe(json.dumps(document, ensure_ascii=False)) + "\n"


def _json_safe(text: str) -> str:
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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

    def source(self, source_id: str) -> Any:
        """The source object, or its id if the KB has no such source."""
        found = self._sources.get(source_id)
        if found is None:
            record = self.kb.source(source_id)
            found = Shared(record_dict(record)) if record is not None else source_id
            self._sources[source_id] = found
        return found

    def position(self, position: Position) -> dict[str, Any]:
        """:func:`~negotrack.render.serialize.position_dict`, with the source object."""
        out = position_dict(self.kb, position, source=False)
        out["source"] = self.source(position.source)
        return out

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
