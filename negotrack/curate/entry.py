"""A new position (and perhaps a new source) as the user gave it, ready to be written.

``negotrack add`` takes a position field by field or as a YAML mapping. This
module turns either into the mapping that will be written: fields in documented
order, actor, issue and speaker resolved from
any name or alias to their ids, the source checked (an existing one, or a new
one described by the new-source fields), and an id generated when none is
given. Messages name fields (:class:`~negotrack.errors.Field`), which the
command line spells as its options.

Values are not checked here: the whole KB is validated as it would be after
the write (see :mod:`negotrack.curate.add`), so an entry meets exactly the checks of
``negotrack validate``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from negotrack.analysis import resolve
from negotrack.errors import Field, NegotrackError, UnknownName, UsageError
from negotrack.load.schema import fields_of
from negotrack.model.kb import KnowledgeBase

REQUIRED = ("actor", "issue", "stance", "summary", "source", "evidence")
SOURCE_REQUIRED = ("title", "publisher", "url", "published")

_DATED = re.compile(r"-[0-9]{4}(-[0-9]{2}){0,2}$")


@dataclass
class Entry:
    """What will be appended: a position, and the new source it cites if any."""

    position: dict[str, Any]
    source: dict[str, Any] | None = None
    #: The YAML input the position came from, as named in messages (a file name,
    #: ``stdin``), or None when it was given field by field.
    origin: str | None = None


def missing_fields(values: dict[str, Any]) -> list[str]:
    """The required fields of a position that ``values`` leaves out."""
    return [name for name in REQUIRED if values.get(name) is None]


def from_options(values: dict[str, Any], source: dict[str, str | None]) -> Entry:
    """An entry from values given field by field (``values`` keyed by field name).

    Raises :class:`UsageError` when a required field is missing.
    """
    missing = missing_fields(values)
    if missing:
        raise UsageError(
            f"missing required field{'s' if len(missing) > 1 else ''} ",
            *_listed([Field(name, "positions") for name in missing], ", "),
        )
    position = {name: values.get(name) for name in fields_of("positions")}
    return Entry(position, _new_source(position.get("source"), source))


def from_yaml(raw: bytes, label: str, source: dict[str, str | None]) -> Entry:
    """An entry from the bytes of a YAML input: one position as a YAML mapping.

    ``label`` names the input in messages (the file name, or ``stdin``). A
    one-item list (an entry copied from a file with its ``-``) is accepted too.
    Fields are put in documented order; unknown ones are kept, after them, for
    validation to report.
    """
    from negotrack.load.yamltree import parse

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NegotrackError(_input(label), ": not UTF-8 text") from None
    tree, problems = parse(text)
    if problems:
        first = problems[0]
        raise NegotrackError(
            _input(label), f":{first.line + 1}:{first.column + 1}: {first.message}"
        )
    if isinstance(tree, list) and len(tree) == 1:
        tree = tree[0]
    if not isinstance(tree, dict):
        raise NegotrackError(
            _input(label), ": expected one position as a YAML mapping (id:, actor:, issue:, ...)"
        )
    known = fields_of("positions")
    position = {name: tree.get(name) for name in known}
    position.update((key, value) for key, value in tree.items() if key not in known)
    return Entry(position, _new_source(position.get("source"), source), origin=label)


def resolve_names(kb: KnowledgeBase, entry: Entry) -> None:
    """Store actor, issue and speaker as ids, and check the source exists or is new.

    Raises :class:`~negotrack.errors.UnknownName` (exit 2) for a name that
    matches nothing, and :class:`UsageError` when new-source fields describe a
    source that already exists.
    """
    position = entry.position
    for field, section in (("actor", "actors"), ("issue", "issues"), ("speaker", "people")):
        value = position.get(field)
        if isinstance(value, str):
            position[field] = resolve.find(kb, section, value).id
    source = position.get("source")
    if not isinstance(source, str):
        return
    try:
        existing = resolve.source(kb, source)
    except UnknownName as error:
        if entry.source is not None:
            missing = [name for name in SOURCE_REQUIRED if entry.source[name] is None]
            if missing:
                raise UsageError(
                    "a new source needs ",
                    *_needed(),
                    " (missing: ",
                    *_listed([Field(name, "sources") for name in missing], ", "),
                    ")",
                ) from None
            return
        raise UsageError(
            *error.parts, "\nto add it as a new source, give ", *_needed(), " as well"
        ) from None
    if entry.source is not None:
        raise UsageError(
            f"source '{existing.id}' already exists: the ",
            Field("new_source"),
            " options describe a new source; leave them out to cite it, or choose a new id for ",
            Field("source", "positions"),
        )
    position["source"] = existing.id


def generate_id(kb: KnowledgeBase, position: dict[str, Any]) -> str:
    """A readable id not yet used: ``<speaker or actor>-<issue>-<date>``, then ``-2``, ``-3``.

    Without a date, the source's id stands in for it, less any date it ends
    with (``zelensky-territory-dailycourier``), as in the bundled KB.
    """
    source = position.get("source")
    when = position.get("date")
    if not isinstance(when, str) and isinstance(source, str):
        when = _DATED.sub("", source) or source
    parts = (position.get("speaker") or position.get("actor"), position.get("issue"), when)
    text = "-".join(part for part in parts if isinstance(part, str))
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "position"
    taken = {p.id for p in kb.positions} | kb.broken_values("positions", "id")
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _input(label: str) -> Field:
    """The YAML input named ``label``, as messages name it."""
    return Field("from", value=label)


def _listed(fields: list[Field], separator: str) -> list[str | Field]:
    parts: list[str | Field] = []
    for field in fields:
        if parts:
            parts.append(separator)
        parts.append(field)
    return parts


def _needed() -> list[str | Field]:
    """The fields a new source needs: ``title, publisher, url and published``."""
    *first, last = [Field(name, "sources") for name in SOURCE_REQUIRED]
    return [*_listed(first, ", "), " and ", last]


def _new_source(source_id: Any, options: dict[str, str | None]) -> dict[str, Any] | None:
    """The new source the new-source fields describe (None if none is given)."""
    if all(value is None for value in options.values()):
        return None
    return {name: source_id if name == "id" else options.get(name) for name in fields_of("sources")}
