"""How a typed name matches an id, name or alias: case-insensitive, with spaces,
hyphens and underscores treated alike (``United States`` = ``united-states``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_SEPARATORS = re.compile(r"[\s_\-]+")


def normalise(name: str) -> str:
    return _SEPARATORS.sub("-", name.strip().casefold()).strip("-")


def name_keys(record: Any) -> Iterator[tuple[tuple[Any, ...], str]]:
    """``(field path, name)`` for the id, name and each alias of a record."""
    yield ("id",), record.id
    yield ("name",), record.name
    for index, alias in enumerate(getattr(record, "aliases", ())):
        yield ("aliases", index), alias
