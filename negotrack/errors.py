"""The one exception family the CLI turns into a message and an exit code.

Anything raised below the CLI that a user can cause is a :class:`NegotrackError`;
the CLI prints its message (never a traceback) and exits with ``exit_code``:
1 for bad data, 2 for a bad command line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from negotrack.model.problems import Problem


@dataclass(frozen=True)
class Field:
    """A parameter or field that a message names, such as ``force`` or a position's
    ``stance``: the library spells it by its name, the command line by its option
    (``--force``, ``--stance``). ``section`` says whose field it is (``positions``,
    ``sources``); ``value`` is the value given with it, if the message shows one."""

    name: str
    section: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        return self.name if self.value is None else f"{self.name} {self.value}"


#: How a message spells a field: the library's spelling is its name (``str``).
Spelling = Callable[[Field], str]


class NegotrackError(Exception):
    r"""Base class: a message for the user and an exit code.

    The message is text and :class:`Field`\ s, so that the command line can
    name its options where the library names its parameters (:meth:`text`).
    """

    exit_code = 1

    def __init__(self, *parts: str | Field) -> None:
        self.parts = parts
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The message, fields spelled by their names."""
        return self.text(str)

    def text(self, spell: Spelling) -> str:
        """The message, each field spelled by ``spell``."""
        return "".join(part if isinstance(part, str) else spell(part) for part in self.parts)


class KBNotFound(NegotrackError):
    """The knowledge base path does not exist or cannot be read."""

    exit_code = 2


class InvalidKB(NegotrackError):
    """The knowledge base has errors; ``problems`` says where and what."""

    def __init__(self, problems: list[Problem]) -> None:
        count = sum(1 for p in problems if p.level == "error")
        super().__init__(f"the knowledge base has {count} error{'s' if count != 1 else ''}")
        self.problems = problems


class UsageError(NegotrackError):
    """A command-line value is wrong (an unknown actor, a malformed date)."""

    exit_code = 2


class UnknownName(UsageError):
    """A name that matches no actor, issue, person or source; suggests close ones."""

    def __init__(self, kind: str, name: str, suggestions: list[str], valid: list[str]) -> None:
        message = f"unknown {kind} {name!r}"
        if suggestions:
            message += " — did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
        if valid:
            message += f"\nvalid {kind} ids: " + ", ".join(valid)
        super().__init__(message)
        self.kind, self.name, self.suggestions, self.valid = kind, name, suggestions, valid


class OutputExists(NegotrackError):
    """Refusing to overwrite an existing file unless told to (``force``)."""
