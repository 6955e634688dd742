"""An option named by a position's ``acceptable`` or ``ideal``, or by a provision's
``option``, is on the scale of that issue ("unknown option 'freez' of issue 'donbas'
- did you mean 'freeze'?")."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.analysis.suggest import hint
from negotrack.checks.rules._scaled import option_references
from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "unknown-option"
LEVEL = "error"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    for record, path, option, issue in option_references(kb):
        if not issue.scale:
            continue  # reported by `no-scale`
        options = [o.id for o in issue.scale]
        if option not in options:
            yield kb.problem(
                record,
                path,
                f"unknown option '{option}' of issue '{issue.id}'{hint(option, options)}",
            )
