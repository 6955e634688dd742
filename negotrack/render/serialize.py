"""Records as plain JSON-ready dicts, with stable keys, for every machine format.

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
from negotrack.render.references import quote_url


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
