"""Records as plain JSON-ready data, with stable keys, for every machine format.

Every field of the format is present (``null`` or ``[]`` when not set) so that
consumers can rely on the keys. Dates are strings with their precision
(``"2024-12"``). A position's ``date`` is the date that stands for it: its own,
or its source's publication date, in which case ``as_reported`` is true.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase
from negotrack.model.records import ORIGIN_FIELDS, Position, Term


def record_dict(record: Any) -> dict[str, Any]:
    """The format fields of a record (or of a dataclass nested in one), in documented order."""
    names = _FIELD_NAMES.get(type(record))
    if names is None:
        names = _FIELD_NAMES[type(record)] = tuple(
            f.name for f in dataclasses.fields(record) if f.name not in ORIGIN_FIELDS
        )
    out: dict[str, Any] = {}
    for name in names:
        value = getattr(record, name)
        out[name] = value if type(value) is str or value is None else _plain(value)
    return out


#: Each record class's format fields, in order (dataclasses.fields is slow per record).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def position_dict(
    kb: KnowledgeBase, position: Position, *, source: bool = True, origin: bool = True
) -> dict[str, Any]:
    """A position for JSON: its fields, the date that stands for it, its source
    object (``source=True``) and where it is written (``origin=True``)."""
    out = record_dict(position)
    out["date"] = str(position.when)
    out["as_reported"] = position.as_reported
    cited = kb.source(position.source)
    out["quote_url"] = quote_url(cited.url, position.quote) if cited is not None else None
    if source:
        out["source"] = record_dict(cited) if cited is not None else position.source
    if origin:
        out["file"] = position.file
        out["line"] = position.line
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Term):
        return value.as_written()
    if dataclasses.is_dataclass(value):  # a scale option, a provision
        return record_dict(value)
    return value


#: A quote longer than this many words is linked by its first and last words.
_FRAGMENT_WORDS = 8
_FRAGMENT_ENDS = 4


def quote_url(url: str, quote: str | None) -> str | None:
    """A link to the quoted words in the source: ``URL#:~:text=…``, a text fragment
    that browsers scroll to and highlight. A long quote is linked by its first and
    last words (``text=start,end``). None without a quote."""
    if not quote:
        return None
    words = quote.split()
    if not words:
        return None
    if len(words) > _FRAGMENT_WORDS:
        directive = (
            _fragment_text(" ".join(words[:_FRAGMENT_ENDS]))
            + ","
            + _fragment_text(" ".join(words[-_FRAGMENT_ENDS:]))
        )
    else:
        directive = _fragment_text(" ".join(words))
    # A URL with a fragment keeps it: the directive follows it (#top:~:text=…).
    separator = ":~:text=" if "#" in url else "#:~:text="
    return f"{url}{separator}{directive}"


def _fragment_text(text: str) -> str:
    """Percent-encoded text for a text directive, where ``-``, ``&`` and ``,`` are syntax:
    ``urllib.parse.quote(text, safe="")`` with ``-`` encoded too.

    ASCII text (most quotes) is encoded with one ``str.translate``, ten times
    faster than ``quote`` byte by byte, which a timeline of every position calls
    once for each.
    """
    if text.isascii():
        return text.translate(_ASCII_FRAGMENT)
    from urllib.parse import quote

    return quote(text, safe="").replace("-", "%2D")


#: What ``quote(…, safe="")`` leaves alone (RFC 3986's unreserved characters),
#: ``-`` excepted, since it is syntax in a text directive.
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~")
_ASCII_FRAGMENT = {c: f"%{c:02X}" for c in range(128) if chr(c) not in _UNRESERVED}


#: How deep the members of a position's object are kept written: as in an array of
#: positions (the items of a listing), so that a listing writes them as they are.
DEPTH = 1


def written_source(source: Any) -> str:
    """A source's JSON object as the member ``"source"`` of a position written at
    :data:`DEPTH` (:func:`~negotrack.jsontext.members`), as JSON writers write it."""
    from negotrack.jsontext import members

    return members({"source": record_dict(source)}, DEPTH)


def source_members(written: str) -> str:
    """The members of the source object that :func:`written_source` wrote as a
    position's member, at depth 0: its text between the braces, dedented."""
    inner = "\n" + "  " * (DEPTH + 2)
    return written[len('"source": {') + len(inner) : -len("\n" + "  " * (DEPTH + 1) + "}")].replace(
        "\n" + "  " * (DEPTH + 1), "\n"
    )


#: Between the written parts of a position (JSON text never holds a raw NUL).
PARTS = "\0"


def written_position(kb: KnowledgeBase, position: Position) -> str:
    """What of :func:`position_dict` (without the source object) depends on the
    position alone, written as :func:`~negotrack.jsontext.members` at
    :data:`DEPTH`: the members before ``source``, those between ``source`` and
    ``date``, and those after ``date``, joined by :data:`PARTS`. A writer puts the
    source object and the date back between them (the date may be written
    earlier in the object)."""
    from negotrack.jsontext import PADS, member_texts

    document = position_dict(kb, position, source=False)
    parts: list[list[str]] = [[]]
    for key, text in zip(document, member_texts(document), strict=True):
        if key in ("source", "date"):
            parts.append([])
        else:
            parts[-1].append(text.replace("\n", PADS[DEPTH]))
    return PARTS.join(("," + PADS[DEPTH + 1]).join(part) for part in parts)
