"""Problems are data: where, how bad, which rule, what is wrong.

Like a compiler's diagnostics, problems are collected (never raised one at a
time), sorted by place, and formatted as ``FILE:LINE:COL: level: message``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]
_LEVEL_ORDER = {"error": 0, "warning": 1}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a KB. ``line`` and ``column`` are 1-based; 0 means unknown."""

    file: str
    line: int
    column: int
    level: Level
    message: str
    #: The check that found it, e.g. ``yaml-syntax``, ``schema``, ``unknown-reference``.
    rule: str
    #: The field of the record it is about (``stance``), when it is about one.
    field: str | None = None

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.file, self.line, self.column, _LEVEL_ORDER[self.level], self.message)

    def __lt__(self, other: Problem) -> bool:
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        text = f"{where}: {self.level}: {self.message}"
        return f"{text} ({self.rule})" if self.rule else text

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "level": self.level,
            "rule": self.rule,
            "message": self.message,
        }
