"""``negotrack info``: which knowledge base a command would read, what is in it, and
where negotrack keeps its cache; the first thing to look at when output surprises."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field

from negotrack.checks.validate import check
from negotrack.load.loader import Progress
from negotrack.model.dates import PartialDate
from negotrack.model.kb import KnowledgeBase

#: The distributions whose versions change what negotrack reads or prints.
DEPENDENCIES = ("typer", "rich", "pydantic", "PyYAML")


@dataclass(frozen=True)
class Info:
    kb: KnowledgeBase
    #: The KB as found (a file or a directory), and whether it is the bundled one.
    path: str
    bundled: bool
    files: list[str]
    #: How many records of each section.
    counts: dict[str, int]
    #: The earliest and latest dates that stand for a position (None without positions).
    first: PartialDate | None
    last: PartialDate | None
    errors: int
    warnings: int
    #: The parse cache's directory, or None when there is none (or it is not used).
    cache: str | None
    #: ``{"negotrack": ..., "python": ..., "typer": ..., ...}``.
    versions: dict[str, str] = field(default_factory=dict)


def info(
    kb: str | os.PathLike[str] | None = None,
    *,
    cache: bool = True,
    progress: Progress | None = None,
) -> Info:
    """What ``negotrack`` finds at ``kb`` (see :func:`negotrack.load.loader.locate`):
    the path, the counts, the date range, the problems, the cache and versions.
    An invalid KB is described too: its problems are counted, not raised."""
    from negotrack.load import cache as parse_cache

    report = check(kb, cache=cache, progress=progress)
    base = report.kb
    # A position whose source is missing (an invalid KB) has no date that stands for it.
    dated = [p.when for p in base.positions if p.date is not None or base.source(p.source)]
    dates = sorted(dated, key=lambda d: d.sort_key())
    directory = parse_cache.directory() if cache else None
    return Info(
        kb=base,
        path=base.path,
        bundled=base.bundled,
        files=list(base.files),
        counts=base.counts(),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        errors=len(report.errors),
        warnings=len(report.warnings),
        cache=str(directory) if directory is not None else None,
        versions=versions(),
    )


def versions() -> dict[str, str]:
    """negotrack's, Python's and the dependencies' versions."""
    from importlib.metadata import PackageNotFoundError, version

    from negotrack import __version__

    out = {"negotrack": __version__, "python": platform.python_version()}
    for name in DEPENDENCIES:
        try:
            out[name.lower()] = version(name)
        except PackageNotFoundError:
            out[name.lower()] = "not installed"
    return out
