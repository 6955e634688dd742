"""``acceptable``, ``ideal`` and a provision's ``option`` need an issue with a
``scale``: there is nothing to place them on otherwise."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.checks.rules._scaled import option_references
from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "no-scale"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    reported: set[tuple[int, str]] = set()
    for record, path, _option, issue in option_references(kb):
        if issue.scale:
            continue
        field = str(path[-1] if path[0] == "provisions" else path[0])
        where = path[:3] if path[0] == "provisions" else (path[0],)
        if (id(record), str(where)) in reported:
            continue  # one problem for both ends of a range
        reported.add((id(record), str(where)))
        yield kb.problem(
            record,
            where,
            f"{field}: issue '{issue.id}' has no scale to place it on "
            "(give the issue a 'scale', or leave this out)",
            key=True,
        )
