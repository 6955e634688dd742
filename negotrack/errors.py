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

    def __init__(self, *parts: str | Field, hint: str | None = None) -> None:
        self.parts = parts
        #: What to do about it, in the library's words (fields, not options).
        self.hint = hint
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


@dataclass(frozen=True)
class Elsewhere:
    """A record of another kind that answers to a name asked for as one kind."""

    #: ``actor``, ``person``, ``issue``, ``source`` or ``position``.
    kind: str
    id: str
    name: str
    #: For a person or a position: the name and id of its actor.
    actor_name: str | None = None
    actor: str | None = None
    #: False when the name is only close to this record's.
    exact: bool = True

    def describe(self) -> str:
        """``a person of Russia (putin)``, ``an issue (nato-membership)``: the id in
        brackets, as it is typed."""
        article = "an" if self.kind[0] in "aeiou" else "a"
        owner = f" of {self.actor_name}" if self.actor_name else ""
        return f"{article} {self.kind}{owner} ({self.id})"


class UnknownName(UsageError):
    """A name that matches no record of the kind asked for; suggests close ones, and
    records of other kinds that answer to it."""

    def __init__(
        self,
        kind: str,
        name: str,
        suggestions: list[str],
        valid: list[str],
        elsewhere: list[Elsewhere] | None = None,
        valid_kind: str | None = None,
    ) -> None:
        elsewhere = elsewhere or []
        message = f"unknown {kind} {name!r}"
        exact = [e for e in elsewhere if e.exact]
        if exact:
            message += f": {name!r} is " + " and ".join(e.describe() for e in exact)
        elif suggestions:
            message += " — did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
        elif elsewhere:
            message += f" — did you mean {elsewhere[0].describe()}?"
        if valid:
            message += f"\nvalid {valid_kind or kind} ids: " + ", ".join(valid)
        super().__init__(message)
        self.kind, self.name, self.suggestions, self.valid = kind, name, suggestions, valid
        self.elsewhere = elsewhere


class OutputExists(NegotrackError):
    """Refusing to overwrite an existing file unless told to (``force``)."""


class NegotrackWarning(UserWarning):
    """Something the user should know that does not stop the command (an ignored
    cache, say); the CLI prints it as one line on stderr."""
