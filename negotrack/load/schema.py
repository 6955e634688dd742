"""Validate one file's YAML tree against the format, and publish the format as JSON Schema.

pydantic does the checking; this module turns its error locations into paths
in the tree (the loader maps paths to lines) and its messages into ones that
name the field and say what was expected. pydantic is imported here only, and
only when a file has to be validated.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from negotrack.model.names import Suggester
from negotrack.model.records import NESTED, NESTED_NOUN, NOUN, ORIGIN_FIELDS, SECTIONS, KBFile
from negotrack.model.values import CHECK_FAILED, why_invalid

FORMAT_VERSION = 1


@dataclass
class Salvage:
    """What is known of the records that failed validation."""

    #: Raw mappings of invalid records, per section (their ids still count as defined).
    broken: dict[str, list[dict[str, Any]]] = dataclasses.field(default_factory=dict)
    #: False when a whole section was unusable (not a list), so records are missing.
    complete: bool = True


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    path: tuple[Any, ...]
    message: str
    #: Point at the key rather than the value (unknown fields).
    at_key: bool = False


def validate_tree(tree: dict[str, Any]) -> tuple[KBFile, list[SchemaProblem], Salvage]:
    """Validate a file's tree.

    Records that are valid are kept even when others are not, so that
    cross-record checks still run on them; an invalid record is None at its
    index, and what is left of it is returned so that the checks do not report
    it as missing as well.
    """
    from pydantic import ValidationError

    try:
        return _file_adapter().validate_python(tree), [], Salvage()
    except ValidationError as error:
        suggesters: dict[tuple[str, ...], Suggester] = {}
        problems = [_translate(e, suggesters) for e in error.errors(include_url=False)]
    data, broken = _salvage(tree)
    return data, problems, broken


def fields_of(section: str) -> list[str]:
    """The field names a record of ``section`` may have, in documented order."""
    return list(_fields(section))


@functools.cache
def _fields(section: str) -> tuple[str, ...]:
    return tuple(
        f.name for f in dataclasses.fields(SECTIONS[section]) if f.name not in ORIGIN_FIELDS
    )


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a KB file, generated from the models."""
    schema = _file_adapter().json_schema()
    for definition in schema.get("$defs", {}).values():
        for name in ORIGIN_FIELDS:
            definition.get("properties", {}).pop(name, None)
    schema["properties"]["negotrack"] = {
        "const": FORMAT_VERSION,
        "description": "Format version of this file.",
    }
    schema.pop("title", None)
    schema.pop("description", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "negotrack knowledge base file",
        "description": (
            "One YAML file of a negotrack knowledge base: actors, people, issues, "
            "sources, events, the positions actors took on issues, and documents "
            "(plans and agreements) point by point."
        ),
        **schema,
    }


@functools.cache
def _file_adapter() -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(KBFile)


@functools.cache
def _record_adapter(section: str) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(SECTIONS[section])


def _salvage(tree: dict[str, Any]) -> tuple[KBFile, Salvage]:
    """Validate record by record. A record whose only faults are in optional or
    unknown fields is kept without them, so the cross-record rules still see it;
    one with a bad required field is dropped (None at its index)."""
    salvage = Salvage()
    file = KBFile()
    for section in SECTIONS:
        items = tree.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            salvage.complete = False
            continue
        adapter = _record_adapter(section)
        records = []
        for item in items:
            record = _validate_record(adapter, item)
            records.append(record)
            if record is None:
                if isinstance(item, dict):
                    salvage.broken.setdefault(section, []).append(item)
                else:  # nothing is known of it, not even its id
                    salvage.complete = False
        setattr(file, section, records)
    return file, salvage


def _validate_record(adapter: Any, item: Any) -> Any:
    from pydantic import ValidationError

    try:
        return adapter.validate_python(item)
    except ValidationError as error:
        if not isinstance(item, dict):
            return None
        faulty = {e["loc"][0] for e in error.errors(include_url=False) if e["loc"]}
    try:
        return adapter.validate_python({k: v for k, v in item.items() if k not in faulty})
    except ValidationError:
        return None


