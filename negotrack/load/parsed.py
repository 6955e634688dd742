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
    tree: Any = None
    #: What is left of invalid records (see :class:`negotrack.load.schema.Salvage`).
    salvage: Any = None
    #: Reads the file's bytes again when its records came from the cache and
    #: ``tree`` is None (None if the file changed meanwhile).
    reread: Callable[[], bytes | None] | None = None
    #: The file's cache key (None when read without the cache).
    key: bytes | None = None
