"""Load a KB and run every check on it: the one function behind ``negotrack validate``
and behind every command that reads a KB."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from negotrack.errors import InvalidKB
from negotrack.load import loader
from negotrack.load.loader import Progress
from negotrack.model.kb import KnowledgeBase, Scope
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
    scope: Callable[[KnowledgeBase], Scope | None] | None = None,
) -> KnowledgeBase:
    """Load and check the KB; raise :class:`InvalidKB` if it has errors.

    ``scope`` says which positions the caller will look at: given the KB without
    its positions and sources, it returns a :class:`~negotrack.model.kb.Scope`
    (None, or an error, for every position). While no file of the KB changed
    since it was last read whole for a scope, the KB returned holds only the positions
    that can be in the scope and the sources cited, read from the KB's query
    index (:mod:`negotrack.load.kbindex`): pass it only to the view the scope was
    worked out for, which selects among them as among all.
    """
    if cache and scope is not None:
        found = _scoped(kb_path, scope)
        if found is not None:
            return found
    report = check(kb_path, cache=cache, progress=progress)
    if report.errors:
        raise InvalidKB(report.problems)
    if cache and scope is not None and report.kb.fingerprint is not None:
        _index(report)  # for the next command with a scope: only those use the index
    return report.kb


def _scoped(
    kb_path: str | os.PathLike[str] | None, scope: Callable[[KnowledgeBase], Scope | None]
) -> KnowledgeBase | None:
    """The KB for the scope from the query index, or None when it cannot answer: a
    file changed, there is no index, or the scope takes every position."""
    from negotrack.errors import NegotrackError
    from negotrack.load.cache import open_store

    try:
        from negotrack.load import kbindex
    except ImportError:  # a Python built without sqlite3: the parse cache alone
        return None

    store = open_store()
    if store is None:
        return None
    known = loader.unchanged(store, kb_path)
    if known is None:
        return None
    root, bundled = loader.find_kb(kb_path)
    index = kbindex.open_index(store, *known)
    if index is None:
        return None
    kb = None
    try:
        try:
            problems = index.problems()
            skeleton = index.skeleton(str(root), bundled)
        except Exception:  # damaged (SQLite checks no sums): read whole, index again
            index.discard()
            return None
        if any(p.level == "error" for p in problems):
            raise InvalidKB(problems)
        try:
            wanted = scope(skeleton)
        except NegotrackError:  # a name to report: the whole KB says it as always
            return None
        if wanted is None or wanted.everything:
            return None
        try:
            with loader.bulk():
                kb = index.read(skeleton, wanted)
        except Exception:  # damaged where the rows are
            index.discard()
            return None
        return kb
    finally:
        if kb is None:  # else the KB's written positions keep it open
            index.close()


def _index(report: Report) -> None:
    """Write the query index of a valid KB just read whole, unless it is current."""
    from negotrack.load.cache import open_store

    try:
        from negotrack.load import kbindex
    except ImportError:  # a Python built without sqlite3
        return
    from negotrack.analysis.kept import worked_out

    store = open_store()
    if store is not None and not kbindex.current(store, report.kb):
        kbindex.write(store, report.kb, report.problems, worked_out)
