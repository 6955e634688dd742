"""Warning: an issue without a ``question``. Stances are coded against a directed
yes/no question ("Should Ukraine cede territory to Russia?"); without one,
``support`` and ``oppose`` have no agreed meaning."""

from __future__ import annotations

from collections.abc import Iterator

from negotrack.model.kb import KnowledgeBase
from negotrack.model.problems import Problem

ID = "issue-without-question"
LEVEL = "warning"


def check(kb: KnowledgeBase) -> Iterator[Problem]:
    for issue in kb.issues:
        if issue.question is None:
            yield kb.problem(
                issue,
                ("id",),
                f"issue '{issue.id}' has no question; stances on it have no agreed meaning",
            )
