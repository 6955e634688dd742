"""The value types of the format: ids, text, URLs and grades.

Each is a plain ``str``/``int`` at run time. The checks live in a
``__get_pydantic_core_schema__`` hook that pydantic calls only when it builds
the validator, so reading a KB from the cache never imports pydantic.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar
from urllib.parse import urlsplit

from .safetext import forbidden_character

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)


def check_text(value: str) -> str:
    """Non-blank text free of control and bidi-override characters."""
    if not value.strip():
        raise ValueError("must not be empty or only whitespace")
    bad = forbidden_character(value)
    if bad is not None:
        raise ValueError(
            f"contains the control character {bad}; control and bidirectional-override "
            "characters are not allowed in KB text"
        )
    return value


def check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(
            f"invalid id {value!r}: use lowercase letters, digits and single hyphens "
            "(e.g. 'us-territory-2025-03-16')"
        )
    return value


def check_url(value: str) -> str:
    check_text(value)
    if any(c.isspace() for c in value):
        raise ValueError(f"invalid URL {value!r}: URLs may not contain spaces")
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https"):
        shown = f"{parts.scheme}:" if parts.scheme else "no scheme"
        raise ValueError(f"invalid URL {value!r}: only http and https are allowed, not {shown}")
    if not parts.hostname:
        raise ValueError(f"invalid URL {value!r}: no host name")
    return value


class _Checked(str):
    """A string type whose check runs after pydantic's strict string check."""

    check: ClassVar[Callable[[str], str]]
    json_schema: ClassVar[dict[str, Any]] = {}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema as cs

        return cs.no_info_after_validator_function(cls.check, cs.str_schema(strict=True))

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "string", **cls.json_schema}


class Text(_Checked):
    """Non-blank text without control characters."""

    check = staticmethod(check_text)
    json_schema: ClassVar[dict[str, Any]] = {"minLength": 1, "pattern": r"\S"}


class Id(_Checked):
    """Lowercase letters, digits and single hyphens."""

    check = staticmethod(check_id)
    json_schema: ClassVar[dict[str, Any]] = {"pattern": ID_PATTERN}


class Url(_Checked):
    """An http or https URL."""

    check = staticmethod(check_url)
    json_schema: ClassVar[dict[str, Any]] = {
        "format": "uri",
        "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://\\S+$",
    }


class Credibility(int):
    """Admiralty information grade: 1 confirmed … 5 improbable, 6 cannot be judged."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema as cs

        return cs.int_schema(ge=1, le=6)
