"""Load a KB and run every check on it: the one function behind ``negotrack validate``
and behind every command that reads a KB."""

from __future__ import annotations

import os
from dataclasses import dataclass

from . import loader, rules
from .errors import InvalidKB
from .kb import KnowledgeBase
from .problems import Problem


@dataclass
class Report:
    """A loaded KB and everything wrong with it, sorted by file and line."""

    kb: KnowledgeBase
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def ok(self, *, strict: bool = False) -> bool:
        """True when there are no errors (and, if ``strict``, no warnings)."""
        return not (self.problems if strict else self.errors)


def check(kb: str | os.PathLike[str] | None = None, *, cache: bool = True) -> Report:
    """Load the KB at ``kb`` (see :func:`negotrack.loader.locate`) and check it.

    ``cache=False`` parses every file afresh (the cache never changes results).

    Cross-record rules run once every file could be parsed; until then they
    would only report what the unreadable file holds as missing.
    """
    base, problems = loader.load(kb, cache=cache)
    if base.complete:
        problems = problems + rules.run(base)
    return Report(base, sorted(problems))


def open_kb(kb: str | os.PathLike[str] | None = None, *, cache: bool = True) -> KnowledgeBase:
    """Load and check the KB; raise :class:`InvalidKB` if it has errors."""
    report = check(kb, cache=cache)
    if report.errors:
        raise InvalidKB(report.problems)
    return report.kb
