"""Load a KB and run every check on it: the one function behind ``negotrack validate``
and behind every command that reads a KB."""

from __future__ import annotations

import os
from dataclasses import dataclass

from negotrack.errors import InvalidKB
from negotrack.load import loader
from negotrack.load.loader import Progress
from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem


class _Problems:
    """The errors and warnings among ``problems``, and whether they pass."""

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


@dataclass
class Report(_Problems):
    """A loaded KB and everything wrong with it, sorted by file and line."""

    kb: KnowledgeBase
    problems: list[Problem]


@dataclass
class Summary(_Problems):
    """What ``validate`` reports of a KB, without its records: its files, how many
    records each section has, and its problems (sorted)."""

    files: list[str]
    counts: dict[str, int]
    problems: list[Problem]


def summarize(
    kb_path: str | os.PathLike[str] | None = None,
    *,
    cache: bool = True,
    progress: Progress | None = None,
) -> Summary:
    """:func:`check`, reduced to what ``validate`` prints.

    While no file of the KB changed since it was last summarized, the answer
    comes from the cache without reading a file's records at all.
    """
    store = None
    if cache:
        from negotrack.load.cache import open_store

        store = open_store()  # None (with a warning) where no cache can be trusted
        cache = store is not None
    if store is not None:
        known = loader.unchanged(store, kb_path)
        found = store.get_summary(*known) if known is not None else None
        if known is not None and found is not None:
            return Summary(known[0], *found)
    report = check(kb_path, cache=cache, progress=progress)
    summary = Summary(report.kb.files, report.kb.counts(), report.problems)
    if store is not None and report.kb.fingerprint is not None:
        store.put_summary(summary.files, report.kb.fingerprint, summary.counts, summary.problems)
    return summary


def check(
    kb_path: str | os.PathLike[str] | None = None,
    *,
    cache: bool = True,
    progress: Progress | None = None,
) -> Report:
    """Load the KB at ``kb_path`` (see :func:`negotrack.load.loader.locate`) and check it.

    ``cache=False`` parses every file afresh (the cache never changes results).
    ``progress`` is told how far parsing has gone (see :func:`negotrack.load.loader.load`).

    Cross-record rules run once every file could be parsed; until then they
    would only report what the unreadable file holds as missing. What they
    find is cached with the files, so an unchanged KB is not checked again.
    """
    base, problems = loader.load(kb_path, cache=cache, progress=progress)
    if base.complete:
        problems = problems + _cross_record(base)
    return Report(base, sorted(problems))


def _cross_record(base: KnowledgeBase) -> list[Problem]:
    if base.fingerprint is not None:
        from negotrack.load.cache import open_store

        store = open_store()
        if store is not None:
            return store.kb_problems(base, _run_rules)
    return _run_rules(base)


def _run_rules(base: KnowledgeBase) -> list[Problem]:
    from negotrack.checks import rules  # not needed when the cache has the answer

    return rules.run(base)


def open_kb(
    kb_path: str | os.PathLike[str] | None = None,
    *,
    cache: bool = True,
    progress: Progress | None = None,
) -> KnowledgeBase:
    """Load and check the KB; raise :class:`InvalidKB` if it has errors."""
    report = check(kb_path, cache=cache, progress=progress)
    if report.errors:
        raise InvalidKB(report.problems)
    return report.kb
