"""What reading one KB file gives: the parsed-file record shared by the loader,
which makes it, and the parse cache, which stores it between runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from negotrack.model.problems import Problem
from negotrack.model.records import KBFile


@dataclass
class FileResult:
    """What reading one file gave: its records (None where a record was invalid)."""

    label: str
    data: KBFile | None
    problems: list[Problem] = field(default_factory=list)
    #: The YAML tree, when the file was parsed: with the places of its records
    #: only unless something had to be placed (see :func:`negotrack.load.yamltree.parse`).
    tree: Any = None
    #: What is left of invalid records (see :class:`negotrack.load.schema.Salvage`).
    salvage: Any = None
    #: The file's bytes again, to place a field when ``tree`` does not hold its
    #: place (None if the file changed meanwhile).
    reread: Callable[[], bytes | None] | None = None
    #: The file's cache key (None when read without the cache).
    key: bytes | None = None