def _translate(
    error: Mapping[str, Any], suggesters: dict[tuple[str, ...], Suggester]
) -> SchemaProblem:
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    field = _field_label(loc)
    ctx = error.get("ctx") or {}

    if kind == "missing":
        return SchemaProblem(loc, f"missing required field '{loc[-1]}'{_in_record(loc)}")
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        return SchemaProblem(loc, _unknown_field(loc, suggesters), at_key=True)
    if kind in ("dataclass_type", "dataclass_args_type", "model_type", "dict_type"):
        if len(loc) >= 2 and isinstance(loc[-1], int):
            noun = {**NOUN, "terms": "term"}.get(str(loc[-2]), "record")
            return SchemaProblem(
                loc, f"each {noun} must be a mapping of fields, got {_describe(value)}"
            )
        return SchemaProblem(loc, f"{field}: expected a mapping, got {_describe(value)}")
    if kind == "list_type":
        what = f"a list of {loc[0]}" if len(loc) == 1 and loc[0] in SECTIONS else "a list"
        return SchemaProblem(loc, f"{field}: expected {what}, got {_describe(value)}")
    if value is None:
        return SchemaProblem(loc, f"{field}: a value is required here, got null")
    if kind == CHECK_FAILED:  # a text type's check refused it: the check says why
        if not isinstance(value, str):
            return SchemaProblem(loc, f"{field}: expected text, got {_describe(value)}")
        return SchemaProblem(loc, f"{field}: {why_invalid(ctx['check'], value) or 'invalid text'}")
    if kind == "literal_error":
        return SchemaProblem(
            loc, f"{field}: {_shown(value)} is not one of {_choices(ctx.get('expected', ''))}"
        )
    if kind in ("string_type", "str_type"):
        return SchemaProblem(loc, f"{field}: expected text, got {_describe(value)}")
    if kind in ("bool_parsing", "bool_type"):
        return SchemaProblem(loc, f"{field}: expected true or false, got {_shown(value)}")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return SchemaProblem(loc, f"{field}: expected a whole number, got {_shown(value)}")
    if kind in ("too_short", "too_long") and loc[-1] == "acceptable":
        return SchemaProblem(
            loc,
            f"{field}: expected [LOW, HIGH], two option ids of the issue's scale "
            "(the same id twice for a single option)",
        )
    if kind == "tuple_type" and loc[-1] == "acceptable":
        return SchemaProblem(
            loc, f"{field}: expected a list [LOW, HIGH] of two option ids, got {_describe(value)}"
        )
    if kind in ("greater_than_equal", "less_than_equal"):
        return SchemaProblem(loc, f"{field}: must be from 1 to 6, got {_shown(value)}")
    if kind == "value_error":
        message = str(ctx.get("error") or error["msg"]).removeprefix("Value error, ")
        return SchemaProblem(loc, f"{field}: {message}")
    return SchemaProblem(loc, f"{field}: {error['msg']}")  # pragma: no cover - a new pydantic


def _field_label(loc: tuple[Any, ...]) -> str:
    """``('positions', 3, 'aliases', 1)`` -> ``aliases[1]``; top-level keys as they are."""
    parts = loc[2:] if len(loc) > 2 and isinstance(loc[1], int) else loc
    label = ""
    for part in parts:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label or str(loc[0])


#: Mappings nested in a record whose fields are written otherwise than the record's
#: attributes (a term's ``from`` is ``Term.start``): (section, field) -> (noun, fields).
WRITTEN_NESTED = {("people", "terms"): ("term", ["role", "from", "until"])}


def _nested(loc: tuple[Any, ...]) -> tuple[str, list[str]] | None:
    """The noun and fields of a nested mapping (a person's term) that ``loc`` is inside."""
    if len(loc) >= 5 and isinstance(loc[3], int):
        return WRITTEN_NESTED.get((str(loc[0]), str(loc[2])))
    return None


def _in_record(loc: tuple[Any, ...]) -> str:
    nested = _nested(loc)
    if nested is not None:
        return f" in {nested[0]}"
    if len(loc) >= 4 and loc[2] in NESTED_NOUN:
        return f" in {NESTED_NOUN[loc[2]]}"
    if len(loc) >= 2 and loc[0] in NOUN:
        return f" in {NOUN[loc[0]]}"
    return ""


def _unknown_field(loc: tuple[Any, ...], suggesters: dict[tuple[str, ...], Suggester]) -> str:
    """The message for an unknown field; did-you-mean from one suggester per set of
    known fields, so that a file of 100,000 unknown fields is reported in linear time."""
    name = str(loc[-1])
    nested = _nested(loc)
    if len(loc) == 1:
        known = ["negotrack", *SECTIONS]
        where = "unknown top-level key"
    elif nested is not None:
        where, known = f"unknown field in {nested[0]}", nested[1]
    elif len(loc) >= 5 and (str(loc[0]), str(loc[2])) in NESTED:
        record_type = NESTED[(str(loc[0]), str(loc[2]))]
        known = [f.name for f in dataclasses.fields(record_type)]
        where = f"unknown field in {NESTED_NOUN[str(loc[2])]}"
    else:
        section = str(loc[0])
        known = list(_fields(section)) if section in SECTIONS else []
        where = f"unknown field in {NOUN.get(section, 'record')}"
    message = f"{where}: '{name}'"
    suggester = suggesters.get(tuple(known))
    if suggester is None:
        suggester = suggesters[tuple(known)] = Suggester(known)
    close = suggester.closest(name)
    if close:
        message += f" (did you mean '{close}'?)"
    else:
        message += " (allowed: " + ", ".join(known) + ")"
    return message


def _choices(expected: str) -> str:
    return expected.replace("'", "").replace(" or ", ", ")


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    return _describe(value)


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f"the text {_shown(value)}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
