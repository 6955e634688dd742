"""The value types of the format: ids, text, URLs and grades.

Each is an ``Annotated`` plain ``str``, ``int`` or ``bool``: what a type checker
sees is what a record holds at run time. The checks live in a
``__get_pydantic_core_schema__`` hook in the metadata that pydantic calls only
when it builds the validator, so reading a KB from the cache never imports
pydantic.

A text type's check is a Python function, which has the last word and says
what is wrong; most values never reach it. pydantic-core first matches each
value against a pattern and length that only values the function accepts
pass (plain ASCII ids, text free of any character the function would look
at twice), and calls the function only for the others. A value that fails
both is reported as :data:`CHECK_FAILED`, and :func:`why_invalid` runs the
function again for its message, so every message is the function's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlsplit

from negotrack.model.safetext import forbidden_character, hidden_character, plain_text_pattern

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)

# Longest value of each kind. Far beyond real use (the longest summary of the
# bundled KB is under 200 characters), they catch a pasted article or a quote
# that swallowed the rest of a file before it fills every table.
MAX_ID = 100
MAX_TEXT = 2_000
MAX_LONG_TEXT = 20_000
MAX_URL = 2_000

#: How a boolean is written: YAML 1.2's words, never 1.1's yes/no/on/off/y/n.
_BOOLEANS = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}


def check_length(value: str, limit: int) -> None:
    if len(value) > limit:
        raise ValueError(f"too long: {len(value):,} characters, at most {limit:,} allowed here")


def check_text(value: str) -> str:
    """Non-blank text free of control and bidi-override characters."""
    check_length(value, MAX_TEXT)
    return _check_characters(value)


def check_long_text(value: str) -> str:
    """Like :func:`check_text`, for quotes, notes and descriptions."""
    check_length(value, MAX_LONG_TEXT)
    return _check_characters(value)


def _check_characters(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty or only whitespace")
    bad = forbidden_character(value)
    if bad is not None:
        raise ValueError(
            f"contains the control character {bad}; control and bidirectional-override "
            "characters are not allowed in KB text"
        )
    return value


def check_name(value: str) -> str:
    """Like :func:`check_text`, for names and aliases: nothing invisible either."""
    check_text(value)
    bad = hidden_character(value)
    if bad is not None:
        raise ValueError(
            f"contains the invisible character {bad}; names and aliases may not hold "
            "invisible or line-breaking characters, which make two names look alike"
        )
    return value


def check_id(value: str) -> str:
    check_length(value, MAX_ID)
    if not _ID.match(value):
        raise ValueError(
            f"invalid id {value!r}: use lowercase letters, digits and single hyphens "
            "(e.g. 'us-territory-2025-03-16')"
        )
    return value


def check_url(value: str) -> str:
    check_length(value, MAX_URL)
    _check_characters(value)
    if any(c.isspace() for c in value):
        raise ValueError(f"invalid URL {value!r}: URLs may not contain spaces")
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https"):
        shown = f"{parts.scheme}:" if parts.scheme else "no scheme"
        raise ValueError(f"invalid URL {value!r}: only http and https are allowed, not {shown}")
    if not parts.hostname:
        raise ValueError(f"invalid URL {value!r}: no host name")
    return value


#: The error type of a text value that its check refuses (see the module's docstring).
CHECK_FAILED = "negotrack_check"

#: Patterns that only values the check accepts match, read alike by Python's re
#: and by Rust's regex (pydantic-core's).
_PLAIN_TEXT = plain_text_pattern()
_PLAIN_NAME = plain_text_pattern(name=True)
#: http(s), a host name of letters, digits, dots and hyphens, then printable ASCII:
#: a URL whose scheme and host ``urlsplit`` finds as written.
_PLAIN_URL = r"^https?://[A-Za-z0-9.-]+(?:[/?#][!-~]*)?$"


#: The checks of the text types by name, for :func:`why_invalid`.
_CHECKS: dict[str, Callable[[str], str]] = {}


def why_invalid(check: str, value: str) -> str | None:
    """What the check named ``check`` (in a :data:`CHECK_FAILED` error's context)
    says is wrong with ``value``; None if it accepts it."""
    try:
        _CHECKS[check](value)
    except ValueError as error:
        return str(error)
    return None


class _Checked:
    """Pydantic's hook for a string type: values that match ``pattern`` (at most
    ``limit`` characters) pass; the others must pass pydantic's strict string
    check and then ``check``. It stands in the type's ``Annotated`` metadata, so
    that the type is a plain ``str`` to a type checker, as it is at run time."""

    def __init__(
        self,
        check: Callable[[str], str],
        json_schema: dict[str, Any],
        *,
        pattern: str,
        limit: int,
    ) -> None:
        self.check = check
        self.json_schema = json_schema
        self.pattern = pattern
        self.limit = limit
        _CHECKS[check.__name__] = check

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema as cs

        plain = cs.str_schema(strict=True, pattern=self.pattern, max_length=self.limit)
        checked = cs.no_info_after_validator_function(self.check, cs.str_schema(strict=True))
        return cs.union_schema(
            [plain, checked],
            mode="left_to_right",
            custom_error_type=CHECK_FAILED,
            custom_error_message="invalid value",
            custom_error_context={"check": self.check.__name__},
        )

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "string", **self.json_schema}


_TEXT_SCHEMA: dict[str, Any] = {"minLength": 1, "maxLength": MAX_TEXT, "pattern": r"\S"}

#: Non-blank text without control characters: a name, a title, one sentence.
Text = Annotated[str, _Checked(check_text, _TEXT_SCHEMA, pattern=_PLAIN_TEXT, limit=MAX_TEXT)]

#: A name or an alias: text without invisible characters (see :func:`check_name`).
Name = Annotated[str, _Checked(check_name, _TEXT_SCHEMA, pattern=_PLAIN_NAME, limit=MAX_TEXT)]

#: Text that may run to paragraphs: quotes, notes and descriptions.
LongText = Annotated[
    str,
    _Checked(
        check_long_text,
        {**_TEXT_SCHEMA, "maxLength": MAX_LONG_TEXT},
        pattern=_PLAIN_TEXT,
        limit=MAX_LONG_TEXT,
    ),
]

#: Lowercase letters, digits and single hyphens.
Id = Annotated[
    str,
    _Checked(
        check_id, {"maxLength": MAX_ID, "pattern": ID_PATTERN}, pattern=ID_PATTERN, limit=MAX_ID
    ),
]

#: An http or https URL.
Url = Annotated[
    str,
    _Checked(
        check_url,
        {"format": "uri", "maxLength": MAX_URL, "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://\\S+$"},
        pattern=_PLAIN_URL,
        limit=MAX_URL,
    ),
]


def check_number(value: Any) -> str:
    """A number as a document prints it: ``12``, ``3a`` or ``II``; whole numbers become text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return check_text(value)
    raise ValueError(f"expected a number or text, got {type(value).__name__}")


