"""The one exception family the CLI turns into a message and an exit code.

Anything raised below the CLI that a user can cause is a :class:`NegotrackError`;
the CLI prints its message (never a traceback) and exits with ``exit_code``:
1 for bad data, 2 for a bad command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from negotrack.model.problems import Problem


class NegotrackError(Exception):
    """Base class: a message for the user and an exit code."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
    """Refusing to overwrite an existing file without --force."""
