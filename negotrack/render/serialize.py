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
from negotrack.model.records import ORIGIN_FIELDS, Position, Record, Term


def record_dict(record: Record) -> dict[str, Any]:
    """The record's format fields, in documented order."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.name in ORIGIN_FIELDS:
            continue
        out[f.name] = _plain(getattr(record, f.name))
    return out


def position_dict(
    kb: KnowledgeBase, position: Position, *, source: bool = True, origin: bool = True
) -> dict[str, Any]:
    """A position for JSON: its fields, the date that stands for it, its source
    object (``source=True``) and where it is written (``origin=True``)."""
    out = record_dict(position)
    out["date"] = str(position.when)
    out["as_reported"] = position.as_reported
    if source:
        cited = kb.source(position.source)
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
        return record_dict(value)  # type: ignore[arg-type]
    return value