class _Plain:
    """Pydantic's hook for a type whose own function reads the value as written
    (pydantic's checks do not run first), in the type's ``Annotated`` metadata."""

    def __init__(self, parse: Callable[[Any], Any], json_schema: dict[str, Any]) -> None:
        self.parse = parse
        self.json_schema = json_schema

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema as cs

        return cs.no_info_plain_validator_function(self.parse)

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        return dict(self.json_schema)


#: How a document numbers a point: a whole number or short text, kept as text.
Number = Annotated[
    str,
    _Plain(check_number, {"type": ["string", "integer"], "minLength": 1, "maxLength": MAX_TEXT}),
]


_DIGITS = re.compile(r"[0-9]+")
_PADDED = re.compile(r"0[0-9]")


def parse_grade(value: Any) -> int:
    """An information grade from its text as written: exactly one of ``1`` to ``6``."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value) and not _PADDED.match(value):
        number = int(value)
    else:
        shown = repr(value) if isinstance(value, str) else type(value).__name__
        raise ValueError(
            f"expected a whole number from 1 to 6 written as plain digits, got {shown}"
        )
    if not 1 <= number <= 6:
        raise ValueError(f"must be from 1 to 6, got {str(value)!r}")
    return number


def parse_flag(value: Any) -> bool:
    """``true`` or ``false`` as written in YAML 1.2; never ``yes``, ``no``, ``on`` or ``1``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in _BOOLEANS:
        return _BOOLEANS[value]
    shown = repr(value) if isinstance(value, str) else type(value).__name__
    raise ValueError(f"expected true or false, got {shown}")


#: Admiralty information grade: 1 confirmed … 5 improbable, 6 cannot be judged.
#: Written as one plain digit: ``3.0``, ``+3``, ``03``, ``" 3"`` and ``1_0``
#: are refused rather than read as numbers (the format never coerces).
Credibility = Annotated[int, _Plain(parse_grade, {"type": "integer", "minimum": 1, "maximum": 6})]


#: A boolean field: ``true`` or ``false`` only (``official: no`` is an error, not False).
Flag = Annotated[bool, _Plain(parse_flag, {"type": "boolean"})]
