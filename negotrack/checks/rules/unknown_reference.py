"""Every reference names a record that exists: a position's actor, issue, source
and speaker; a person's actor; an issue's parent; an event's actors and source;
a document's authors, source and the document it revises, and each of its
provisions' issue.
A close match is suggested ("unknown actor 'rusia' - did you mean 'russia'?"),
once per distinct name and within a bound (see :class:`~negotrack.model.names.Suggester`)."""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter
from typing import Any

from negotrack.model.kb import KnowledgeBase
from negotrack.model.names import Suggester
from negotrack.model.problems import Problem

ID = "unknown-reference"
LEVEL = "error"

#: (section holding the reference, field, section referred to, noun)
REFERENCES = (
    ("people", "actor", "actors", "actor"),
    ("issues", "parent", "issues", "parent issue"),
    ("events", "source", "sources", "source"),
    ("events", "actors", "actors", "actor"),
    ("positions", "actor", "actors", "actor"),
    ("positions", "issue", "issues", "issue"),
    ("positions", "source", "sources", "source"),
    ("positions", "speaker", "people", "speaker"),
    ("documents", "authors", "actors", "author"),
    ("documents", "source", "sources", "source"),
    ("documents", "revises", "documents", "document"),
    ("documents", "provisions.issue", "issues", "issue"),
)


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    for section, field, target, noun in REFERENCES:
        known = kb.by_id(target)
        broken = kb.broken_values(target, "id")
        suggester: Suggester | None = None
        if _all_known(kb.section(section), field, known, broken):
            continue
        for record in kb.section(section):
            for path, value in _values(record, field):
                if value not in known and value not in broken:
                    if suggester is None:
                        suggester = Suggester(known)
                    close = suggester.closest(value)
                    hint = f" — did you mean '{close}'?" if close else ""
                    yield kb.problem(record, path, f"unknown {noun} '{value}'{hint}")


def _all_known(records: list[Any], field: str, known: dict[str, Any], broken: set[str]) -> bool:
    """True when every value of a field that holds one id (not a list) names a
    record: the distinct values at once, rather than each record's in turn."""
    if "." in field:
        return False
    try:
        values = set(map(attrgetter(field), records))
    except TypeError:  # a list of ids in each record: unhashable
        return False
    values.discard(None)
    return not (values - known.keys() - broken)


def _values(record: Any, field: str) -> Iterator[tuple[tuple[Any, ...], str]]:
    if "." in field:  # a field of each record listed inside this one
        outer, inner = field.split(".")
        for index, item in enumerate(getattr(record, outer)):
            for path, value in _values(item, inner):
                yield (outer, index, *path), value
        return
    value = getattr(record, field)
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield (field, index), item
    elif value is not None:
        yield (field,), value
