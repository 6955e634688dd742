"""Write one record as YAML text, in the indentation style of the file it joins.

The text must read back as exactly the strings it was given, through
:mod:`negotrack.load.yamltree` and through any other YAML reader. So a value is
written plain only when no YAML 1.1 or 1.2 reader would take it for something
else: ``no``, ``on``, ``y``, ``~``, ``null``, ``0123``, ``1.10``, ``1:20``,
``1e3`` and ``2025-03-16`` in a text field are written double-quoted, as is any
text with a leading indicator (``[sic]``, ``"``, ``- ``), ``: ``, `` #``,
surrounding spaces, line breaks or characters that must be escaped. Dates and
numbers in the fields that hold them (``date``, ``published``, ``credibility``)
are written plain, as people write them.

Lists are written in block style (one ``- item`` a line), never in flow style:
a flow list would need its own quoting rules for commas and brackets.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from negotrack.model.dates import PartialDate

#: Fields whose value is a date or a number: written plain when well-formed.
DATE_FIELDS = frozenset(("date", "published"))
NUMBER_FIELDS = frozenset(("credibility",))

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Numbers and words that YAML 1.2 core-schema readers, or YAML 1.1 readers
# beyond PyYAML's own resolver (``y``/``n``), would retype.
_ALSO_RETYPED = re.compile(
    r"""(?x)
    [yYnN]
    | [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    | 0o[0-7]+ | 0x[0-9a-fA-F]+
    | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)
    """
)
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
    "\ufeff": "\\uFEFF",
}
# What YAML readers accept literally inside a double-quoted scalar (the YAML
# printable set, less the characters some readers treat as line breaks).
# Bidirectional controls are escaped too, so that they show in the text.
_LITERAL = re.compile(
    "[\x20-\x7e\xa0-\u2027\u202f-\u2065\u206a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
    "\U00010000-\U0010ffff]"
)


@dataclass(frozen=True, slots=True)
class Style:
    """How a file indents a list of records.

    ``dash`` is the column of the ``-`` of each item; ``key`` how far the item's
    keys stand right of the dash (2 for ``- id: x``); ``nested`` how far a
    nested list's dash stands right of its key (2 for ``conditions:`` then
    ``  - ...``, 0 for a list written flush with its key).
    """

    dash: int = 2
    key: int = 2
    nested: int = 2
    newline: str = "\n"


@dataclass
class Emitted:
    """The text of one list item, and the 0-based line within it where each key starts."""

    text: str
    lines: dict[str, tuple[int, int]] = field(default_factory=dict)


def item(record: dict[str, Any], style: Style) -> Emitted:
    """One list item: ``- key: value`` lines, ``None`` values and empty lists left out.

    ``lines`` maps each top-level key to the first and last line (0-based,
    inclusive) of its text, so that a problem found on a line can be traced
    back to the field that caused it.
    """
    out: list[str] = []
    lines: dict[str, tuple[int, int]] = {}
    column = style.dash + style.key
    for key, value in record.items():
        if value is None or value == [] or value == {}:
            continue
        first = len(out)
        out.extend(_mapping_lines({key: value}, column, style))
        lines[key] = (first, len(out) - 1)
    if not out:
        out.append(" " * column + "{}")
    out[0] = _dash(style.dash, style.key) + out[0][column:]
    return Emitted(style.newline.join(out) + style.newline, lines)


def scalar(value: str, key: str | None = None) -> str:
    """``value`` as a YAML scalar that reads back as the same string.

    In the date and number fields a well-formed date or whole number is
    written plain, like ``date: 2025-03-16``.
    """
    if key in DATE_FIELDS and _is_date(value):
        return value
    if key in NUMBER_FIELDS and re.fullmatch(r"[1-9][0-9]*", value):
        return value
    if plain_is_safe(value):
        return value
    return quoted(value)


def plain_is_safe(value: str) -> bool:
    """True when ``value`` written plain (unquoted) reads back as the same string
    in block context, in every YAML reader."""
    if not value or value != value.strip() or value[0] in _INDICATORS:
        return False
    if ": " in value or " #" in value or value.endswith(":"):
        return False
    if any(not _LITERAL.match(char) for char in value):
        return False
    return not retyped(value)


def retyped(value: str) -> bool:
    """True when a YAML reader with implicit typing would not read ``value`` as text."""
    if _ALSO_RETYPED.fullmatch(value):
        return True
    from yaml.nodes import ScalarNode
    from yaml.resolver import Resolver

    # PyYAML's own resolver is the YAML 1.1 rule book: booleans, numbers, nulls,
    # timestamps, merge keys.
    return bool(
        _resolver().resolve(ScalarNode, value, (True, False)) != Resolver.DEFAULT_SCALAR_TAG
    )


@functools.cache
def _resolver() -> Any:
    from yaml.resolver import Resolver

    return Resolver()


def quoted(value: str) -> str:
    """``value`` double-quoted, with YAML escapes for what cannot stand literally."""
    return '"' + "".join(_escape(char) for char in value) + '"'


def _escape(char: str) -> str:
    escape = _ESCAPES.get(char)
    if escape is not None:
        return escape
    if _LITERAL.match(char):
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02X}"
    if code < 0x10000:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"  # pragma: no cover - every astral character is literal


def _mapping_lines(mapping: dict[Any, Any], column: int, style: Style) -> list[str]:
    lines = []
    for key, value in mapping.items():
        label = f"{' ' * column}{scalar(str(key))}:"
        if isinstance(value, list) and value:
            lines.append(label)
            lines.extend(_sequence_lines(value, column + style.nested, style))
        elif isinstance(value, dict) and value:
            lines.append(label)
            lines.extend(_mapping_lines(value, column + style.key, style))
        else:
            lines.append(f"{label} {_value(value, str(key))}")
    return lines


def _sequence_lines(entries: list[Any], dash: int, style: Style) -> list[str]:
    lines = []
    column = dash + style.key
    for entry in entries:
        if isinstance(entry, (dict, list)) and entry:
            inner = (
                _mapping_lines(entry, column, style)
                if isinstance(entry, dict)
                else _sequence_lines(entry, column, style)
            )
            lines.append(_dash(dash, style.key) + inner[0][column:])
            lines.extend(inner[1:])
        else:
            lines.append(f"{' ' * dash}- {_value(entry, None)}")
    return lines


def _dash(column: int, key: int) -> str:
    return " " * column + "-" + " " * (key - 1)


def _value(value: Any, key: str | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[]"
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return scalar(str(value), key)


def _is_date(value: str) -> bool:
    try:
        return str(PartialDate.parse(value)) == value
    except ValueError:
        return False
